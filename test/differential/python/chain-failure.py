"""a failure crosses a chain like a value and the inner continues with None.

A failure crosses a chain like a value: the outer's errback gets it, the
inner continues with None, and only the outer could report it (R2, R6)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


def run(t):
    outer = Deferred()
    inner = Deferred()
    outer.addCallback(lambda v: inner)
    outer.addCallbacks(
        lambda v: t.emit("outer cb got " + fmt(v)),
        lambda f: (t.emit("outer eb got " + err(f)), "handled")[1],
    )
    outer.addCallback(lambda v: t.emit("outer cb2 got " + fmt(v)))
    outer.callback(0)
    inner.addBoth(lambda r: t.emit("inner after got " + fmt(r)))
    inner.errback(ValueError("inner boom"))
    t.emit("collecting")
    t.collect()

    # An outer that leaves the handed-over failure unhandled is reported once.
    outer2 = Deferred()
    inner2 = Deferred()
    outer2.addCallback(lambda v: inner2)
    outer2.callback(0)
    inner2.errback(RuntimeError("nobody handles me"))
    inner2.addBoth(lambda r: t.emit("inner2 after got " + fmt(r)))
    t.emit("end")
