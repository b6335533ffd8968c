"""extra callback arguments follow the result, and addCallbacks keeps callbackArgs and errbackArgs apart.

addCallback/addErrback/addBoth pass their extra arguments after the result;
addCallbacks keeps callbackArgs and errbackArgs apart (R1)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


def run(t):
    d = Deferred()

    def cb(v, a, b):
        t.emit("cb got %s %s %s" % (fmt(v), fmt(a), fmt(b)))
        return v + a + b

    def both(r, tag):
        t.emit("both %s got %s" % (tag, fmt(r)))
        return r

    def boom(v):
        t.emit("boom got " + fmt(v))
        raise ValueError("bad %d" % v)

    def eb(f, tag):
        t.emit("eb %s got %s" % (tag, err(f)))
        return 100

    def never(v, *a):
        t.emit("never called " + fmt(v))

    def cb2(v, x):
        t.emit("cb2 got %s %s" % (fmt(v), fmt(x)))
        return [v, x]

    def eb2(f, x):
        t.emit("eb2 got %s %s" % (err(f), fmt(x)))

    d.addCallback(cb, 10, 20)
    d.addBoth(both, "first")
    d.addCallback(boom)
    d.addBoth(lambda r, tag: (t.emit("both %s got %s" % (tag, fmt(r))), r)[1], "second")
    d.addCallbacks(never, eb, errbackArgs=("E",))
    d.addCallbacks(cb2, eb2, callbackArgs=("C",), errbackArgs=("E",))
    d.addErrback(eb, "unused")
    d.addCallback(lambda v: t.emit("last got " + fmt(v)))
    d.callback(1)
    t.emit("end")
