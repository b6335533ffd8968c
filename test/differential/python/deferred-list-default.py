"""a DeferredList fires with (success, result) pairs in input order once every member fired.

A DeferredList fires once every member has fired, with (success, result)
pairs in input order, even when all fail; without consumeErrors the members
keep their results (features §3)."""

from twisted.internet.defer import Deferred, DeferredList

from _trace import err, fmt


def run(t):
    a, b, c = Deferred(), Deferred(), Deferred()
    dl = DeferredList([a, b, c])
    dl.addCallback(lambda r: t.emit("list got " + fmt(r)))
    t.emit("firing c")
    c.callback("C")
    t.emit("failing a")
    a.errback(ValueError("a failed"))
    t.emit("firing b")
    b.callback("B")
    a.addErrback(lambda f: (t.emit("a still holds " + err(f)), "a handled")[1])
    c.addCallback(lambda v: t.emit("c still holds " + fmt(v)))

    x, y = Deferred(), Deferred()
    all_fail = DeferredList([x, y])
    all_fail.addCallbacks(
        lambda r: t.emit("all-fail list called back with " + fmt(r)),
        lambda f: t.emit("all-fail list errback " + err(f)),
    )
    y.errback(RuntimeError("y"))
    x.errback(RuntimeError("x"))
    x.addErrback(lambda f: None)
    y.addErrback(lambda f: None)
