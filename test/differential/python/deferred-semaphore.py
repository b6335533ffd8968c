"""DeferredSemaphore admits `tokens` holders and serves waiters first-in, first-out.

DeferredSemaphore admits `tokens` holders at once, hands a released token to
the oldest waiter synchronously, and a cancelled waiter leaves the queue
(features §4)."""

from twisted.internet.defer import DeferredSemaphore

from _trace import err, fmt


def run(t):
    sem = DeferredSemaphore(2)
    t.emit("tokens %s limit %s" % (fmt(sem.tokens), fmt(sem.limit)))
    order = []

    def take(name):
        d = sem.acquire()
        d.addCallbacks(
            lambda s: (order.append(name), t.emit("%s acquired, tokens %s" % (name, fmt(sem.tokens))))[1],
            lambda f: t.emit("%s failed %s" % (name, err(f))),
        )
        return d

    take("a")
    take("b")
    take("c")
    d = take("d")
    take("e")
    t.emit("after five acquires, tokens " + fmt(sem.tokens) + ", waiting " + fmt(len(sem.waiting)))
    d.cancel()
    t.emit("after cancelling d, waiting " + fmt(len(sem.waiting)))
    sem.release()
    t.emit("released one, tokens " + fmt(sem.tokens))
    sem.release()
    t.emit("released two, tokens " + fmt(sem.tokens))
    sem.release()
    sem.release()
    t.emit("released all, tokens " + fmt(sem.tokens))
    t.emit("order " + fmt(order))

    results = []

    def work(name):
        t.emit("work " + name + " runs, tokens " + fmt(sem.tokens))
        return name.upper()

    for name in ("x", "y", "z"):
        sem.run(work, name).addCallback(results.append)
    t.emit("run results " + fmt(results) + ", tokens " + fmt(sem.tokens))
