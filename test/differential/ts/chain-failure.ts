/** Twin of python/chain-failure.py (R2, R6). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export async function run(t: Trace): Promise<void> {
  const outer = new Deferred<any>();
  const inner = new Deferred<any>();
  outer.addCallback(() => inner);
  outer.addCallbacks(
    (v: unknown) => t.emit("outer cb got " + fmt(v)),
    (f: Failure) => {
      t.emit("outer eb got " + err(f));
      return "handled";
    },
  );
  outer.addCallback((v: unknown) => t.emit("outer cb2 got " + fmt(v)));
  outer.callback(0);
  inner.addBoth((r: unknown) => t.emit("inner after got " + fmt(r)));
  inner.errback(new ValueError("inner boom"));
  t.emit("collecting");
  await t.collect();

  // An outer that leaves the handed-over failure unhandled is reported once.
  const outer2 = new Deferred<any>();
  const inner2 = new Deferred<any>();
  outer2.addCallback(() => inner2);
  outer2.callback(0);
  inner2.errback(new RuntimeError("nobody handles me"));
  inner2.addBoth((r: unknown) => t.emit("inner2 after got " + fmt(r)));
  t.emit("end");
}
