/** Twin of python/cancel-canceller-raises.py (R5). */
import { Deferred } from "../../../runtime/index.js";
import { exc, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>(() => {
    t.emit("canceller called");
    throw new ValueError("canceller exploded");
  });
  d.addBoth((r: unknown) => t.emit("both got " + fmt(r)));
  try {
    d.cancel();
    t.emit("cancel returned");
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    t.emit("cancel raised " + exc(e));
  }
  t.emit("called " + fmt(d.called));
  d.callback("normal");
  t.emit("end");
}
