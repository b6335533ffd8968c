"""deferLater calls f after the delay, and a cancelled deferLater never calls it.

deferLater fires with f(*args) after the delay, errbacks if f raises, and
when cancelled fails with CancelledError without ever calling f (R13)."""

from twisted.internet.task import Clock, deferLater

from _trace import err, fmt


def run(t):
    clock = Clock()

    def f(a, b):
        t.emit("f called with %s %s at %s" % (fmt(a), fmt(b), fmt(clock.seconds())))
        return a + b

    d1 = deferLater(clock, 2, f, 1, 2)
    d1.addCallback(lambda v: t.emit("d1 got " + fmt(v)))
    d2 = deferLater(clock, 1)
    d2.addCallback(lambda v: t.emit("d2 got " + fmt(v)))

    def boom():
        raise ValueError("f raised")

    d3 = deferLater(clock, 3, boom)
    d3.addErrback(lambda f_: t.emit("d3 failed " + err(f_)))
    d4 = deferLater(clock, 1.5, f, 10, 20)
    d4.addErrback(lambda f_: t.emit("d4 failed " + err(f_)))
    t.emit("pending " + fmt(len(clock.getDelayedCalls())))
    d4.cancel()
    t.emit("after cancel pending " + fmt(len(clock.getDelayedCalls())))
    clock.advance(1)
    clock.advance(1)
    clock.advance(1)
    t.emit("end pending " + fmt(len(clock.getDelayedCalls())))
