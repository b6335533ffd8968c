"""a delayed call can be reset, delayed and cancelled until it runs or is cancelled.

IDelayedCall: reset and delay move the call (earlier or later), active()
turns False once the call starts or is cancelled, and cancel/reset/delay of a
spent call raise AlreadyCalled or AlreadyCancelled (features §7)."""

from twisted.internet.error import AlreadyCalled, AlreadyCancelled
from twisted.internet.task import Clock

from _trace import exc, fmt


def run(t):
    clock = Clock()

    def call(name):
        t.emit("%s runs at %s, active %s" % (name, fmt(clock.seconds()), fmt(calls[name].active())))

    calls = {}
    calls["a"] = clock.callLater(5, call, "a")
    calls["b"] = clock.callLater(5, call, "b")
    calls["c"] = clock.callLater(2, call, "c")
    calls["a"].reset(1)
    t.emit("a getTime " + fmt(calls["a"].getTime()))
    calls["b"].delay(2)
    t.emit("b getTime " + fmt(calls["b"].getTime()))
    calls["b"].delay(-4)
    t.emit("b getTime " + fmt(calls["b"].getTime()))
    calls["c"].cancel()
    t.emit("c active " + fmt(calls["c"].active()))
    clock.advance(1)
    clock.advance(2)
    t.emit("b active " + fmt(calls["b"].active()))

    def attempt(label, f):
        try:
            f()
            t.emit(label + ": no error")
        except (AlreadyCalled, AlreadyCancelled) as e:
            t.emit(label + " raised " + exc(e))

    attempt("cancel called", calls["a"].cancel)
    attempt("reset called", lambda: calls["a"].reset(1))
    attempt("delay called", lambda: calls["a"].delay(1))
    attempt("cancel cancelled", calls["c"].cancel)
    attempt("reset cancelled", lambda: calls["c"].reset(1))
    attempt("delay cancelled", lambda: calls["c"].delay(1))
    later = clock.callLater(1, call, "later")
    calls["later"] = later
    later.reset(10)
    t.emit("later getTime " + fmt(later.getTime()))
    clock.advance(5)
    t.emit("later still pending " + fmt(later.active()))
    clock.advance(5)
