"""LoopingCall.reset() restarts the timing from now, and the semaphore's run() releases after a failure.

reset() on a running loop cancels the pending call and schedules the next one
a whole interval from now (features §6); DeferredSemaphore.run releases its
token whether the function succeeds or fails (features §4)."""

from twisted.internet.defer import DeferredSemaphore, fail
from twisted.internet.task import Clock, LoopingCall

from _trace import err, fmt


def run(t):
    clock = Clock()
    lc = LoopingCall(lambda: t.emit("tick at " + fmt(clock.seconds())))
    lc.clock = clock
    lc.start(2)
    clock.advance(1.5)
    t.emit("reset at " + fmt(clock.seconds()))
    lc.reset()
    t.emit("pending " + fmt([c.getTime() for c in clock.getDelayedCalls()]))
    clock.advance(1)
    clock.advance(1)
    clock.advance(2)
    lc.stop()

    sem = DeferredSemaphore(1)

    def failing():
        t.emit("failing runs, tokens " + fmt(sem.tokens))
        return fail(ValueError("job failed"))

    sem.run(failing).addErrback(lambda f: t.emit("run failed %s, tokens %s" % (err(f), fmt(sem.tokens))))
    t.emit("tokens after " + fmt(sem.tokens))
