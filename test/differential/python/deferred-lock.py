"""DeferredLock hands the lock to the oldest waiter synchronously inside release().

DeferredLock hands the lock to the oldest waiter synchronously inside
release(); a cancelled waiting acquire leaves the queue with CancelledError;
run() releases when the function's Deferred fires (features §4)."""

from twisted.internet.defer import Deferred, DeferredLock

from _trace import err, fmt


def run(t):
    lock = DeferredLock()

    def acquired(name):
        def cb(l):
            t.emit("%s acquired, same lock %s, locked %s" % (name, fmt(l is lock), fmt(lock.locked)))
            return name
        return cb

    lock.acquire().addCallback(acquired("A"))
    b = lock.acquire().addCallback(acquired("B"))
    c = lock.acquire()
    c.addCallbacks(acquired("C"), lambda f: t.emit("C failed " + err(f)))
    d = lock.acquire()

    def d_acquired(l):
        t.emit("D acquired, releasing inside its callback")
        lock.release()
        t.emit("D released, locked " + fmt(lock.locked))

    d.addCallback(d_acquired)
    t.emit("cancelling C")
    c.cancel()
    t.emit("A releases")
    lock.release()
    t.emit("A released")
    b.addCallback(lambda v: t.emit("B chain continues with " + fmt(v)))
    t.emit("B releases")
    lock.release()
    t.emit("B released, locked " + fmt(lock.locked))

    gate = Deferred()

    def job(x):
        t.emit("job running with %s, locked %s" % (fmt(x), fmt(lock.locked)))
        return gate

    r = lock.run(job, "arg")
    r.addCallback(lambda v: t.emit("run result %s, locked %s" % (fmt(v), fmt(lock.locked))))
    t.emit("waiting run: another acquire")
    lock.acquire().addCallback(lambda l: t.emit("E acquired after run"))
    t.emit("firing job gate")
    gate.callback("job done")
    t.emit("locked " + fmt(lock.locked))
