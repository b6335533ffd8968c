/** Twin of python/inline-callbacks-nested-cancel.py (R5). */
import { CancelledError, Deferred, type Failure, inlineCallbacks } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const leaf = new Deferred<any>(() => t.emit("leaf canceller called"));

  const inner = inlineCallbacks(function* (): Generator<unknown, void, any> {
    try {
      yield leaf;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      t.emit("inner caught " + exc(e) + ", re-raising");
      throw e;
    } finally {
      t.emit("inner finally");
    }
  });

  const middle = inlineCallbacks(function* (): Generator<unknown, void, any> {
    const v = yield inner();
    t.emit("middle not reached " + fmt(v));
  });

  const outer = inlineCallbacks(function* (): Generator<unknown, string | undefined, any> {
    try {
      yield middle();
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      t.emit("outer caught " + exc(e));
      return "recovered";
    }
    return undefined;
  });

  const d = outer();
  d.addCallbacks(
    (v: unknown) => t.emit("result " + fmt(v)),
    (f: Failure) => t.emit("failed " + err(f)),
  );
  t.emit("cancelling outer");
  d.cancel();
  t.emit("end");
}
