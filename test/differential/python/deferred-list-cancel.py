"""cancelling an unfired DeferredList cancels every member and logs canceller exceptions.

A canceller that raises is logged ("Exception raised from user supplied
canceller") and the loop goes on; a fired DeferredList's cancel() leaves the
members alone (R5, features §3)."""

from twisted.internet.defer import Deferred, DeferredList

from _trace import err, fmt


def run(t):
    def bad_canceller(d):
        t.emit("bad canceller runs")
        raise ValueError("canceller broke")

    a = Deferred(lambda d: t.emit("a canceller runs"))
    b = Deferred(bad_canceller)
    c = Deferred(lambda d: d.callback("c rescued"))
    dl = DeferredList([a, b, c], consumeErrors=True)
    dl.addCallback(lambda r: t.emit("list got " + fmt(r)))
    t.emit("cancelling list")
    dl.cancel()
    t.emit("list called " + fmt(dl.called) + ", b called " + fmt(b.called))
    b.callback("b late")

    x = Deferred(lambda d: t.emit("x canceller (wrong)"))
    done = DeferredList([x], fireOnOneCallback=True)
    x.callback("x")
    done.addCallback(lambda r: t.emit("done got " + fmt(r)))
    done.cancel()
    t.emit("cancel on fired list: no member cancelled")
    y = Deferred(lambda d: t.emit("y canceller (wrong)"))
    early = Deferred()
    one = DeferredList([early, y], fireOnOneCallback=True)
    early.callback("early")
    one.addCallback(lambda r: t.emit("one got " + fmt(r)))
    one.cancel()
    t.emit("y called " + fmt(y.called))
    y.callback("y")
