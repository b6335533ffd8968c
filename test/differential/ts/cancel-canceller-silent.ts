/** Twin of python/cancel-canceller-silent.py (R5). */
import { AlreadyCalledError, Deferred, type Failure } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>((self) => {
    t.emit("canceller called, called " + fmt(self.called));
  });
  d.addCallbacks(
    (v: unknown) => t.emit("cb got " + fmt(v)),
    (f: Failure) => {
      t.emit("eb got " + err(f));
      return null;
    },
  );
  d.cancel();
  t.emit("called " + fmt(d.called));
  try {
    d.callback("late");
    t.emit("late callback: no error");
  } catch (e) {
    if (!(e instanceof AlreadyCalledError)) throw e;
    t.emit("late callback raised " + exc(e));
  }
}
