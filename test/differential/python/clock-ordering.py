"""Clock.advance runs due calls in time order, FIFO for equal times, including calls added while advancing.

Clock.advance moves time first, then runs due calls in time order, FIFO for
equal times; a call scheduled during advance that is already due runs in the
same advance (R13)."""

from twisted.internet.task import Clock

from _trace import fmt


def run(t):
    clock = Clock()

    def call(name):
        t.emit("%s at %s" % (name, fmt(clock.seconds())))

    def spawner():
        t.emit("spawner at " + fmt(clock.seconds()))
        clock.callLater(0, call, "spawned-zero")
        clock.callLater(0.5, call, "spawned-half")
        clock.callLater(5, call, "spawned-later")

    clock.callLater(2, call, "two-a")
    clock.callLater(1, call, "one")
    clock.callLater(2, call, "two-b")
    clock.callLater(1, spawner)
    clock.callLater(2, call, "two-c")
    clock.callLater(3, call, "three")
    t.emit("pending " + fmt(len(clock.getDelayedCalls())))
    t.emit("advance 2")
    clock.advance(2)
    t.emit("now " + fmt(clock.seconds()) + ", pending " + fmt(len(clock.getDelayedCalls())))
    t.emit("advance 0.5")
    clock.advance(0.5)
    t.emit("pump [1, 1, 3]")
    clock.pump([1, 1, 3])
    t.emit("now " + fmt(clock.seconds()) + ", pending " + fmt(len(clock.getDelayedCalls())))
    dc = clock.callLater(1.25, call, "quarter")
    t.emit("getTime " + fmt(dc.getTime()))
    clock.advance(1.25)
