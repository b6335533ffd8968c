/** Twin of python/reentrant-add-callback.py (R1). */
import { Deferred } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  const added = (v: number): number => {
    t.emit("added got " + fmt(v));
    return v * 10;
  };
  d.addCallback((v: number) => {
    t.emit("first start " + fmt(v));
    d.addCallback(added);
    t.emit("first after addCallback");
    return v + 1;
  });
  d.addCallback((v: number) => {
    t.emit("second got " + fmt(v));
    return v + 1;
  });
  t.emit("before callback");
  d.callback(1);
  t.emit("after callback");
  t.emit("before late addCallback");
  d.addCallback((v: unknown) => {
    t.emit("late got " + fmt(v));
    return "late";
  });
  t.emit("after late addCallback");
  d.addCallback((v: unknown) => {
    t.emit("late_adder got " + fmt(v));
    d.addCallback((v2: unknown) => {
      t.emit("nested late got " + fmt(v2));
      return "nested";
    });
    t.emit("late_adder returns");
    return "adder";
  });
  t.emit("after late_adder");
  d.addCallback((v: unknown) => t.emit("final got " + fmt(v)));
}
