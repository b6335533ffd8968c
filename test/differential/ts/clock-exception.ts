/** Twin of python/clock-exception.py (R13). */
import { Clock } from "../../../runtime/index.js";
import { exc, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const boom = (): void => {
    t.emit("boom runs");
    throw new ValueError("timed call failed");
  };
  const call = (name: string): void => {
    t.emit(name + " runs at " + fmt(clock.seconds()));
  };

  clock.callLater(1, call, "first");
  const bad = clock.callLater(1, boom);
  const after = clock.callLater(1, call, "after");
  try {
    clock.advance(1);
    t.emit("advance returned");
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    t.emit("advance raised " + exc(e));
  }
  t.emit("bad active " + fmt(bad.active()) + ", after active " + fmt(after.active()));
  t.emit("pending " + fmt(clock.getDelayedCalls().length));
  clock.advance(0);
  t.emit("pending " + fmt(clock.getDelayedCalls().length));
}
