"""a failure left unhandled is reported when its Deferred is collected.

A Deferred garbage-collected while holding an unhandled failure is
reported as two log events; a failure handled later, one held by a paused
Deferred, and an unfired Deferred are not reported; logError as the last
errback logs once and is reported again at collection (R6)."""

from twisted.internet.defer import Deferred, fail, logError

from _trace import err


def run(t):
    d = fail(ValueError("dropped"))
    t.emit("dropping a failed Deferred")
    del d
    t.collect()
    t.emit("collected 1")

    d = fail(ValueError("handled late"))
    t.collect()
    d.addErrback(lambda f: t.emit("late errback got " + err(f)))
    del d
    t.collect()
    t.emit("collected 2")

    d = Deferred()
    d.pause()
    d.errback(ValueError("held while paused"))
    d2 = Deferred()
    d2.addCallback(lambda v: t.emit("never"))
    t.emit("dropping a paused failed Deferred and an unfired one")
    del d, d2
    t.collect()
    t.emit("collected 3")

    def raiser(v):
        raise RuntimeError("logged")

    d = Deferred()
    d.addCallback(raiser)
    d.addErrback(logError)
    t.emit("failing into logError")
    d.callback(1)
    t.emit("dropping the logged one")
    del d
    t.collect()
    t.emit("collected 4")
