/** Twin of python/chain-deferred.py (features §1). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const [d1, d2] = [new Deferred<any>(), new Deferred<any>()];
  d2.addCallback((v: unknown) => {
    t.emit("d2 got " + fmt(v));
    return "d2-result";
  });
  d1.chainDeferred(d2);
  d1.addCallback((v: unknown) => t.emit("d1 continues with " + fmt(v)));
  d1.callback("shared");

  const [e1, e2] = [new Deferred<any>(), new Deferred<any>()];
  e1.chainDeferred(e2);
  e2.addErrback((f: Failure) => t.emit("e2 eb got " + err(f)));
  e1.addBoth((r: unknown) => t.emit("e1 continues with " + fmt(r)));
  e1.errback(new ValueError("forwarded failure"));

  const [f1, f2] = [new Deferred<any>(), new Deferred<any>()];
  f2.callback("f2 fired first");
  f1.chainDeferred(f2);
  f1.addErrback((f: Failure) => t.emit("f1 eb got " + err(f)));
  f1.callback("too late");

  const [g1, g2] = [new Deferred<any>(), new Deferred<any>()];
  g2.addErrback((f: Failure) => {
    t.emit("g2 eb got " + err(f));
    return null;
  });
  g2.cancel();
  g1.chainDeferred(g2);
  g1.addBoth((r: unknown) => t.emit("g1 continues with " + fmt(r)));
  g1.callback("swallowed");
  g2.addBoth((r: unknown) => t.emit("g2 holds " + fmt(r)));
}
