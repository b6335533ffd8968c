"""a callback that returns a Failure switches the chain to the error path.

Returning a Failure is like raising it; an errback that returns None puts
None on the callback path; addCallbacks without an errback passes a failure
through (R1)."""

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from _trace import err, fmt


def run(t):
    d = Deferred()
    d.addCallback(lambda v: (t.emit("cb1 got " + fmt(v)), Failure(ValueError("returned")))[1])
    d.addCallback(lambda v: t.emit("cb2 must not run"))
    d.addCallbacks(lambda v: t.emit("cb3 must not run"))
    d.addErrback(lambda f: t.emit("eb got " + err(f)))
    d.addCallback(lambda v: (t.emit("cb4 got " + fmt(v)), [v, "x"])[1])
    d.addBoth(lambda r: t.emit("both got " + fmt(r)))
    d.callback(1)

    e = Deferred()
    e.addCallback(lambda v: t.emit("e cb got " + fmt(v)))
    e.callback(Failure(RuntimeError("callback with a Failure")))
    e.addErrback(lambda f: t.emit("e eb got " + err(f)))
