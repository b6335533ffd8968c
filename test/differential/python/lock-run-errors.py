"""DeferredLock.run releases the lock when the function raises, and a fired acquire cannot be cancelled.

run() goes through maybeDeferred, so a synchronous raise becomes the run
Deferred's failure and the lock passes to the next waiter; cancel() of an
acquire that already has the lock is a no-op (features §4)."""

from twisted.internet.defer import DeferredLock

from _trace import err, fmt


def run(t):
    lock = DeferredLock()

    def boom(x):
        t.emit("boom runs with " + fmt(x) + ", locked " + fmt(lock.locked))
        raise ValueError("boom " + x)

    held = lock.acquire()
    r = lock.run(boom, "a")
    t.emit("run waiting, called " + fmt(r.called))
    r.addErrback(lambda f: t.emit("run failed %s, locked %s" % (err(f), fmt(lock.locked))))
    waiter = lock.acquire()
    waiter.addCallback(lambda l: t.emit("waiter acquired"))
    t.emit("releasing the held lock")
    lock.release()
    t.emit("locked " + fmt(lock.locked) + ", waiting " + fmt(len(lock.waiting)))
    held.cancel()
    waiter.cancel()
    t.emit("cancel of fired acquires: locked " + fmt(lock.locked))
    lock.release()
    t.emit("locked " + fmt(lock.locked))
