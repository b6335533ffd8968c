"""a returned Deferred that is itself waiting is chained, not stolen, and a stolen failure counts as handled.

R2 edges: the inner has fired but its result is another (unfired) Deferred,
so the outer must wait for the whole chain; a returned already-failed
Deferred hands its failure over (the inner is left with None and is never
reported); unpausing a Deferred from inside another Deferred's callback runs
it right there; a DeferredList given the same Deferred twice sees the first
stage's consumed result in the second (features §3)."""

from twisted.internet.defer import Deferred, DeferredList, fail

from _trace import err, fmt


def run(t):
    innermost = Deferred()
    inner = Deferred()
    inner.addCallback(lambda v: innermost)
    inner.callback("inner fired")
    outer = Deferred()
    outer.addCallback(lambda v: inner)
    outer.addCallback(lambda v: t.emit("outer got " + fmt(v)))
    outer.callback(None)
    t.emit("outer paused " + fmt(bool(outer.paused)) + ", inner paused " + fmt(bool(inner.paused)))
    innermost.callback("deep value")
    t.emit("after innermost fired")

    failed = fail(ValueError("stolen failure"))
    o2 = Deferred()
    o2.addCallback(lambda v: failed)
    o2.addErrback(lambda f: t.emit("o2 eb got " + err(f)))
    o2.callback(None)
    failed.addBoth(lambda r: t.emit("failed now holds " + fmt(r)))
    del failed

    held = Deferred()
    held.pause()
    held.addCallback(lambda v: t.emit("held runs with " + fmt(v)))
    held.callback("held value")
    trigger = Deferred()

    def unpauser(v):
        t.emit("unpauser starts")
        held.unpause()
        t.emit("unpauser ends")

    trigger.addCallback(unpauser)
    trigger.callback(None)

    same = Deferred()
    dl = DeferredList([same, same], consumeErrors=True)
    dl.addCallback(lambda r: t.emit("duplicate list got " + fmt(r)))
    same.errback(RuntimeError("twice"))
    same.addBoth(lambda r: t.emit("same now holds " + fmt(r)))
