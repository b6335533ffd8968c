"""a timed call can cancel, reset or add other calls that are due in the same advance.

Clock.advance re-sorts after every call: a due call cancelled by an earlier
one never runs, one reset to later waits, one reset to earlier runs now,
and delay() of a due call moves it behind (R13, features §7)."""

from twisted.internet.task import Clock

from _trace import fmt


def run(t):
    clock = Clock()
    calls = {}

    def note(name):
        t.emit("%s runs at %s" % (name, fmt(clock.seconds())))

    def meddler():
        note("meddler")
        calls["victim"].cancel()
        calls["postponed"].reset(2)
        calls["hurried"].reset(0)
        calls["delayed"].delay(0.5)
        t.emit("meddler active after: victim %s postponed %s" % (fmt(calls["victim"].active()), fmt(calls["postponed"].active())))

    calls["meddler"] = clock.callLater(1, meddler)
    calls["victim"] = clock.callLater(1, note, "victim")
    calls["postponed"] = clock.callLater(1, note, "postponed")
    calls["delayed"] = clock.callLater(1, note, "delayed")
    calls["plain"] = clock.callLater(1, note, "plain")
    calls["hurried"] = clock.callLater(5, note, "hurried")
    clock.advance(1)
    t.emit("after advance 1: " + fmt(sorted(c.getTime() for c in clock.getDelayedCalls())))
    clock.advance(0.5)
    clock.advance(2)
    t.emit("pending " + fmt(len(clock.getDelayedCalls())))
