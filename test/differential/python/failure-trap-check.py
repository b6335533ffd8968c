"""Failure.trap re-raises the original exception when nothing matches.

Failure.check returns the first matching class or None; trap returns the
match or re-raises the original exception, so the next errback sees the same
exception object (features §2)."""

from twisted.internet.defer import Deferred

from _trace import err, fmt


class AppError(ValueError):
    pass


def run(t):
    original = AppError("app failed")
    d = Deferred()

    def checker(f):
        t.emit("check RuntimeError " + fmt(f.check(RuntimeError) is None))
        t.emit("check ValueError is ValueError " + fmt(f.check(RuntimeError, ValueError) is ValueError))
        t.emit("message " + fmt(f.getErrorMessage()))
        return f

    def trap_wrong(f):
        t.emit("trapping RuntimeError")
        f.trap(RuntimeError)
        t.emit("not reached")

    def trap_right(f):
        t.emit("same exception object " + fmt(f.value is original))
        trapped = f.trap(RuntimeError, AppError)
        t.emit("trap returned AppError " + fmt(trapped is AppError))
        return "trapped"

    d.addErrback(checker)
    d.addErrback(trap_wrong)
    d.addErrback(trap_right)
    d.addCallback(lambda v: t.emit("chain continues with " + fmt(v)))
    d.errback(original)
