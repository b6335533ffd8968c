"""an exception raised by the canceller escapes cancel() and leaves the Deferred unfired.

An exception raised by the canceller propagates out of cancel() and the
Deferred stays unfired; it can still be fired normally (R5)."""

from twisted.internet.defer import Deferred

from _trace import exc, fmt


def run(t):
    def canceller(d):
        t.emit("canceller called")
        raise ValueError("canceller exploded")

    d = Deferred(canceller)
    d.addBoth(lambda r: t.emit("both got " + fmt(r)))
    try:
        d.cancel()
        t.emit("cancel returned")
    except ValueError as e:
        t.emit("cancel raised " + exc(e))
    t.emit("called " + fmt(d.called))
    d.callback("normal")
    t.emit("end")
