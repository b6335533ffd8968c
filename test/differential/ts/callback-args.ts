/** Twin of python/callback-args.py (R1). */
import { Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  const cb = (v: number, a: number, b: number): number => {
    t.emit(`cb got ${fmt(v)} ${fmt(a)} ${fmt(b)}`);
    return v + a + b;
  };
  const both = (r: unknown, tag: string): unknown => {
    t.emit(`both ${tag} got ${fmt(r)}`);
    return r;
  };
  const boom = (v: number): never => {
    t.emit("boom got " + fmt(v));
    throw new ValueError(`bad ${v}`);
  };
  const eb = (f: Failure, tag: string): number => {
    t.emit(`eb ${tag} got ${err(f)}`);
    return 100;
  };
  const never = (v: unknown): void => {
    t.emit("never called " + fmt(v));
  };
  const cb2 = (v: unknown, x: string): unknown[] => {
    t.emit(`cb2 got ${fmt(v)} ${fmt(x)}`);
    return [v, x];
  };
  const eb2 = (f: Failure, x: string): void => {
    t.emit(`eb2 got ${err(f)} ${fmt(x)}`);
  };

  d.addCallback(cb, 10, 20);
  d.addBoth(both, "first");
  d.addCallback(boom);
  d.addBoth(both, "second");
  d.addCallbacks(never, eb, { errbackArgs: ["E"] });
  d.addCallbacks(cb2, eb2, { callbackArgs: ["C"], errbackArgs: ["E"] });
  d.addErrback(eb, "unused");
  d.addCallback((v: unknown) => t.emit("last got " + fmt(v)));
  d.callback(1);
  t.emit("end");
}
