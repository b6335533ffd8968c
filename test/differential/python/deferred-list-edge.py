"""an empty DeferredList fires at once and already-fired members are taken inside the constructor.

An empty DeferredList fires at once with [] except with fireOnOneCallback,
where it never fires; members that already fired are processed inside the
constructor; consumeErrors leaves None in failed members (features §3)."""

from twisted.internet.defer import Deferred, DeferredList, fail, succeed

from _trace import fmt


def run(t):
    empty = DeferredList([])
    t.emit("empty called " + fmt(empty.called))
    empty.addCallback(lambda r: t.emit("empty got " + fmt(r)))
    never = DeferredList([], fireOnOneCallback=True)
    t.emit("empty fireOnOneCallback called " + fmt(never.called))

    pre_ok = succeed("early")
    pre_bad = fail(ValueError("early failure"))
    later = Deferred()
    dl = DeferredList([pre_ok, pre_bad, later], consumeErrors=True)
    t.emit("constructed, called " + fmt(dl.called))
    pre_bad.addBoth(lambda r: t.emit("pre_bad now holds " + fmt(r)))
    pre_ok.addBoth(lambda r: t.emit("pre_ok now holds " + fmt(r)))
    dl.addCallback(lambda r: t.emit("list got " + fmt(r)))
    later.errback(RuntimeError("later failure"))
    later.addBoth(lambda r: t.emit("later now holds " + fmt(r)))

    first = succeed("first")
    dl2 = DeferredList([Deferred(), first], fireOnOneCallback=True)
    t.emit("fired member wins in constructor, called " + fmt(dl2.called))
    dl2.addCallback(lambda r: t.emit("dl2 got " + fmt(r)))
