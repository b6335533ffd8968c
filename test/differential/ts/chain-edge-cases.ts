/** Twin of python/chain-edge-cases.py (R2, features §3). */
import { Deferred, DeferredList, type Failure, fail } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const innermost = new Deferred<any>();
  const inner = new Deferred<any>();
  inner.addCallback(() => innermost);
  inner.callback("inner fired");
  const outer = new Deferred<any>();
  outer.addCallback(() => inner);
  outer.addCallback((v: unknown) => t.emit("outer got " + fmt(v)));
  outer.callback(null);
  t.emit("outer paused " + fmt(Boolean(outer.paused)) + ", inner paused " + fmt(Boolean(inner.paused)));
  innermost.callback("deep value");
  t.emit("after innermost fired");

  const failed = fail(new ValueError("stolen failure"));
  const o2 = new Deferred<any>();
  o2.addCallback(() => failed);
  o2.addErrback((f: Failure) => t.emit("o2 eb got " + err(f)));
  o2.callback(null);
  failed.addBoth((r: unknown) => t.emit("failed now holds " + fmt(r)));

  const held = new Deferred<any>();
  held.pause();
  held.addCallback((v: unknown) => t.emit("held runs with " + fmt(v)));
  held.callback("held value");
  const trigger = new Deferred<any>();
  trigger.addCallback(() => {
    t.emit("unpauser starts");
    held.unpause();
    t.emit("unpauser ends");
  });
  trigger.callback(null);

  const same = new Deferred<any>();
  const dl = new DeferredList<any>([same, same], { consumeErrors: true });
  dl.addCallback((r: unknown) => t.emit("duplicate list got " + fmt(r)));
  same.errback(new RuntimeError("twice"));
  same.addBoth((r: unknown) => t.emit("same now holds " + fmt(r)));
}
