/** Twin of python/inline-callbacks-cancel.py (R5). */
import { CancelledError, Deferred, type Failure, inlineCallbacks } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const first = new Deferred<any>(() => t.emit("first canceller called"));
  const second = new Deferred<any>(() => t.emit("second canceller called"));

  const gen = inlineCallbacks(function* (): Generator<unknown, string, any> {
    try {
      yield first;
      t.emit("not reached");
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      t.emit("gen caught " + exc(e));
    }
    const v = yield second;
    t.emit("gen resumed with " + fmt(v));
    return "finished " + v;
  });

  const d = gen();
  d.addCallbacks(
    (v: unknown) => t.emit("outer cb got " + fmt(v)),
    (f: Failure) => t.emit("outer eb got " + err(f)),
  );
  t.emit("cancelling");
  d.cancel();
  t.emit("cancelled, called " + fmt(d.called));
  t.emit("firing second");
  second.callback("two");
  t.emit("end");
}
