/** Twin of python/deferred-semaphore.py (features §4). */
import { type Deferred, DeferredSemaphore, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const sem = new DeferredSemaphore(2);
  t.emit(`tokens ${fmt(sem.tokens)} limit ${fmt(sem.limit)}`);
  const order: string[] = [];
  const take = (name: string): Deferred<DeferredSemaphore> => {
    const d = sem.acquire();
    d.addCallbacks(
      () => {
        order.push(name);
        t.emit(`${name} acquired, tokens ${fmt(sem.tokens)}`);
      },
      (f: Failure) => t.emit(`${name} failed ${err(f)}`),
    );
    return d;
  };

  take("a");
  take("b");
  take("c");
  const d = take("d");
  take("e");
  t.emit("after five acquires, tokens " + fmt(sem.tokens) + ", waiting " + fmt(sem.waiting.length));
  d.cancel();
  t.emit("after cancelling d, waiting " + fmt(sem.waiting.length));
  sem.release();
  t.emit("released one, tokens " + fmt(sem.tokens));
  sem.release();
  t.emit("released two, tokens " + fmt(sem.tokens));
  sem.release();
  sem.release();
  t.emit("released all, tokens " + fmt(sem.tokens));
  t.emit("order " + fmt(order));

  const results: unknown[] = [];
  const work = (name: string): string => {
    t.emit("work " + name + " runs, tokens " + fmt(sem.tokens));
    return name.toUpperCase();
  };
  for (const name of ["x", "y", "z"]) {
    sem.run(work, name).addCallback((v: unknown) => {
      results.push(v);
    });
  }
  t.emit("run results " + fmt(results) + ", tokens " + fmt(sem.tokens));
}
