"""cancelling an inlineCallbacks Deferred throws CancelledError in at the yield, and the generator may recover.

Cancelling an inlineCallbacks Deferred throws CancelledError into the
generator at its yield; the generator may catch it and go on, and the outer
result is what it finally returns; `called` is True right after cancel()
(R5)."""

from twisted.internet.defer import CancelledError, Deferred, inlineCallbacks

from _trace import err, exc, fmt


def run(t):
    first = Deferred(lambda d: t.emit("first canceller called"))
    second = Deferred(lambda d: t.emit("second canceller called"))

    @inlineCallbacks
    def gen():
        try:
            yield first
            t.emit("not reached")
        except CancelledError as e:
            t.emit("gen caught " + exc(e))
        v = yield second
        t.emit("gen resumed with " + fmt(v))
        return "finished " + v

    d = gen()
    d.addCallbacks(
        lambda v: t.emit("outer cb got " + fmt(v)),
        lambda f: t.emit("outer eb got " + err(f)),
    )
    t.emit("cancelling")
    d.cancel()
    t.emit("cancelled, called " + fmt(d.called))
    t.emit("firing second")
    second.callback("two")
    t.emit("end")
