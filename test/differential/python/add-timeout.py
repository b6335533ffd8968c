"""a timeout cancels the Deferred: stages added before addTimeout see CancelledError, later ones TimeoutError.

addTimeout: a timeout cancels the Deferred, stages added before it see
CancelledError and later ones TimeoutError; firing in time cancels the timer;
onTimeoutCancel replaces the conversion; a canceller's own value wins; an
explicit cancel() stays a CancelledError (R10)."""

from twisted.internet.defer import Deferred
from twisted.internet.task import Clock

from _trace import err, fmt


def run(t):
    clock = Clock()

    d1 = Deferred()
    d1.addErrback(lambda f: (t.emit("d1 early stage got " + err(f)), f)[1])
    d1.addTimeout(5, clock)
    d1.addErrback(lambda f: t.emit("d1 late stage got " + err(f)))
    clock.advance(4)
    t.emit("d1 called at 4: " + fmt(d1.called))
    clock.advance(1)
    t.emit("pending " + fmt(len(clock.getDelayedCalls())))

    d2 = Deferred()
    d2.addTimeout(5, clock)
    d2.addCallback(lambda v: t.emit("d2 got " + fmt(v)))
    clock.advance(1)
    d2.callback("in time")
    t.emit("pending after d2 fired " + fmt(len(clock.getDelayedCalls())))

    def on_timeout(result, timeout):
        t.emit("onTimeoutCancel got %s, timeout %s" % (fmt(result), fmt(timeout)))
        return "replacement"

    d3 = Deferred()
    d3.addTimeout(2, clock, onTimeoutCancel=on_timeout)
    d3.addCallback(lambda v: t.emit("d3 got " + fmt(v)))
    clock.advance(2)

    d4 = Deferred(lambda d: d.callback("canceller value"))
    d4.addTimeout(1, clock)
    d4.addCallback(lambda v: t.emit("d4 got " + fmt(v)))
    clock.advance(1)

    d5 = Deferred()
    d5.addTimeout(3, clock)
    d5.addErrback(lambda f: t.emit("d5 explicit cancel got " + err(f)))
    d5.cancel()
    t.emit("pending after explicit cancel " + fmt(len(clock.getDelayedCalls())))

    d6 = Deferred()
    d6.callback("already")
    d6.addTimeout(1, clock)
    t.emit("pending after timeout on fired " + fmt(len(clock.getDelayedCalls())))
    d6.addCallback(lambda v: t.emit("d6 got " + fmt(v)))
