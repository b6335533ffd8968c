/** Twin of python/lock-run-errors.py (features §4). */
import { DeferredLock, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const lock = new DeferredLock();
  const boom = (x: string): never => {
    t.emit("boom runs with " + fmt(x) + ", locked " + fmt(lock.locked));
    throw new ValueError("boom " + x);
  };

  const held = lock.acquire();
  const r = lock.run(boom, "a");
  t.emit("run waiting, called " + fmt(r.called));
  r.addErrback((f: Failure) => t.emit(`run failed ${err(f)}, locked ${fmt(lock.locked)}`));
  const waiter = lock.acquire();
  waiter.addCallback(() => t.emit("waiter acquired"));
  t.emit("releasing the held lock");
  lock.release();
  t.emit("locked " + fmt(lock.locked) + ", waiting " + fmt(lock.waiting.length));
  held.cancel();
  waiter.cancel();
  t.emit("cancel of fired acquires: locked " + fmt(lock.locked));
  lock.release();
  t.emit("locked " + fmt(lock.locked));
}
