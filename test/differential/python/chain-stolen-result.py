"""a callback returning a fired Deferred steals its result synchronously.

A callback returning an already-fired Deferred has its result stolen at
once: the outer goes on synchronously and the inner is left with None; a
paused fired inner is not stolen but chained (R2)."""

from twisted.internet.defer import Deferred, succeed

from _trace import fmt


def run(t):
    inner = succeed(5)
    outer = Deferred()
    outer.addCallback(lambda v: (t.emit("outer cb1 got " + fmt(v)), inner)[1])
    outer.addCallback(lambda v: (t.emit("outer cb2 got " + fmt(v)), v)[1])
    outer.callback(1)
    t.emit("outer paused " + fmt(bool(outer.paused)))
    inner.addCallback(lambda v: t.emit("inner now holds " + fmt(v)))

    paused_inner = succeed("p")
    paused_inner.pause()
    outer2 = Deferred()
    outer2.addCallback(lambda v: paused_inner)
    outer2.addCallback(lambda v: (t.emit("outer2 cb got " + fmt(v)), v)[1])
    outer2.callback(None)
    t.emit("outer2 paused " + fmt(bool(outer2.paused)))
    t.emit("unpausing inner")
    paused_inner.unpause()
    t.emit("unpaused inner")
    paused_inner.addCallback(lambda v: t.emit("paused_inner now holds " + fmt(v)))
