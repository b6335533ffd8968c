/** Twin of python/cancel-no-canceller.py (R5). */
import { AlreadyCalledError, Deferred, type Failure } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  d.addCallbacks(
    (v: unknown) => t.emit("cb got " + fmt(v)),
    (f: Failure) => {
      t.emit("eb got " + err(f));
      return "handled";
    },
  );
  t.emit("cancelling");
  d.cancel();
  t.emit("called " + fmt(d.called));
  d.callback("late result");
  t.emit("late callback swallowed");
  try {
    d.callback("second late result");
    t.emit("second late callback: no error");
  } catch (e) {
    if (!(e instanceof AlreadyCalledError)) throw e;
    t.emit("second late callback raised " + exc(e));
  }
  t.emit("cancel again");
  d.cancel();
  d.addCallback((v: unknown) => t.emit("final got " + fmt(v)));

  const e = new Deferred<any>();
  e.cancel();
  e.errback(new ValueError("late failure"));
  t.emit("late errback swallowed");
  e.addErrback((f: Failure) => t.emit("e eb got " + err(f)));
}
