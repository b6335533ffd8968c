/**
 * Twin of python/ensure-deferred.py (R11). The Python side passes a coroutine
 * (`async def`); here the coroutine is a generator object, which
 * `ensureDeferred` drives with the same trampoline, as Twisted's
 * `fromCoroutine` does for generators.
 */
import { Deferred, ensureDeferred, type Failure, NotACoroutineError } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  t.emit("same object " + fmt(ensureDeferred(d) === d));

  let gate = new Deferred<any>();
  function* body(x: string): Generator<unknown, string, any> {
    t.emit("body starts with " + fmt(x));
    const v = yield gate;
    t.emit("body resumed with " + fmt(v));
    if (v === "bad") throw new ValueError("body failed");
    return x + v;
  }

  const r = ensureDeferred(body("a"));
  t.emit("ensureDeferred returned, called " + fmt(r.called) + ", is Deferred " + fmt(r instanceof Deferred));
  r.addCallback((v: unknown) => t.emit("result " + fmt(v)));
  gate.callback("b");

  gate = new Deferred<any>();
  const r2 = ensureDeferred(body("c"));
  r2.addErrback((f: Failure) => t.emit("failed " + err(f)));
  gate.callback("bad");

  for (const bad of [5, null, "text"]) {
    try {
      ensureDeferred(bad as any);
      t.emit("no error for " + fmt(bad));
    } catch (e) {
      if (!(e instanceof NotACoroutineError)) throw e;
      t.emit(`ensureDeferred(${fmt(bad)}) raised ${exc(e)}`);
    }
  }
}
