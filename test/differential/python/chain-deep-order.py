"""nested chains unwind innermost first, each outer finishing before its inner's later stages.

Three Deferreds each waiting on the next (R2, R3): when the innermost fires,
its early stages run, then the middle's remaining stages, then the outer's,
and only then the stages added to the middle and the innermost after they
were returned (which see None). The explicit chain stack of `_runCallbacks`
gives exactly this order."""

from twisted.internet.defer import Deferred

from _trace import fmt


def stage(t, label, result=None, keep=False):
    def cb(v):
        t.emit(label + " got " + fmt(v))
        return v if keep else result
    return cb


def run(t):
    outer, middle, inner = Deferred(), Deferred(), Deferred()
    inner.addCallback(stage(t, "inner early", "from-inner"))
    middle.addCallback(stage(t, "middle first", inner))
    middle.addCallback(stage(t, "middle second", "from-middle"))
    outer.addCallback(stage(t, "outer first", middle))
    outer.addCallback(stage(t, "outer second", "from-outer"))
    t.emit("firing middle")
    middle.callback("m")
    t.emit("firing outer")
    outer.callback("o")
    inner.addCallback(stage(t, "inner late", "inner-late"))
    middle.addCallback(stage(t, "middle late", "middle-late"))
    outer.addCallback(stage(t, "outer late", keep=True))
    t.emit("firing inner")
    inner.callback("i")
    t.emit("fired inner")
    for name, d in (("outer", outer), ("middle", middle), ("inner", inner)):
        d.addCallback(stage(t, name + " final", keep=True))

    # A 2000-deep chain, each Deferred waiting on the next, released by one
    # callback: no recursion, and the outermost sees the innermost's value.
    links = [Deferred() for _ in range(2001)]
    for d, nxt in zip(links, links[1:]):
        d.addCallback(lambda v, n=nxt: n)
    for d in links[:-1]:
        d.callback(None)
    t.emit("deep chain waiting " + fmt(all(bool(d.paused) for d in links[:-1])))
    links[0].addCallback(lambda v: t.emit("deep chain outermost got " + fmt(v)))
    t.emit("releasing deep chain")
    links[-1].callback("bottom")
    t.emit("deep chain paused after release " + fmt(any(bool(d.paused) for d in links)))
