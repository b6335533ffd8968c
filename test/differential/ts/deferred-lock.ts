/** Twin of python/deferred-lock.py (features §4). */
import { Deferred, DeferredLock, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const lock = new DeferredLock();
  const acquired =
    (name: string) =>
    (l: unknown): string => {
      t.emit(`${name} acquired, same lock ${fmt(l === lock)}, locked ${fmt(lock.locked)}`);
      return name;
    };

  lock.acquire().addCallback(acquired("A"));
  const b = lock.acquire().addCallback(acquired("B"));
  const c = lock.acquire();
  c.addCallbacks(acquired("C"), (f: Failure) => t.emit("C failed " + err(f)));
  const d = lock.acquire();
  d.addCallback(() => {
    t.emit("D acquired, releasing inside its callback");
    lock.release();
    t.emit("D released, locked " + fmt(lock.locked));
  });
  t.emit("cancelling C");
  c.cancel();
  t.emit("A releases");
  lock.release();
  t.emit("A released");
  b.addCallback((v: unknown) => t.emit("B chain continues with " + fmt(v)));
  t.emit("B releases");
  lock.release();
  t.emit("B released, locked " + fmt(lock.locked));

  const gate = new Deferred<any>();
  const job = (x: string): Deferred<any> => {
    t.emit(`job running with ${fmt(x)}, locked ${fmt(lock.locked)}`);
    return gate;
  };
  const r = lock.run(job, "arg");
  r.addCallback((v: unknown) => t.emit(`run result ${fmt(v)}, locked ${fmt(lock.locked)}`));
  t.emit("waiting run: another acquire");
  lock.acquire().addCallback(() => t.emit("E acquired after run"));
  t.emit("firing job gate");
  gate.callback("job done");
  t.emit("locked " + fmt(lock.locked));
}
