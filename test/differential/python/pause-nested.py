"""pause() is counted: two pauses need two unpauses.

pause() is counted: two pauses need two unpauses before the fired chain
runs; pausing before firing holds the whole chain (features §1)."""

from twisted.internet.defer import Deferred

from _trace import fmt


def run(t):
    d = Deferred()
    d.pause()
    d.pause()
    d.addCallback(lambda v: (t.emit("cb1 got " + fmt(v)), v * 2)[1])
    t.emit("firing")
    d.callback(4)
    t.emit("fired, called " + fmt(d.called))
    d.addCallback(lambda v: (t.emit("cb2 got " + fmt(v)), v + 1)[1])
    t.emit("unpause 1")
    d.unpause()
    t.emit("paused " + fmt(bool(d.paused)))
    t.emit("unpause 2")
    d.unpause()
    t.emit("paused " + fmt(bool(d.paused)))
    d.pause()
    d.addCallback(lambda v: (t.emit("cb3 got " + fmt(v)), v)[1])
    t.emit("unpause 3")
    d.unpause()
    t.emit("end")
