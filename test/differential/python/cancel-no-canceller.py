"""cancel() without a canceller swallows exactly one late callback.

cancel() without a canceller errbacks with CancelledError and swallows
exactly one later callback/errback from the producer; the next raises
AlreadyCalledError (R5)."""

from twisted.internet.defer import AlreadyCalledError, Deferred

from _trace import err, exc, fmt


def run(t):
    d = Deferred()
    d.addCallbacks(
        lambda v: t.emit("cb got " + fmt(v)),
        lambda f: (t.emit("eb got " + err(f)), "handled")[1],
    )
    t.emit("cancelling")
    d.cancel()
    t.emit("called " + fmt(d.called))
    d.callback("late result")
    t.emit("late callback swallowed")
    try:
        d.callback("second late result")
        t.emit("second late callback: no error")
    except AlreadyCalledError as e:
        t.emit("second late callback raised " + exc(e))
    t.emit("cancel again")
    d.cancel()
    d.addCallback(lambda v: t.emit("final got " + fmt(v)))

    e = Deferred()
    e.cancel()
    e.errback(ValueError("late failure"))
    t.emit("late errback swallowed")
    e.addErrback(lambda f: t.emit("e eb got " + err(f)))
