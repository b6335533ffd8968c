"""failures left in members of containers, cancelled Deferreds and generators are reported at collection.

gatherResults without consumeErrors leaves the member's failure unhandled;
an unhandled fireOnOneErrback list reports its FirstError; an unhandled
cancel() reports CancelledError; a failed inlineCallbacks Deferred is
reported but the failure it yielded and caught is not (R6)."""

from twisted.internet.defer import (
    Deferred,
    DeferredList,
    fail,
    gatherResults,
    inlineCallbacks,
)

from _trace import err


def run(t):
    member = Deferred()
    g = gatherResults([member])
    g.addErrback(lambda f: t.emit("gather handled " + err(f)))
    member.errback(ValueError("member failure"))
    t.emit("dropping the member")
    del member, g
    t.collect()
    t.emit("collected 1")

    m = Deferred()
    dl = DeferredList([m], fireOnOneErrback=True, consumeErrors=True)
    m.errback(RuntimeError("first failure"))
    t.emit("dropping the list")
    del m, dl
    t.collect()
    t.emit("collected 2")

    c = Deferred()
    c.cancel()
    t.emit("dropping the cancelled one")
    del c
    t.collect()
    t.emit("collected 3")

    @inlineCallbacks
    def gen():
        try:
            yield fail(ValueError("caught inside"))
        except ValueError:
            t.emit("generator caught its yielded failure")
        raise RuntimeError("generator failed")

    r = gen()
    t.emit("dropping the generator's Deferred")
    del r
    t.collect()
    t.emit("collected 4")
