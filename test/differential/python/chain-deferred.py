"""chainDeferred forwards the result to the other Deferred and continues with None.

d1.chainDeferred(d2) is addCallbacks(d2.callback, d2.errback): d1 goes on with
None; if d2 already fired, d1's chain gets AlreadyCalledError; if d2 was
cancelled without a canceller, the forwarded result is swallowed (features
§1)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


def run(t):
    d1, d2 = Deferred(), Deferred()
    d2.addCallback(lambda v: (t.emit("d2 got " + fmt(v)), "d2-result")[1])
    d1.chainDeferred(d2)
    d1.addCallback(lambda v: t.emit("d1 continues with " + fmt(v)))
    d1.callback("shared")

    e1, e2 = Deferred(), Deferred()
    e1.chainDeferred(e2)
    e2.addErrback(lambda f: t.emit("e2 eb got " + err(f)))
    e1.addBoth(lambda r: t.emit("e1 continues with " + fmt(r)))
    e1.errback(ValueError("forwarded failure"))

    f1, f2 = Deferred(), Deferred()
    f2.callback("f2 fired first")
    f1.chainDeferred(f2)
    f1.addErrback(lambda f: t.emit("f1 eb got " + err(f)))
    f1.callback("too late")

    g1, g2 = Deferred(), Deferred()
    g2.addErrback(lambda f: (t.emit("g2 eb got " + err(f)), None)[1])
    g2.cancel()
    g1.chainDeferred(g2)
    g1.addBoth(lambda r: t.emit("g1 continues with " + fmt(r)))
    g1.callback("swallowed")
    g2.addBoth(lambda r: t.emit("g2 holds " + fmt(r)))
