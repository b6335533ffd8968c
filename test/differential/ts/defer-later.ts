/** Twin of python/defer-later.py (R13). */
import { Clock, deferLater, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const f = (a: number, b: number): number => {
    t.emit(`f called with ${fmt(a)} ${fmt(b)} at ${fmt(clock.seconds())}`);
    return a + b;
  };

  const d1 = deferLater(clock, 2, f, 1, 2);
  d1.addCallback((v: unknown) => t.emit("d1 got " + fmt(v)));
  const d2 = deferLater(clock, 1);
  d2.addCallback((v: unknown) => t.emit("d2 got " + fmt(v)));
  const boom = (): never => {
    throw new ValueError("f raised");
  };
  const d3 = deferLater(clock, 3, boom);
  d3.addErrback((x: Failure) => t.emit("d3 failed " + err(x)));
  const d4 = deferLater(clock, 1.5, f, 10, 20);
  d4.addErrback((x: Failure) => t.emit("d4 failed " + err(x)));
  t.emit("pending " + fmt(clock.getDelayedCalls().length));
  d4.cancel();
  t.emit("after cancel pending " + fmt(clock.getDelayedCalls().length));
  clock.advance(1);
  clock.advance(1);
  clock.advance(1);
  t.emit("end pending " + fmt(clock.getDelayedCalls().length));
}
