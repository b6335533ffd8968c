"""Runs random Deferred programs (JSON on stdin, see chains-program.ts) on
Twisted and prints one trace (a list of lines) per program as JSON."""
import json
import sys

from twisted.internet import defer
from twisted.python.failure import Failure


class E1(Exception):
    pass


def run(program):
    trace = []
    ds = []

    def desc(x):
        if isinstance(x, Failure):
            # 22.4 asserts on callback(aDeferred); the port refuses it with a TypeError.
            name = "RefusedDeferred" if x.check(AssertionError) else x.type.__name__
            return "F(%s:%s)" % (name, x.getErrorMessage() if x.check(E1) else "")
        if isinstance(x, defer.Deferred):
            for i, d in enumerate(ds):
                if d is x:
                    return "D%d" % i
            return "D?"
        if x is None:
            return "None"
        return str(x)

    def make_canceller(i, kind):
        if kind is None:
            return None

        def canceller(d):
            trace.append("canceller %d" % i)
            if kind == "cb":
                d.callback(100 + i)
            elif kind == "eb":
                d.errback(E1("cancel%d" % i))
            elif kind == "raise":
                raise E1("canceller%d" % i)

        return canceller

    def act(stage, action, arg):
        trace.append("stage %d got %s" % (stage, desc(arg)))
        kind = action[0]
        if kind == "ret":
            return action[1]
        if kind == "raise":
            raise E1(action[1])
        if kind == "retd":
            return ds[action[1]]
        if kind == "retfail":
            return Failure(E1(action[1]))
        if kind == "fire":
            try:
                ds[action[1]].callback(action[2])
            except defer.AlreadyCalledError:
                trace.append("stage %d: AlreadyCalledError" % stage)
            return arg
        if kind == "cancel":
            try:
                ds[action[1]].cancel()
            except E1 as e:
                trace.append("stage %d: cancel raised %s" % (stage, e))
            return arg
        if kind == "unpause":
            ds[action[1]].unpause()
            return arg
        return arg  # "pass"

    for i, kind in enumerate(program["cancellers"]):
        ds.append(defer.Deferred(make_canceller(i, kind)))

    for op in program["ops"]:
        name = op[0]
        if name == "add":
            _, i, side, action, stage = op
            fn = (lambda r, action=action, stage=stage: act(stage, action, r))
            if side == "cb":
                ds[i].addCallback(fn)
            elif side == "eb":
                ds[i].addErrback(fn)
            else:
                ds[i].addBoth(fn)
        elif name == "callback":
            try:
                ds[op[1]].callback(op[2])
            except defer.AlreadyCalledError:
                trace.append("callback %d: AlreadyCalledError" % op[1])
        elif name == "errback":
            try:
                ds[op[1]].errback(E1(op[2]))
            except defer.AlreadyCalledError:
                trace.append("errback %d: AlreadyCalledError" % op[1])
        elif name == "pause":
            ds[op[1]].pause()
        elif name == "unpause":
            ds[op[1]].unpause()
        elif name == "cancel":
            try:
                ds[op[1]].cancel()
            except E1 as e:
                trace.append("cancel %d raised %s" % (op[1], e))
        elif name == "chain":
            ds[op[1]].chainDeferred(ds[op[2]])
        trace.append("after %s" % name)

    for i, d in enumerate(ds):
        result = desc(d.result) if d.called and hasattr(d, "result") else "-"
        trace.append("final %d called=%s paused=%d result=%s" % (i, d.called, d.paused, result))
        if d.called and isinstance(getattr(d, "result", None), Failure):
            d.addErrback(lambda f: None)  # keep stderr quiet
    return trace


programs = json.load(sys.stdin)
json.dump([run(p) for p in programs], sys.stdout)
