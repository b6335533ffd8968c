/** Twin of python/inline-callbacks-timeout.py (R10, R5). */
import { CancelledError, Clock, Deferred, type Failure, inlineCallbacks } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const slow = inlineCallbacks(function* (recover: boolean): Generator<unknown, unknown, any> {
    try {
      const v = yield new Deferred<any>(() => t.emit("inner canceller at " + fmt(clock.seconds())));
      return v;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      t.emit("generator saw " + exc(e));
      if (recover) return "recovered";
      throw e;
    }
  });

  const d1 = slow(false);
  d1.addTimeout(3, clock);
  d1.addCallbacks(
    (v: unknown) => t.emit("d1 got " + fmt(v)),
    (f: Failure) => t.emit("d1 failed " + err(f)),
  );
  const d2 = slow(true);
  d2.addTimeout(4, clock);
  d2.addCallbacks(
    (v: unknown) => t.emit("d2 got " + fmt(v)),
    (f: Failure) => t.emit("d2 failed " + err(f)),
  );
  for (let i = 0; i < 4; i++) {
    clock.advance(1);
    t.emit("now " + fmt(clock.seconds()));
  }
}
