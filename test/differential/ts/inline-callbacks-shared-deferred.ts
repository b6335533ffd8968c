/** Twin of python/inline-callbacks-shared-deferred.py (R7, R11). */
import { Deferred, inlineCallbacks } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const shared = new Deferred<any>();
  const waiter = inlineCallbacks(function* (name: string): Generator<unknown, string, any> {
    t.emit(name + " waits");
    const v = yield shared;
    t.emit(name + " resumed with " + fmt(v));
    return name + ":" + fmt(v);
  });

  waiter("first").addCallback((v: unknown) => t.emit("first done " + fmt(v)));
  waiter("second").addCallback((v: unknown) => t.emit("second done " + fmt(v)));
  t.emit("firing shared");
  shared.callback("value");
  shared.addCallback((v: unknown) => t.emit("shared now holds " + fmt(v)));
}
