"""ensureDeferred returns a Deferred unchanged and drives a coroutine synchronously.

ensureDeferred returns a Deferred unchanged, drives a coroutine (TS: a
generator object) synchronously like inlineCallbacks, and raises
NotACoroutineError for anything else (R11)."""

from twisted.internet.defer import Deferred, NotACoroutineError, ensureDeferred

from _trace import err, exc, fmt


def run(t):
    d = Deferred()
    t.emit("same object " + fmt(ensureDeferred(d) is d))

    gate = Deferred()

    async def body(x):
        t.emit("body starts with " + fmt(x))
        v = await gate
        t.emit("body resumed with " + fmt(v))
        if v == "bad":
            raise ValueError("body failed")
        return x + v

    r = ensureDeferred(body("a"))
    t.emit("ensureDeferred returned, called " + fmt(r.called) + ", is Deferred " + fmt(isinstance(r, Deferred)))
    r.addCallback(lambda v: t.emit("result " + fmt(v)))
    gate.callback("b")

    gate = Deferred()
    r2 = ensureDeferred(body("c"))
    r2.addErrback(lambda f: t.emit("failed " + err(f)))
    gate.callback("bad")

    for bad in (5, None, "text"):
        try:
            ensureDeferred(bad)
            t.emit("no error for " + fmt(bad))
        except NotACoroutineError as e:
            t.emit("ensureDeferred(%s) raised %s" % (fmt(bad), exc(e)))
