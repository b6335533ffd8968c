"""Runs random inlineCallbacks programs (JSON on stdin, see
coroutines-program.ts) on Twisted and prints one trace per program as JSON."""
import json
import sys

from twisted.internet import defer
from twisted.python.failure import Failure


class E1(Exception):
    pass


# Twisted 22.4's Deferred.send (the `await` protocol, replaced by __await__ in
# 24.7) asserts that a failed Deferred has a DebugInfo; awaiting a Deferred
# again from inside the callback that resumed the coroutine trips it. Current
# Twisted guards the access instead; emulate that here.
if hasattr(defer.Deferred, "send"):
    _send = defer.Deferred.send

    def _guarded_send(self, value=None):
        if self._debugInfo is None and isinstance(getattr(self, "result", None), Failure):
            self._debugInfo = defer.DebugInfo()
        return _send(self, value)

    defer.Deferred.send = _guarded_send
    defer.Deferred.__next__ = _guarded_send


def run(program):
    trace = []
    n = len(program["cancellers"])
    ds = [None] * (n + len(program["gens"]))

    def name_of(exc_type, message, is_e1):
        return "%s:%s" % (exc_type.__name__, message if is_e1 else "")

    def desc(x):
        if isinstance(x, Failure):
            return "F(%s)" % name_of(x.type, x.getErrorMessage(), x.check(E1))
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

        return canceller

    def fire(who, j, value):
        if ds[j] is None:
            return
        try:
            ds[j].callback(value)
        except defer.AlreadyCalledError:
            trace.append("%s: AlreadyCalledError" % who)

    def make_gen(k, steps):
        def body():
            trace.append("gen %d start" % k)
            for step in steps:
                kind = step[0]
                if kind == "yield":
                    try:
                        v = yield ds[step[1]]
                        trace.append("gen %d got %s" % (k, desc(v)))
                    except Exception as e:
                        trace.append("gen %d caught %s" % (k, name_of(type(e), str(e), isinstance(e, E1))))
                        if step[2]:
                            raise
                elif kind == "raise":
                    raise E1("g%d" % k)
                elif kind == "return":
                    return step[1]
                elif kind == "fire":
                    fire("gen %d" % k, step[1], step[2])
                elif kind == "cancel":
                    if ds[step[1]] is not None:
                        ds[step[1]].cancel()
            return "done%d" % k

        return defer.inlineCallbacks(body)

    def make_coroutine(k, steps):
        async def body():
            trace.append("gen %d start" % k)
            for step in steps:
                kind = step[0]
                if kind == "yield":
                    target = ds[step[1]]
                    if target is None:
                        continue
                    try:
                        v = await target
                        trace.append("gen %d got %s" % (k, desc(v)))
                    except Exception as e:
                        trace.append("gen %d caught %s" % (k, name_of(type(e), str(e), isinstance(e, E1))))
                        if step[2]:
                            raise
                elif kind == "raise":
                    raise E1("g%d" % k)
                elif kind == "return":
                    return step[1]
                elif kind == "fire":
                    fire("gen %d" % k, step[1], step[2])
                elif kind == "cancel":
                    if ds[step[1]] is not None:
                        ds[step[1]].cancel()
            return "done%d" % k

        return lambda: defer.ensureDeferred(body())

    kinds = program.get("kinds") or ["ic"] * len(program["gens"])
    gens = [
        (make_gen if kinds[k] == "ic" else make_coroutine)(k, steps)
        for k, steps in enumerate(program["gens"])
    ]
    for i, kind in enumerate(program["cancellers"]):
        ds[i] = defer.Deferred(make_canceller(i, kind))

    def act(stage, action, arg):
        trace.append("stage %d got %s" % (stage, desc(arg)))
        kind = action[0]
        if kind == "ret":
            return action[1]
        if kind == "raise":
            raise E1(action[1])
        if kind == "retd":
            return ds[action[1]] if ds[action[1]] is not None else arg
        if kind == "fire":
            fire("stage %d" % stage, action[1], action[2])
        elif kind == "cancel":
            if ds[action[1]] is not None:
                ds[action[1]].cancel()
        return arg

    for op in program["ops"]:
        name = op[0]
        d = ds[op[1]] if len(op) > 1 and isinstance(op[1], int) and name != "start" else None
        if name == "start":
            k = op[1]
            if ds[n + k] is None:
                ds[n + k] = gens[k]()
        elif d is None:
            pass
        elif name == "add":
            _, i, side, action, stage = op
            fn = (lambda r, action=action, stage=stage: act(stage, action, r))
            if side == "cb":
                d.addCallback(fn)
            elif side == "eb":
                d.addErrback(fn)
            else:
                d.addBoth(fn)
        elif name == "callback":
            fire("callback %d" % op[1], op[1], op[2])
        elif name == "errback":
            try:
                d.errback(E1(op[2]))
            except defer.AlreadyCalledError:
                trace.append("errback %d: AlreadyCalledError" % op[1])
        elif name == "cancel":
            d.cancel()
        elif name == "pause":
            d.pause()
        elif name == "unpause":
            d.unpause()
        trace.append("after %s" % name)

    for i, d in enumerate(ds):
        if d is None:
            trace.append("final %d unstarted" % i)
            continue
        result = desc(d.result) if d.called and hasattr(d, "result") else "-"
        trace.append("final %d called=%s paused=%d result=%s" % (i, d.called, d.paused, result))
        if d.called and isinstance(getattr(d, "result", None), Failure):
            d.addErrback(lambda f: None)
    return trace


programs = json.load(sys.stdin)
json.dump([run(p) for p in programs], sys.stdout)
