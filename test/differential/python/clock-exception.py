"""an exception raised by a timed call escapes Clock.advance().

An exception raised by a timed call escapes Clock.advance(); the call is
spent and the other due calls stay pending until the next advance (R13)."""

from twisted.internet.task import Clock

from _trace import exc, fmt


def run(t):
    clock = Clock()

    def boom():
        t.emit("boom runs")
        raise ValueError("timed call failed")

    def call(name):
        t.emit(name + " runs at " + fmt(clock.seconds()))

    clock.callLater(1, call, "first")
    bad = clock.callLater(1, boom)
    after = clock.callLater(1, call, "after")
    try:
        clock.advance(1)
        t.emit("advance returned")
    except ValueError as e:
        t.emit("advance raised " + exc(e))
    t.emit("bad active " + fmt(bad.active()) + ", after active " + fmt(after.active()))
    t.emit("pending " + fmt(len(clock.getDelayedCalls())))
    clock.advance(0)
    t.emit("pending " + fmt(len(clock.getDelayedCalls())))
