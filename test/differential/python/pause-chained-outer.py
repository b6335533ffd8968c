"""a user-paused outer keeps the result an inner hands it until unpause().

An outer waiting on an inner and also paused by the user keeps its result
when the inner fires, and the inner's later stages wait with it; unpausing the
outer runs it, and the inner's remaining stages run when the inner's chain is
next started (R3)."""

from twisted.internet.defer import Deferred

from _trace import fmt


def run(t):
    outer = Deferred()
    inner = Deferred()
    outer.addCallback(lambda v: inner)
    outer.addCallback(lambda v: (t.emit("outer cb got " + fmt(v)), v + 1)[1])
    outer.callback(0)
    outer.pause()
    inner.addCallback(lambda v: (t.emit("inner after got " + fmt(v)), "inner-after")[1])
    t.emit("firing inner")
    inner.callback(7)
    t.emit("fired inner")
    t.emit("outer paused " + fmt(bool(outer.paused)))
    t.emit("unpausing outer")
    outer.unpause()
    t.emit("unpaused outer")
    t.emit("adding to inner")
    inner.addCallback(lambda v: t.emit("inner last got " + fmt(v)))
    t.emit("end")
