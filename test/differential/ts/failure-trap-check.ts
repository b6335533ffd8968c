/** Twin of python/failure-trap-check.py (features §2). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

class AppError extends ValueError {
  override name = "AppError";
}

export function run(t: Trace): void {
  const original = new AppError("app failed");
  const d = new Deferred<any>();
  d.addErrback((f: Failure) => {
    t.emit("check RuntimeError " + fmt(f.check(RuntimeError) === null));
    t.emit("check ValueError is ValueError " + fmt(f.check(RuntimeError, ValueError) === ValueError));
    t.emit("message " + fmt(f.getErrorMessage()));
    return f;
  });
  d.addErrback((f: Failure) => {
    t.emit("trapping RuntimeError");
    f.trap(RuntimeError);
    t.emit("not reached");
  });
  d.addErrback((f: Failure) => {
    t.emit("same exception object " + fmt(f.value === original));
    const trapped = f.trap(RuntimeError, AppError);
    t.emit("trap returned AppError " + fmt(trapped === AppError));
    return "trapped";
  });
  d.addCallback((v: unknown) => t.emit("chain continues with " + fmt(v)));
  d.errback(original);
}
