"""yielding a Deferred consumes its result, so a second generator waiting on it gets None.

Both generators wait on the same unfired Deferred; the first resumes with the
value, and since its resumption stage returns None the second resumes with
None; callbacks added to the Deferred afterwards see None too (R7, R11)."""

from twisted.internet.defer import Deferred, inlineCallbacks

from _trace import fmt


def run(t):
    shared = Deferred()

    @inlineCallbacks
    def waiter(name):
        t.emit(name + " waits")
        v = yield shared
        t.emit(name + " resumed with " + fmt(v))
        return name + ":" + fmt(v)

    waiter("first").addCallback(lambda v: t.emit("first done " + fmt(v)))
    waiter("second").addCallback(lambda v: t.emit("second done " + fmt(v)))
    t.emit("firing shared")
    shared.callback("value")
    shared.addCallback(lambda v: t.emit("shared now holds " + fmt(v)))
