"""a generator object yielded in inlineCallbacks runs as a sub-task.

A generator object yielded inside inlineCallbacks runs as a sub-task: it
starts at once, the yield gives its return value, and cancelling the outer
reaches the Deferred the sub-task waits on (current Twisted, R7/R14).

VERSION NOTE (R14): Debian's Twisted 22.4 sends a yielded generator object
straight back into the generator unchanged; Twisted >= 24.7 wraps it with
_cancellableInlineCallbacks first (defer.py@6466160 L2121-2123), which is the
driver Deferred.fromCoroutine uses. We follow current Twisted: `current`
below applies that same wrapping when the installed Twisted predates it (and
checks that it really does predate it), so the trace is current Twisted's."""

import types

from twisted.internet.defer import CancelledError, Deferred, inlineCallbacks

from _trace import exc, fmt


def _installed_sends_generators_back():
    @inlineCallbacks
    def probe():
        got = yield (x for x in ())
        return isinstance(got, types.GeneratorType)

    results = []
    probe().addCallback(results.append)
    return results == [True]


def current(yielded):
    """What current Twisted's inlineCallbacks does to a yielded generator."""
    if _installed_sends_generators_back():
        return Deferred.fromCoroutine(yielded)
    return yielded


def run(t):
    gate = Deferred(lambda d: t.emit("gate canceller called"))

    def sub(x):
        t.emit("sub starts with " + fmt(x))
        try:
            v = yield gate
        except CancelledError as e:
            t.emit("sub caught " + exc(e))
            return x + "-cancelled"
        t.emit("sub resumed with " + fmt(v))
        return x + v

    @inlineCallbacks
    def main(x):
        t.emit("main yields a generator object")
        r = yield current(sub(x))
        t.emit("main got " + fmt(r))
        return r

    main("a").addCallback(lambda v: t.emit("result " + fmt(v)))
    t.emit("firing gate")
    gate.callback("b")

    gate = Deferred(lambda d: t.emit("gate canceller called"))
    d = main("c")
    d.addCallback(lambda v: t.emit("result " + fmt(v)))
    t.emit("cancelling main")
    d.cancel()
    t.emit("end")
