"""a second callback or errback raises AlreadyCalledError to its caller.

A second callback/errback raises AlreadyCalledError to its caller, and
inside a callback it becomes that chain's failure; `called` stays True (R4)."""

from twisted.internet.defer import AlreadyCalledError, Deferred

from _trace import err, exc, fmt


def run(t):
    d = Deferred()
    d.addCallback(lambda v: (t.emit("cb got " + fmt(v)), v)[1])
    d.callback(1)
    for name, fire in (("callback", lambda: d.callback(2)), ("errback", lambda: d.errback(ValueError("late")))):
        try:
            fire()
            t.emit(name + " again: no error")
        except AlreadyCalledError as e:
            t.emit(name + " again raised " + exc(e))
    t.emit("called " + fmt(d.called))

    d2 = Deferred()

    def refire(v):
        t.emit("refire got " + fmt(v))
        d2.callback("again")
        t.emit("not reached")

    d2.addCallback(refire)
    d2.addErrback(lambda f: (t.emit("eb got " + err(f)), "caught")[1])
    d2.addCallback(lambda v: t.emit("after eb got " + fmt(v)))
    d2.callback("first")

    d3 = Deferred()
    d3.errback(ValueError("first failure"))
    try:
        d3.callback(3)
    except AlreadyCalledError as e:
        t.emit("callback after errback raised " + exc(e))
    d3.addErrback(lambda f: t.emit("d3 eb got " + err(f)))
