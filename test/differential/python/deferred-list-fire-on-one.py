"""fireOnOneCallback fires with (value, index) and fireOnOneErrback fails with FirstError.

fireOnOneCallback fires with (value, index) at the first success and
ignores the rest; fireOnOneErrback fails with FirstError(failure, index) at
the first failure (features §3)."""

from twisted.internet.defer import Deferred, DeferredList

from _trace import err, fmt


def run(t):
    a, b, c = Deferred(), Deferred(), Deferred()
    dl = DeferredList([a, b, c], fireOnOneCallback=True)
    dl.addCallback(lambda r: t.emit("fireOnOneCallback got " + fmt(r)))
    a.errback(ValueError("a failed"))
    t.emit("a failed, list called " + fmt(dl.called))
    c.callback("C")
    t.emit("c fired, list called " + fmt(dl.called))
    b.callback("B")
    a.addErrback(lambda f: t.emit("a holds " + err(f)))

    p, q = Deferred(), Deferred()
    dl2 = DeferredList([p, q], fireOnOneErrback=True)
    dl2.addCallbacks(
        lambda r: t.emit("fireOnOneErrback cb got " + fmt(r)),
        lambda f: t.emit("fireOnOneErrback eb got " + err(f)),
    )
    p.callback("P")
    t.emit("p fired, list called " + fmt(dl2.called))
    q.errback(RuntimeError("q failed"))
    q.addErrback(lambda f: t.emit("q holds " + err(f)))
