/** Twin of python/inline-callbacks-nested-ready.py (R7). */
import { Deferred, inlineCallbacks, succeed } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const gate = new Deferred<any>();
  const level: (n: number) => Deferred<number> = inlineCallbacks(function* (n: number): Generator<unknown, number, any> {
    const v = n === 30 ? yield gate : yield level(n + 1);
    t.emit(`level ${n} resumes with ${fmt(v)}`);
    return v + n;
  });

  const top = level(0);
  top.addCallback((v: unknown) => t.emit("top got " + fmt(v)));
  t.emit("firing gate");
  gate.callback(1000);
  t.emit("gate fired");

  const many = inlineCallbacks(function* (): Generator<unknown, number, any> {
    let total = 0;
    for (let i = 0; i < 100000; i++) total += yield succeed(i);
    return total;
  });
  many().addCallback((v: unknown) => t.emit("sum of 100000 ready yields " + fmt(v)));
}
