/** Twin of python/cancel-canceller-fires.py (R5). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>((self) => {
    t.emit("canceller called, called " + fmt(self.called));
    self.callback("value from canceller");
    t.emit("canceller done");
  });
  d.addCallbacks(
    (v: unknown) => t.emit("cb got " + fmt(v)),
    (f: Failure) => t.emit("eb got " + err(f)),
  );
  d.cancel();
  t.emit("after cancel, called " + fmt(d.called));

  const d2 = new Deferred<any>((self) => {
    t.emit("failing canceller called");
    self.errback(new ValueError("canceller failure"));
  });
  d2.addErrback((f: Failure) => t.emit("d2 eb got " + err(f)));
  d2.cancel();
  t.emit("cancel fired d2: no-op");
  d2.cancel();
}
