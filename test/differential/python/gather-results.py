"""gatherResults gives values in input order or FirstError with the failing index.

gatherResults gives the values in input order; the first failure gives
FirstError(failure, index) and the other members are not cancelled;
consumeErrors handles the member's failure; cancel() cancels every member
(features §3)."""

from twisted.internet.defer import Deferred, gatherResults

from _trace import err, fmt


def run(t):
    a, b = Deferred(), Deferred()
    g = gatherResults([a, b])
    g.addCallback(lambda r: t.emit("gather got " + fmt(r)))
    b.callback(2)
    a.callback(1)

    canceller_calls = []
    p = Deferred(lambda d: canceller_calls.append("p"))
    q = Deferred(lambda d: canceller_calls.append("q"))
    r = Deferred(lambda d: canceller_calls.append("r"))
    g2 = gatherResults([p, q, r], consumeErrors=True)
    g2.addErrback(lambda f: t.emit("gather eb got " + err(f)))
    p.callback("P")
    r.errback(ValueError("r failed"))
    t.emit("cancellers called " + fmt(canceller_calls))
    r.addBoth(lambda v: t.emit("r now holds " + fmt(v)))
    q.callback("Q")

    x = Deferred(lambda d: t.emit("x canceller"))
    y = Deferred(lambda d: t.emit("y canceller"))
    g3 = gatherResults([x, y])
    g3.addErrback(lambda f: t.emit("cancelled gather got " + err(f)))
    g3.cancel()
    y.addErrback(lambda f: t.emit("y holds " + err(f)))
    x.addErrback(lambda f: t.emit("x holds " + err(f)))
