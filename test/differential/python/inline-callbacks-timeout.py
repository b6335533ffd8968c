"""a timeout on an inlineCallbacks Deferred throws CancelledError in and the caller sees TimeoutError.

addTimeout's cancel() goes through inlineCallbacks cancellation (R10, R5):
the generator sees CancelledError at its yield; if it re-raises, the caller
sees TimeoutError; if it recovers, its value wins."""

from twisted.internet.defer import CancelledError, Deferred, inlineCallbacks
from twisted.internet.task import Clock

from _trace import err, exc, fmt


def run(t):
    clock = Clock()

    @inlineCallbacks
    def slow(recover):
        try:
            v = yield Deferred(lambda d: t.emit("inner canceller at " + fmt(clock.seconds())))
            return v
        except CancelledError as e:
            t.emit("generator saw " + exc(e))
            if recover:
                return "recovered"
            raise

    d1 = slow(False)
    d1.addTimeout(3, clock)
    d1.addCallbacks(lambda v: t.emit("d1 got " + fmt(v)), lambda f: t.emit("d1 failed " + err(f)))
    d2 = slow(True)
    d2.addTimeout(4, clock)
    d2.addCallbacks(lambda v: t.emit("d2 got " + fmt(v)), lambda f: t.emit("d2 failed " + err(f)))
    for _ in range(4):
        clock.advance(1)
        t.emit("now " + fmt(clock.seconds()))
