/** Twin of python/cancel-paused-unfired.py (R5). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  d.addCallbacks(
    (v: unknown) => t.emit("cb got " + fmt(v)),
    (f: Failure) => {
      t.emit("eb got " + err(f));
      return "handled";
    },
  );
  d.pause();
  d.cancel();
  t.emit("called " + fmt(d.called) + ", paused " + fmt(Boolean(d.paused)));
  d.addCallback((v: unknown) => {
    t.emit("cb2 got " + fmt(v));
    return v;
  });
  t.emit("unpausing");
  d.unpause();
  t.emit("end");
}
