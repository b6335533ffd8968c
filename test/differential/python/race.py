"""race fires with the first success and cancels the losers.

race: the first success wins with (index, value) and the losers are
cancelled before the race fires; if every member fails the race fails with
FailureGroup in member order; an already-fired member wins inside race();
cancelling the race cancels every member (features §3).

Twisted 22.4 has no race (added in 23.8, R14): this side runs the shim in
_race_shim.py, which re-implements defer.py@6466160 `race`."""

from twisted.internet.defer import Deferred, succeed

from _race_shim import race
from _trace import err, fmt


def run(t):
    a = Deferred(lambda d: t.emit("a canceller"))
    b = Deferred(lambda d: t.emit("b canceller"))
    c = Deferred(lambda d: t.emit("c canceller"))
    r = race([a, b, c])
    r.addCallback(lambda v: t.emit("race got " + fmt(v)))
    a.addBoth(lambda v: t.emit("a now holds " + fmt(v)))
    t.emit("firing b")
    b.callback("B")
    b.addBoth(lambda v: t.emit("b now holds " + fmt(v)))

    x, y = Deferred(), Deferred()
    r2 = race([x, y])
    r2.addErrback(lambda f: t.emit("race2 failed " + err(f)))
    y.errback(ValueError("y failed"))
    t.emit("y failed, race2 called " + fmt(r2.called))
    x.errback(RuntimeError("x failed"))

    early = succeed("early")
    late = Deferred(lambda d: t.emit("late canceller"))
    r3 = race([late, early])
    t.emit("race3 called " + fmt(r3.called))
    r3.addCallback(lambda v: t.emit("race3 got " + fmt(v)))
    late.addBoth(lambda v: t.emit("late now holds " + fmt(v)))

    p = Deferred(lambda d: t.emit("p canceller"))
    q = Deferred(lambda d: d.callback("q rescued"))
    r4 = race([p, q])
    r4.addCallbacks(
        lambda v: t.emit("race4 got " + fmt(v)),
        lambda f: t.emit("race4 failed " + err(f)),
    )
    t.emit("cancelling race4")
    r4.cancel()
    p.addBoth(lambda v: t.emit("p now holds " + fmt(v)))

    never = race([])
    t.emit("empty race called " + fmt(never.called))
