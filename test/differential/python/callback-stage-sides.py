"""an errback never sees what the callback of its own stage raised.

An errback never sees what the callback of its own stage raised; the next
stage's errback does, and an errback that returns a value puts the chain back
on the callback path (R1)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


def run(t):
    d = Deferred()

    def cb1(v):
        t.emit("cb1 got " + fmt(v))
        raise ValueError("from cb1")

    def eb1(f):
        t.emit("eb1 got " + err(f))  # must not run: same stage as cb1
        return "eb1"

    def cb2(v):
        t.emit("cb2 got " + fmt(v))  # must not run: the result is a failure
        return "cb2"

    def eb2(f):
        t.emit("eb2 got " + err(f))
        return "recovered"

    def cb3(v):
        t.emit("cb3 got " + fmt(v))
        return None

    def eb3(f):
        t.emit("eb3 got " + err(f))

    d.addCallbacks(cb1, eb1)
    d.addCallbacks(cb2, eb2)
    d.addCallbacks(cb3, eb3)
    t.emit("before callback")
    d.callback(1)
    t.emit("after callback")
    t.emit("called " + fmt(d.called))
    d.addCallback(lambda v: t.emit("late cb got " + fmt(v)))
    t.emit("end")
