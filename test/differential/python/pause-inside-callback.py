"""pause() inside a running callback does not stop the stages already queued.

pause() called by a running callback does not stop the stages already
queued in that run; stages added afterwards wait for unpause() (features §1)."""

from twisted.internet.defer import Deferred

from _trace import fmt


def run(t):
    d = Deferred()

    def pauser(v):
        t.emit("pauser got " + fmt(v))
        d.pause()
        t.emit("pauser paused " + fmt(bool(d.paused)))
        return v + 1

    d.addCallback(pauser)
    d.addCallback(lambda v: (t.emit("queued cb got " + fmt(v)), v + 1)[1])
    d.callback(1)
    t.emit("after callback, paused " + fmt(bool(d.paused)))
    d.addCallback(lambda v: (t.emit("added while paused got " + fmt(v)), v + 1)[1])
    t.emit("unpausing")
    d.unpause()
    t.emit("unpaused, paused " + fmt(bool(d.paused)))
    d.addCallback(lambda v: t.emit("final got " + fmt(v)))
