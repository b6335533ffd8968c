/** Twin of python/chain-stolen-result.py (R2). */
import { Deferred, succeed } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const inner = succeed<any>(5);
  const outer = new Deferred<any>();
  outer.addCallback((v: unknown) => {
    t.emit("outer cb1 got " + fmt(v));
    return inner;
  });
  outer.addCallback((v: unknown) => {
    t.emit("outer cb2 got " + fmt(v));
    return v;
  });
  outer.callback(1);
  t.emit("outer paused " + fmt(Boolean(outer.paused)));
  inner.addCallback((v: unknown) => t.emit("inner now holds " + fmt(v)));

  const pausedInner = succeed<any>("p");
  pausedInner.pause();
  const outer2 = new Deferred<any>();
  outer2.addCallback(() => pausedInner);
  outer2.addCallback((v: unknown) => {
    t.emit("outer2 cb got " + fmt(v));
    return v;
  });
  outer2.callback(null);
  t.emit("outer2 paused " + fmt(Boolean(outer2.paused)));
  t.emit("unpausing inner");
  pausedInner.unpause();
  t.emit("unpaused inner");
  pausedInner.addCallback((v: unknown) => t.emit("paused_inner now holds " + fmt(v)));
}
