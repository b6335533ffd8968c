/** Twin of python/inline-callbacks-sync-run.py (R7). */
import { Deferred, fail, inlineCallbacks, succeed } from "../../../runtime/index.js";
import { exc, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const fired = succeed<any>("ready");
  const failed = fail(new ValueError("already failed"));
  const pending = new Deferred<any>();

  const gen = inlineCallbacks(function* (arg: string): Generator<unknown, string, any> {
    t.emit("gen start " + fmt(arg));
    const x = yield 42;
    t.emit("yield plain value gave " + fmt(x));
    const y = yield fired;
    t.emit("yield fired gave " + fmt(y));
    try {
      yield failed;
      t.emit("not reached");
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      t.emit("yield failed raised " + exc(e));
    }
    const z = yield pending;
    t.emit("yield pending gave " + fmt(z));
    return z + "!";
  });

  t.emit("calling gen");
  const d = gen("arg");
  t.emit("gen returned, called " + fmt(d.called));
  fired.addCallback((v: unknown) => t.emit("fired now holds " + fmt(v)));
  failed.addBoth((r: unknown) => t.emit("failed now holds " + fmt(r)));
  d.addCallback((v: unknown) => t.emit("result " + fmt(v)));
  t.emit("firing pending");
  pending.callback("late");
  t.emit("fired pending");
  pending.addCallback((v: unknown) => t.emit("pending now holds " + fmt(v)));
}
