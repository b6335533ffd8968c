/** Twin of python/callback-returns-failure.py (R1). */
import { Deferred, Failure } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  d.addCallback((v: unknown) => {
    t.emit("cb1 got " + fmt(v));
    return new Failure(new ValueError("returned"));
  });
  d.addCallback(() => t.emit("cb2 must not run"));
  d.addCallbacks(() => t.emit("cb3 must not run"));
  d.addErrback((f: Failure) => t.emit("eb got " + err(f)));
  d.addCallback((v: unknown) => {
    t.emit("cb4 got " + fmt(v));
    return [v, "x"];
  });
  d.addBoth((r: unknown) => t.emit("both got " + fmt(r)));
  d.callback(1);

  const e = new Deferred<any>();
  e.addCallback((v: unknown) => t.emit("e cb got " + fmt(v)));
  e.callback(new Failure(new RuntimeError("callback with a Failure")));
  e.addErrback((f: Failure) => t.emit("e eb got " + err(f)));
}
