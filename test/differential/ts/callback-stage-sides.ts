/** Twin of python/callback-stage-sides.py (R1). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  d.addCallbacks(
    (v: any) => {
      t.emit("cb1 got " + fmt(v));
      throw new ValueError("from cb1");
    },
    (f: Failure) => {
      t.emit("eb1 got " + err(f)); // must not run: same stage as cb1
      return "eb1";
    },
  );
  d.addCallbacks(
    (v: any) => {
      t.emit("cb2 got " + fmt(v)); // must not run: the result is a failure
      return "cb2";
    },
    (f: Failure) => {
      t.emit("eb2 got " + err(f));
      return "recovered";
    },
  );
  d.addCallbacks(
    (v: any) => {
      t.emit("cb3 got " + fmt(v));
      return null;
    },
    (f: Failure) => {
      t.emit("eb3 got " + err(f));
    },
  );
  t.emit("before callback");
  d.callback(1);
  t.emit("after callback");
  t.emit("called " + fmt(d.called));
  d.addCallback((v: any) => t.emit("late cb got " + fmt(v)));
  t.emit("end");
}
