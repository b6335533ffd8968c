/**
 * Twin of python/race.py (features §3). Twisted 22.4 has no `race` (R14): the
 * Python side runs python/_race_shim.py, a re-implementation of current
 * Twisted's `race` (defer.py@6466160).
 */
import { Deferred, type Failure, race, succeed } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const a = new Deferred<any>(() => t.emit("a canceller"));
  const b = new Deferred<any>(() => t.emit("b canceller"));
  const c = new Deferred<any>(() => t.emit("c canceller"));
  const r = race([a, b, c]);
  r.addCallback((v: unknown) => t.emit("race got " + fmt(v)));
  a.addBoth((v: unknown) => t.emit("a now holds " + fmt(v)));
  t.emit("firing b");
  b.callback("B");
  b.addBoth((v: unknown) => t.emit("b now holds " + fmt(v)));

  const [x, y] = [new Deferred<any>(), new Deferred<any>()];
  const r2 = race([x, y]);
  r2.addErrback((f: Failure) => t.emit("race2 failed " + err(f)));
  y.errback(new ValueError("y failed"));
  t.emit("y failed, race2 called " + fmt(r2.called));
  x.errback(new RuntimeError("x failed"));

  const early = succeed<any>("early");
  const late = new Deferred<any>(() => t.emit("late canceller"));
  const r3 = race([late, early]);
  t.emit("race3 called " + fmt(r3.called));
  r3.addCallback((v: unknown) => t.emit("race3 got " + fmt(v)));
  late.addBoth((v: unknown) => t.emit("late now holds " + fmt(v)));

  const p = new Deferred<any>(() => t.emit("p canceller"));
  const q = new Deferred<any>((self) => self.callback("q rescued"));
  const r4 = race([p, q]);
  r4.addCallbacks(
    (v: unknown) => t.emit("race4 got " + fmt(v)),
    (f: Failure) => t.emit("race4 failed " + err(f)),
  );
  t.emit("cancelling race4");
  r4.cancel();
  p.addBoth((v: unknown) => t.emit("p now holds " + fmt(v)));

  const never = race([]);
  t.emit("empty race called " + fmt(never.called));
}
