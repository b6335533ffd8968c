"""coroutines waiting on each other finish innermost first when one callback releases them.

Thirty inlineCallbacks generators, each yielding the next one's Deferred,
the innermost waiting on a gate: firing the gate finishes them innermost
first, each adding its depth, all inside the gate's callback(). One generator
yielding 100000 already-fired Deferreds runs in a flat loop (R7)."""

from twisted.internet.defer import Deferred, inlineCallbacks, succeed

from _trace import fmt


def run(t):
    gate = Deferred()

    @inlineCallbacks
    def level(n):
        if n == 30:
            v = yield gate
        else:
            v = yield level(n + 1)
        t.emit("level %d resumes with %s" % (n, fmt(v)))
        return v + n

    top = level(0)
    top.addCallback(lambda v: t.emit("top got " + fmt(v)))
    t.emit("firing gate")
    gate.callback(1000)
    t.emit("gate fired")

    @inlineCallbacks
    def many():
        total = 0
        for i in range(100000):
            total += yield succeed(i)
        return total

    many().addCallback(lambda v: t.emit("sum of 100000 ready yields " + fmt(v)))
