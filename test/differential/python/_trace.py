"""Shared trace helpers for the Python side of the differential scenarios.

Every scenario prints one event per line. Values go through `fmt` so that the
TypeScript side (ts/trace.ts) can print the very same text: see ../README.md
for the format. Keep the two files in step.
"""

from twisted.internet.defer import Deferred, FirstError
from twisted.python.failure import Failure

# Exceptions whose message is part of the trace: the scenarios raise these
# themselves, so the message is under our control on both sides. Every other
# exception (Twisted's own errors) prints its class name only, because the
# message texts of the two implementations are not meant to match.
USER_ERRORS = (ValueError, RuntimeError)


def exc(e):
    """`Name: message` for a scenario's own error, `Name` for any other."""
    name = type(e).__name__
    if isinstance(e, FirstError):
        return "FirstError(index=%d, %s)" % (e.index, err(e.subFailure))
    if name == "FailureGroup":
        return "FailureGroup(" + ", ".join(err(f) for f in e.failures) + ")"
    if type(e) in USER_ERRORS:
        return "%s: %s" % (name, e)
    return name


def err(f):
    """The exception held by a Failure, formatted by `exc`."""
    return exc(f.value)


def fmt(v):
    """A language-neutral rendering of a value (see README "Values")."""
    if v is None:
        return "None"
    if v is True:
        return "True"
    if v is False:
        return "False"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, str):
        return "'" + v + "'"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(fmt(x) for x in v) + "]"
    if isinstance(v, Failure):
        return "<Failure " + err(v) + ">"
    if isinstance(v, BaseException):
        return "<" + exc(v) + ">"
    if isinstance(v, Deferred):
        return "<Deferred>"
    return "<" + type(v).__name__ + ">"
