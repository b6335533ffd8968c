"""a callback returning an unfired Deferred pauses the outer until the inner fires.

A callback returning an unfired Deferred pauses the outer chain; when the
inner fires, stages added to the inner before it was returned run first, then
the outer's remaining stages, then the inner's later stages with None (R2)."""

from twisted.internet.defer import Deferred

from _trace import fmt


def run(t):
    outer = Deferred()
    inner = Deferred()
    inner.addCallback(lambda v: (t.emit("inner before got " + fmt(v)), v + 1)[1])

    def returns_inner(v):
        t.emit("outer cb1 got " + fmt(v))
        return inner

    outer.addCallback(returns_inner)
    outer.addCallback(lambda v: (t.emit("outer cb2 got " + fmt(v)), v * 2)[1])
    outer.callback("start")
    t.emit("outer paused " + fmt(bool(outer.paused)))
    t.emit("outer called " + fmt(outer.called))
    inner.addCallback(lambda v: (t.emit("inner after got " + fmt(v)), "after")[1])
    outer.addCallback(lambda v: (t.emit("outer cb3 got " + fmt(v)), v)[1])
    t.emit("firing inner")
    inner.callback(10)
    t.emit("fired inner")
    t.emit("outer paused " + fmt(bool(outer.paused)))
    outer.addCallback(lambda v: t.emit("outer late got " + fmt(v)))
    inner.addCallback(lambda v: t.emit("inner late got " + fmt(v)))
