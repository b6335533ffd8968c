"""returnValue(v) ends an inlineCallbacks generator with v.

returnValue(v) ends an inlineCallbacks generator with v, after a yield or
before any; a plain return does the same (R8). 22.4 and current Twisted
agree here except for current Twisted's DeprecationWarning, which is not part
of the trace."""

from twisted.internet.defer import Deferred, inlineCallbacks, returnValue

from _trace import fmt


def run(t):
    gate = Deferred()

    @inlineCallbacks
    def with_return_value():
        v = yield gate
        try:
            returnValue(v * 2)
        finally:
            t.emit("finally runs on returnValue")
        t.emit("not reached")

    @inlineCallbacks
    def immediate():
        returnValue("now")
        yield None

    @inlineCallbacks
    def plain():
        v = yield 3
        return v + 1

    with_return_value().addCallback(lambda v: t.emit("with_return_value -> " + fmt(v)))
    immediate().addCallback(lambda v: t.emit("immediate -> " + fmt(v)))
    plain().addCallback(lambda v: t.emit("plain -> " + fmt(v)))
    t.emit("firing gate")
    gate.callback(21)
    t.emit("end")
