"""DeferredQueue hands items to waiting getters synchronously and enforces size and backlog.

DeferredQueue hands a put item to the oldest waiting get synchronously,
stores it otherwise; size and backlog raise QueueOverflow/QueueUnderflow at
the call; a cancelled get leaves the queue (features §4)."""

from twisted.internet.defer import DeferredQueue, QueueOverflow, QueueUnderflow

from _trace import err, exc, fmt


def run(t):
    q = DeferredQueue(size=2, backlog=2)
    g1 = q.get()
    g2 = q.get()
    g1.addCallback(lambda v: t.emit("g1 got " + fmt(v)))
    g2.addCallbacks(lambda v: t.emit("g2 got " + fmt(v)), lambda f: t.emit("g2 failed " + err(f)))
    try:
        q.get()
        t.emit("third get: no error")
    except QueueUnderflow as e:
        t.emit("third get raised " + exc(e))
    t.emit("cancelling g2")
    g2.cancel()
    g3 = q.get()
    g3.addCallback(lambda v: t.emit("g3 got " + fmt(v)))
    t.emit("put 1")
    q.put(1)
    t.emit("put 2")
    q.put(2)
    t.emit("put 3")
    q.put(3)
    t.emit("put 4")
    q.put(4)
    try:
        q.put(5)
        t.emit("put 5: no error")
    except QueueOverflow as e:
        t.emit("put 5 raised " + exc(e))
    t.emit("pending " + fmt(q.pending))
    g4 = q.get()
    t.emit("g4 called " + fmt(g4.called))
    g4.addCallback(lambda v: t.emit("g4 got " + fmt(v)))
    q.get().addCallback(lambda v: t.emit("g5 got " + fmt(v)))
    t.emit("pending " + fmt(q.pending))
