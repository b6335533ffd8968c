"""a LoopingCall waits for the Deferred its function returns.

A LoopingCall whose function returns a Deferred waits for it before
scheduling the next call at the next boundary; stop() called by the function
fires the start Deferred after the function's result; a raising function
errbacks the start Deferred (features §6)."""

from twisted.internet.defer import Deferred
from twisted.internet.task import Clock, LoopingCall

from _trace import err, fmt


def run(t):
    clock = Clock()
    gates = []

    def work():
        t.emit("work at " + fmt(clock.seconds()))
        gate = Deferred()
        gates.append(gate)
        return gate

    lc = LoopingCall(work)
    lc.clock = clock
    lc.start(1).addCallback(lambda r: t.emit("lc start deferred fired at " + fmt(clock.seconds())))
    clock.advance(2.5)
    t.emit("releasing gate at " + fmt(clock.seconds()))
    gates[0].callback(None)
    t.emit("pending " + fmt([c.getTime() for c in clock.getDelayedCalls()]))
    clock.advance(0.5)
    lc.stop()
    t.emit("stopped while waiting, running " + fmt(lc.running))
    gates[1].callback(None)
    t.emit("pending " + fmt(len(clock.getDelayedCalls())))

    calls = []

    def self_stopping():
        calls.append(clock.seconds())
        t.emit("self_stopping call " + fmt(len(calls)))
        if len(calls) == 2:
            stopper.stop()
            t.emit("stop() returned inside the call")
        return "ignored"

    stopper = LoopingCall(self_stopping)
    stopper.clock = clock
    stopper.start(1).addCallback(lambda r: t.emit("stopper start deferred fired, same " + fmt(r is stopper)))
    clock.advance(1)
    t.emit("stopper running " + fmt(stopper.running))

    def failing():
        t.emit("failing runs at " + fmt(clock.seconds()))
        if clock.seconds() >= 6:
            raise ValueError("loop body failed")

    bad = LoopingCall(failing)
    bad.clock = clock
    bad.start(1, now=False).addErrback(lambda f: t.emit("bad start deferred failed " + err(f)))
    clock.advance(1)
    clock.advance(1)
    t.emit("bad running " + fmt(bad.running) + ", pending " + fmt(len(clock.getDelayedCalls())))
