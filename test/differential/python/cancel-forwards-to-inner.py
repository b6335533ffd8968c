"""cancelling a Deferred that waits on another cancels the innermost one.

cancel() on an outer waiting on an inner forwards to the inner, down any
depth of chaining; cancel() on a fired, non-waiting Deferred is a no-op (R5)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


def run(t):
    innermost = Deferred(lambda d: t.emit("innermost canceller called"))
    middle = Deferred(lambda d: t.emit("middle canceller called (wrong)"))
    outer = Deferred(lambda d: t.emit("outer canceller called (wrong)"))
    middle.addCallback(lambda v: innermost)
    middle.callback("m")
    outer.addCallback(lambda v: middle)
    outer.addErrback(lambda f: (t.emit("outer eb got " + err(f)), "outer handled")[1])
    outer.addCallback(lambda v: (t.emit("outer cb got " + fmt(v)), v)[1])
    innermost.addBoth(lambda r: (t.emit("innermost stage got " + fmt(r)), r)[1])
    outer.callback("o")
    t.emit("cancelling outer")
    outer.cancel()
    t.emit("cancelled outer")
    innermost.addBoth(lambda r: t.emit("innermost after got " + fmt(r)))
    t.emit("cancel fired outer again")
    outer.cancel()
    t.emit("end")
