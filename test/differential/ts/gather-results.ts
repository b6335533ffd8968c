/** Twin of python/gather-results.py (features §3). */
import { Deferred, type Failure, gatherResults } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const [a, b] = [new Deferred<any>(), new Deferred<any>()];
  const g = gatherResults([a, b]);
  g.addCallback((r: unknown) => t.emit("gather got " + fmt(r)));
  b.callback(2);
  a.callback(1);

  const cancellerCalls: string[] = [];
  const p = new Deferred<any>(() => cancellerCalls.push("p"));
  const q = new Deferred<any>(() => cancellerCalls.push("q"));
  const r = new Deferred<any>(() => cancellerCalls.push("r"));
  const g2 = gatherResults([p, q, r], true);
  g2.addErrback((f: Failure) => t.emit("gather eb got " + err(f)));
  p.callback("P");
  r.errback(new ValueError("r failed"));
  t.emit("cancellers called " + fmt(cancellerCalls));
  r.addBoth((v: unknown) => t.emit("r now holds " + fmt(v)));
  q.callback("Q");

  const x = new Deferred<any>(() => t.emit("x canceller"));
  const y = new Deferred<any>(() => t.emit("y canceller"));
  const g3 = gatherResults([x, y]);
  g3.addErrback((f: Failure) => t.emit("cancelled gather got " + err(f)));
  g3.cancel();
  y.addErrback((f: Failure) => t.emit("y holds " + err(f)));
  x.addErrback((f: Failure) => t.emit("x holds " + err(f)));
}
