/** Twin of python/deferred-list-fire-on-one.py (features §3). */
import { Deferred, DeferredList, type Failure } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const [a, b, c] = [new Deferred<any>(), new Deferred<any>(), new Deferred<any>()];
  const dl = new DeferredList([a, b, c], { fireOnOneCallback: true });
  dl.addCallback((r: unknown) => t.emit("fireOnOneCallback got " + fmt(r)));
  a.errback(new ValueError("a failed"));
  t.emit("a failed, list called " + fmt(dl.called));
  c.callback("C");
  t.emit("c fired, list called " + fmt(dl.called));
  b.callback("B");
  a.addErrback((f: Failure) => t.emit("a holds " + err(f)));

  const [p, q] = [new Deferred<any>(), new Deferred<any>()];
  const dl2 = new DeferredList([p, q], { fireOnOneErrback: true });
  dl2.addCallbacks(
    (r: unknown) => t.emit("fireOnOneErrback cb got " + fmt(r)),
    (f: Failure) => t.emit("fireOnOneErrback eb got " + err(f)),
  );
  p.callback("P");
  t.emit("p fired, list called " + fmt(dl2.called));
  q.errback(new RuntimeError("q failed"));
  q.addErrback((f: Failure) => t.emit("q holds " + err(f)));
}
