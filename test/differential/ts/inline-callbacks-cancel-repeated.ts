/** Twin of python/inline-callbacks-cancel-repeated.py (R5). */
import { CancelledError, Deferred, type Failure, inlineCallbacks } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const first = new Deferred<any>(() => t.emit("first canceller"));
  const second = new Deferred<any>(() => t.emit("second canceller"));
  const third = new Deferred<any>((self) => {
    t.emit("third canceller supplies a value");
    self.callback("from canceller");
  });

  const gen = inlineCallbacks(function* (): Generator<unknown, string, any> {
    for (const [name, d] of [
      ["first", first],
      ["second", second],
    ] as const) {
      try {
        yield d;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        t.emit(`gen caught ${exc(e)} at ${name}`);
      }
    }
    const v = yield third;
    t.emit("gen got " + fmt(v) + " from third");
    return "done: " + v;
  });

  const d = gen();
  d.addCallbacks(
    (v: unknown) => t.emit("outer got " + fmt(v)),
    (f: Failure) => t.emit("outer failed " + err(f)),
  );
  for (const i of [1, 2, 3]) {
    t.emit(`cancel ${i}`);
    d.cancel();
  }
  t.emit("cancel 4 (finished)");
  d.cancel();
  t.emit("end");
}
