/**
 * Twin of python/inline-callbacks-yield-generator.py (R7, R14): current
 * Twisted runs a yielded generator object as a sub-task; the Python side
 * reproduces that on Debian's 22.4, which sent it back unchanged.
 */
import { CancelledError, Deferred, inlineCallbacks } from "../../../runtime/index.js";
import { exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  let gate = new Deferred<any>(() => t.emit("gate canceller called"));

  function* sub(x: string): Generator<unknown, string, any> {
    t.emit("sub starts with " + fmt(x));
    let v: string;
    try {
      v = yield gate;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      t.emit("sub caught " + exc(e));
      return x + "-cancelled";
    }
    t.emit("sub resumed with " + fmt(v));
    return x + v;
  }

  const main = inlineCallbacks(function* (x: string): Generator<unknown, string, any> {
    t.emit("main yields a generator object");
    const r = yield sub(x);
    t.emit("main got " + fmt(r));
    return r;
  });

  main("a").addCallback((v: unknown) => t.emit("result " + fmt(v)));
  t.emit("firing gate");
  gate.callback("b");

  gate = new Deferred<any>(() => t.emit("gate canceller called"));
  const d = main("c");
  d.addCallback((v: unknown) => t.emit("result " + fmt(v)));
  t.emit("cancelling main");
  d.cancel();
  t.emit("end");
}
