"""each further cancel() of an inlineCallbacks Deferred reaches whatever the generator waits on now.

The first cancel() makes the original Deferred wait on a fresh one; later
cancel() calls forward to it, which cancels the generator's *current* yield.
A canceller that supplies a value resumes the generator with that value
(R5)."""

from twisted.internet.defer import CancelledError, Deferred, inlineCallbacks

from _trace import err, exc, fmt


def run(t):
    first = Deferred(lambda d: t.emit("first canceller"))
    second = Deferred(lambda d: t.emit("second canceller"))
    third = Deferred(lambda d: (t.emit("third canceller supplies a value"), d.callback("from canceller")))

    @inlineCallbacks
    def gen():
        for name, d in (("first", first), ("second", second)):
            try:
                yield d
            except CancelledError as e:
                t.emit("gen caught %s at %s" % (exc(e), name))
        v = yield third
        t.emit("gen got " + fmt(v) + " from third")
        return "done: " + v

    d = gen()
    d.addCallbacks(lambda v: t.emit("outer got " + fmt(v)), lambda f: t.emit("outer failed " + err(f)))
    for i in (1, 2, 3):
        t.emit("cancel %d" % i)
        d.cancel()
    t.emit("cancel 4 (finished)")
    d.cancel()
    t.emit("end")
