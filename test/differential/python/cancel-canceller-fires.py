"""a canceller that fires the Deferred decides the outcome.

A canceller that fires the Deferred decides the outcome: no CancelledError
(R5)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


def run(t):
    def canceller(d):
        t.emit("canceller called, called " + fmt(d.called))
        d.callback("value from canceller")
        t.emit("canceller done")

    d = Deferred(canceller)
    d.addCallbacks(
        lambda v: t.emit("cb got " + fmt(v)),
        lambda f: t.emit("eb got " + err(f)),
    )
    d.cancel()
    t.emit("after cancel, called " + fmt(d.called))

    def failing_canceller(d):
        t.emit("failing canceller called")
        d.errback(ValueError("canceller failure"))

    d2 = Deferred(failing_canceller)
    d2.addErrback(lambda f: t.emit("d2 eb got " + err(f)))
    d2.cancel()
    t.emit("cancel fired d2: no-op")
    d2.cancel()
