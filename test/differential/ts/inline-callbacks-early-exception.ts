/** Twin of python/inline-callbacks-early-exception.py (R7). */
import { Deferred, type Failure, inlineCallbacks } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  // eslint-disable-next-line require-yield -- raises before any yield, as the Python twin
  const early = inlineCallbacks(function* (): Generator<unknown, void, any> {
    t.emit("early running");
    throw new ValueError("before any yield");
  });

  t.emit("calling early");
  const d = early();
  t.emit("early returned, called " + fmt(d.called));
  d.addErrback((f: Failure) => t.emit("early eb got " + err(f)));

  const gate = new Deferred<any>();
  const late = inlineCallbacks(function* (): Generator<unknown, void, any> {
    const v = yield gate;
    t.emit("late resumed with " + fmt(v));
    throw new RuntimeError("after resume " + v);
  });

  const d2 = late();
  d2.addCallbacks(
    (v: unknown) => t.emit("late cb got " + fmt(v)),
    (f: Failure) => t.emit("late eb got " + err(f)),
  );
  t.emit("firing gate");
  gate.callback("x");
  t.emit("end");
}
