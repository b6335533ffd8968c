"""Cooperator runs its tasks round-robin, a few steps per tick, and a yielded Deferred pauses only its task.

A Clock-driven scheduler (one tick per second) and a predicate that ends a
tick after three steps make the order deterministic; pause/resume/stop and
Cooperator.stop() end tasks with NotPaused, TaskStopped, SchedulerStopped
as Twisted does (features §6)."""

from twisted.internet.defer import Deferred
from twisted.internet.task import Clock, Cooperator, NotPaused

from _trace import err, exc, fmt


def run(t):
    clock = Clock()

    def three_steps():
        count = [0]

        def done():
            count[0] += 1
            return count[0] >= 3

        return done

    coop = Cooperator(terminationPredicateFactory=three_steps, scheduler=lambda tick: clock.callLater(1, tick))
    gate = Deferred()

    def worker(name, n, wait_at=None):
        for i in range(n):
            t.emit("%s step %d at %s" % (name, i, fmt(clock.seconds())))
            yield gate if i == wait_at else None

    a = coop.cooperate(worker("a", 5))
    b = coop.cooperate(worker("b", 4, wait_at=1))
    c_done = coop.coiterate(worker("c", 2))
    c_done.addCallback(lambda it: t.emit("c finished"))
    a.whenDone().addCallbacks(lambda it: t.emit("a finished"), lambda f: t.emit("a ended " + err(f)))
    b.whenDone().addCallbacks(lambda it: t.emit("b finished"), lambda f: t.emit("b ended " + err(f)))
    t.emit("pending ticks " + fmt(len(clock.getDelayedCalls())))
    clock.advance(1)
    clock.advance(1)
    t.emit("pausing a")
    a.pause()
    clock.advance(1)
    t.emit("stopping b while it waits on its gate")
    b.stop()
    gate.callback("open")
    t.emit("gate fired, pending ticks " + fmt(len(clock.getDelayedCalls())))
    t.emit("resuming a")
    a.resume()
    try:
        a.resume()
    except NotPaused as e:
        t.emit("second resume raised " + exc(e))
    clock.advance(1)
    late = coop.cooperate(worker("late", 3))
    late.whenDone().addErrback(lambda f: t.emit("late ended " + err(f)))
    t.emit("stopping the cooperator")
    coop.stop()
    t.emit("pending ticks " + fmt(len(clock.getDelayedCalls())))
    clock.advance(1)
