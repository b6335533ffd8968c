"""maybeDeferred passes a returned Deferred through and turns throws into failures.

succeed/fail make fired Deferreds; maybeDeferred passes a returned Deferred
through as the same object, turns a returned Failure or a raised exception
into a failed Deferred and anything else into a fired one; execute does the
same for values and exceptions (features §3)."""

from twisted.internet.defer import Deferred, execute, fail, maybeDeferred, succeed
from twisted.python.failure import Failure

from _trace import err, fmt


def run(t):
    s = succeed([1, (2, 3)])
    t.emit("succeed called " + fmt(s.called))
    s.addCallback(lambda v: t.emit("succeed gave " + fmt(v)))
    f = fail(ValueError("fail"))
    f.addErrback(lambda x: t.emit("fail gave " + err(x)))

    def returns(v):
        t.emit("f called with " + fmt(v))
        return v

    def raises():
        raise RuntimeError("raised inside")

    pending = Deferred()
    m1 = maybeDeferred(returns, "plain")
    m1.addCallback(lambda v: t.emit("maybeDeferred value gave " + fmt(v)))
    m2 = maybeDeferred(raises)
    t.emit("maybeDeferred raise: called " + fmt(m2.called))
    m2.addErrback(lambda x: t.emit("maybeDeferred raise gave " + err(x)))
    m3 = maybeDeferred(returns, pending)
    t.emit("maybeDeferred Deferred is the same object " + fmt(m3 is pending))
    m4 = maybeDeferred(lambda: Failure(ValueError("returned failure")))
    m4.addErrback(lambda x: t.emit("maybeDeferred Failure gave " + err(x)))
    m5 = maybeDeferred(returns, None)
    m5.addCallback(lambda v: t.emit("maybeDeferred None gave " + fmt(v)))

    e1 = execute(returns, 7)
    e1.addCallback(lambda v: t.emit("execute value gave " + fmt(v)))
    e2 = execute(raises)
    e2.addErrback(lambda x: t.emit("execute raise gave " + err(x)))
    pending.callback("done")
