"""an inlineCallbacks generator runs synchronously until it yields an unfired Deferred.

An inlineCallbacks generator runs synchronously until it yields an unfired
Deferred; yielded plain values and fired Deferreds are sent straight back, a
failed Deferred is thrown in, and yielding consumes the Deferred's result
(R7)."""

from twisted.internet.defer import Deferred, fail, inlineCallbacks, succeed

from _trace import err, exc, fmt


def run(t):
    fired = succeed("ready")
    failed = fail(ValueError("already failed"))
    pending = Deferred()

    @inlineCallbacks
    def gen(arg):
        t.emit("gen start " + fmt(arg))
        x = yield 42
        t.emit("yield plain value gave " + fmt(x))
        y = yield fired
        t.emit("yield fired gave " + fmt(y))
        try:
            yield failed
            t.emit("not reached")
        except ValueError as e:
            t.emit("yield failed raised " + exc(e))
        z = yield pending
        t.emit("yield pending gave " + fmt(z))
        return z + "!"

    t.emit("calling gen")
    d = gen("arg")
    t.emit("gen returned, called " + fmt(d.called))
    fired.addCallback(lambda v: t.emit("fired now holds " + fmt(v)))
    failed.addBoth(lambda r: t.emit("failed now holds " + fmt(r)))
    d.addCallback(lambda v: t.emit("result " + fmt(v)))
    t.emit("firing pending")
    pending.callback("late")
    t.emit("fired pending")
    pending.addCallback(lambda v: t.emit("pending now holds " + fmt(v)))
