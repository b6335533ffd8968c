"""an exception before the first yield gives a failed Deferred, not a synchronous throw.

An exception raised before the first yield gives a failed Deferred, never a
synchronous raise; so does one raised after a resumption (R7)."""

from twisted.internet.defer import Deferred, inlineCallbacks

from _trace import err, fmt


def run(t):
    @inlineCallbacks
    def early():
        t.emit("early running")
        raise ValueError("before any yield")
        yield None

    t.emit("calling early")
    d = early()
    t.emit("early returned, called " + fmt(d.called))
    d.addErrback(lambda f: t.emit("early eb got " + err(f)))

    gate = Deferred()

    @inlineCallbacks
    def late():
        v = yield gate
        t.emit("late resumed with " + fmt(v))
        raise RuntimeError("after resume " + v)

    d2 = late()
    d2.addCallbacks(
        lambda v: t.emit("late cb got " + fmt(v)),
        lambda f: t.emit("late eb got " + err(f)),
    )
    t.emit("firing gate")
    gate.callback("x")
    t.emit("end")
