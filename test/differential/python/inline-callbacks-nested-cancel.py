"""cancellation cascades through nested inlineCallbacks to the innermost Deferred.

Cancellation cascades through nested inlineCallbacks: each level is
waiting on the next one's Deferred, so the innermost awaited Deferred is
cancelled and each generator sees the error at its yield (R5)."""

from twisted.internet.defer import CancelledError, Deferred, inlineCallbacks

from _trace import err, exc, fmt


def run(t):
    leaf = Deferred(lambda d: t.emit("leaf canceller called"))

    @inlineCallbacks
    def inner():
        try:
            yield leaf
        except CancelledError as e:
            t.emit("inner caught " + exc(e) + ", re-raising")
            raise
        finally:
            t.emit("inner finally")

    @inlineCallbacks
    def middle():
        v = yield inner()
        t.emit("middle not reached " + fmt(v))

    @inlineCallbacks
    def outer():
        try:
            yield middle()
        except CancelledError as e:
            t.emit("outer caught " + exc(e))
            return "recovered"

    d = outer()
    d.addCallbacks(
        lambda v: t.emit("result " + fmt(v)),
        lambda f: t.emit("failed " + err(f)),
    )
    t.emit("cancelling outer")
    d.cancel()
    t.emit("end")
