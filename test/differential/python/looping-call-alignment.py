"""LoopingCall aligns calls to its start time and skips missed intervals.

LoopingCall runs at start + k*interval; after a long advance it runs once,
skipping the missed intervals, and withCount reports how many intervals
elapsed; stop() fires the start Deferred with the LoopingCall (R13)."""

from twisted.internet.task import Clock, LoopingCall

from _trace import fmt


def run(t):
    clock = Clock()
    clock.advance(0.5)

    def tick(count):
        t.emit("tick count %s at %s" % (fmt(count), fmt(clock.seconds())))

    lc = LoopingCall.withCount(tick)
    lc.clock = clock
    d = lc.start(2, now=True)
    d.addCallback(lambda r: t.emit("start deferred fired, same loop " + fmt(r is lc)))
    t.emit("running " + fmt(lc.running))
    for step in (1, 1.5, 7, 0.5, 3):
        t.emit("advance " + fmt(step))
        clock.advance(step)
    t.emit("stopping")
    lc.stop()
    t.emit("running " + fmt(lc.running) + ", pending " + fmt(len(clock.getDelayedCalls())))

    plain = LoopingCall(lambda: t.emit("plain at " + fmt(clock.seconds())))
    plain.clock = clock
    plain.start(1, now=False)
    t.emit("started without now")
    clock.advance(1)
    clock.advance(2.5)
    plain.stop()
