/** Twin of python/chain-pending-inner.py (R2). */
import { Deferred } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const outer = new Deferred<any>();
  const inner = new Deferred<any>();
  inner.addCallback((v: number) => {
    t.emit("inner before got " + fmt(v));
    return v + 1;
  });
  outer.addCallback((v: unknown) => {
    t.emit("outer cb1 got " + fmt(v));
    return inner;
  });
  outer.addCallback((v: number) => {
    t.emit("outer cb2 got " + fmt(v));
    return v * 2;
  });
  outer.callback("start");
  t.emit("outer paused " + fmt(Boolean(outer.paused)));
  t.emit("outer called " + fmt(outer.called));
  inner.addCallback((v: unknown) => {
    t.emit("inner after got " + fmt(v));
    return "after";
  });
  outer.addCallback((v: unknown) => {
    t.emit("outer cb3 got " + fmt(v));
    return v;
  });
  t.emit("firing inner");
  inner.callback(10);
  t.emit("fired inner");
  t.emit("outer paused " + fmt(Boolean(outer.paused)));
  outer.addCallback((v: unknown) => t.emit("outer late got " + fmt(v)));
  inner.addCallback((v: unknown) => t.emit("inner late got " + fmt(v)));
}
