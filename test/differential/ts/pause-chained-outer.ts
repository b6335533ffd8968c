/** Twin of python/pause-chained-outer.py (R3). */
import { Deferred } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const outer = new Deferred<any>();
  const inner = new Deferred<any>();
  outer.addCallback(() => inner);
  outer.addCallback((v: number) => {
    t.emit("outer cb got " + fmt(v));
    return v + 1;
  });
  outer.callback(0);
  outer.pause();
  inner.addCallback((v: unknown) => {
    t.emit("inner after got " + fmt(v));
    return "inner-after";
  });
  t.emit("firing inner");
  inner.callback(7);
  t.emit("fired inner");
  t.emit("outer paused " + fmt(Boolean(outer.paused)));
  t.emit("unpausing outer");
  outer.unpause();
  t.emit("unpaused outer");
  t.emit("adding to inner");
  inner.addCallback((v: unknown) => t.emit("inner last got " + fmt(v)));
  t.emit("end");
}
