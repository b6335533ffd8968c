/** Twin of python/deferred-list-default.py (features §3). */
import { Deferred, DeferredList, type Failure } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const [a, b, c] = [new Deferred<any>(), new Deferred<any>(), new Deferred<any>()];
  const dl = new DeferredList([a, b, c]);
  dl.addCallback((r: unknown) => t.emit("list got " + fmt(r)));
  t.emit("firing c");
  c.callback("C");
  t.emit("failing a");
  a.errback(new ValueError("a failed"));
  t.emit("firing b");
  b.callback("B");
  a.addErrback((f: Failure) => {
    t.emit("a still holds " + err(f));
    return "a handled";
  });
  c.addCallback((v: unknown) => t.emit("c still holds " + fmt(v)));

  const [x, y] = [new Deferred<any>(), new Deferred<any>()];
  const allFail = new DeferredList([x, y]);
  allFail.addCallbacks(
    (r: unknown) => t.emit("all-fail list called back with " + fmt(r)),
    (f: Failure) => t.emit("all-fail list errback " + err(f)),
  );
  y.errback(new RuntimeError("y"));
  x.errback(new RuntimeError("x"));
  x.addErrback(() => null);
  y.addErrback(() => null);
}
