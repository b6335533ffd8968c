"""after a canceller that does not fire, a late callback raises AlreadyCalledError.

A canceller that does not fire leaves the CancelledError errback to
cancel(), and then a late producer callback raises AlreadyCalledError (R5)."""

from twisted.internet.defer import AlreadyCalledError, Deferred

from _trace import err, exc, fmt


def run(t):
    def canceller(d):
        t.emit("canceller called, called " + fmt(d.called))

    d = Deferred(canceller)
    d.addCallbacks(
        lambda v: t.emit("cb got " + fmt(v)),
        lambda f: (t.emit("eb got " + err(f)), None)[1],
    )
    d.cancel()
    t.emit("called " + fmt(d.called))
    try:
        d.callback("late")
        t.emit("late callback: no error")
    except AlreadyCalledError as e:
        t.emit("late callback raised " + exc(e))
