"""cancel() fires a paused unfired Deferred but its callbacks wait for unpause().

cancel() fires a paused, unfired Deferred, but its stages wait for
unpause() (R5)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


def run(t):
    d = Deferred()
    d.addCallbacks(
        lambda v: t.emit("cb got " + fmt(v)),
        lambda f: (t.emit("eb got " + err(f)), "handled")[1],
    )
    d.pause()
    d.cancel()
    t.emit("called " + fmt(d.called) + ", paused " + fmt(bool(d.paused)))
    d.addCallback(lambda v: (t.emit("cb2 got " + fmt(v)), v)[1])
    t.emit("unpausing")
    d.unpause()
    t.emit("end")
