/** Twin of python/deferred-queue.py (features §4). */
import { DeferredQueue, type Failure, QueueOverflow, QueueUnderflow } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const q = new DeferredQueue<number>(2, 2);
  const g1 = q.get();
  const g2 = q.get();
  g1.addCallback((v: unknown) => t.emit("g1 got " + fmt(v)));
  g2.addCallbacks(
    (v: unknown) => t.emit("g2 got " + fmt(v)),
    (f: Failure) => t.emit("g2 failed " + err(f)),
  );
  try {
    q.get();
    t.emit("third get: no error");
  } catch (e) {
    if (!(e instanceof QueueUnderflow)) throw e;
    t.emit("third get raised " + exc(e));
  }
  t.emit("cancelling g2");
  g2.cancel();
  const g3 = q.get();
  g3.addCallback((v: unknown) => t.emit("g3 got " + fmt(v)));
  t.emit("put 1");
  q.put(1);
  t.emit("put 2");
  q.put(2);
  t.emit("put 3");
  q.put(3);
  t.emit("put 4");
  q.put(4);
  try {
    q.put(5);
    t.emit("put 5: no error");
  } catch (e) {
    if (!(e instanceof QueueOverflow)) throw e;
    t.emit("put 5 raised " + exc(e));
  }
  t.emit("pending " + fmt(q.pending));
  const g4 = q.get();
  t.emit("g4 called " + fmt(g4.called));
  g4.addCallback((v: unknown) => t.emit("g4 got " + fmt(v)));
  q.get().addCallback((v: unknown) => t.emit("g5 got " + fmt(v)));
  t.emit("pending " + fmt(q.pending));
}
