/** Twin of python/cancel-forwards-to-inner.py (R5). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const innermost = new Deferred<any>(() => t.emit("innermost canceller called"));
  const middle = new Deferred<any>(() => t.emit("middle canceller called (wrong)"));
  const outer = new Deferred<any>(() => t.emit("outer canceller called (wrong)"));
  middle.addCallback(() => innermost);
  middle.callback("m");
  outer.addCallback(() => middle);
  outer.addErrback((f: Failure) => {
    t.emit("outer eb got " + err(f));
    return "outer handled";
  });
  outer.addCallback((v: unknown) => {
    t.emit("outer cb got " + fmt(v));
    return v;
  });
  innermost.addBoth((r: unknown) => {
    t.emit("innermost stage got " + fmt(r));
    return r;
  });
  outer.callback("o");
  t.emit("cancelling outer");
  outer.cancel();
  t.emit("cancelled outer");
  innermost.addBoth((r: unknown) => t.emit("innermost after got " + fmt(r)));
  t.emit("cancel fired outer again");
  outer.cancel();
  t.emit("end");
}
