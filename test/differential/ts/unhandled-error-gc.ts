/**
 * Twin of python/unhandled-error-gc.py (R6). Python's `del d` + `gc.collect()`
 * is `slot.d = null` + `flushUnhandledFailures()` here (Trace.collect).
 */
import { Deferred, type Failure, fail, logError } from "../../../runtime/index.js";
import { err, RuntimeError, type Trace, ValueError } from "./trace.js";

export async function run(t: Trace): Promise<void> {
  // Dropping the last reference is the point here: the Deferreds live in a
  // slot so that each drop is an explicit write, like Python's `del d`.
  const slot: { d: Deferred<any> | null; d2: Deferred<any> | null } = { d: null, d2: null };
  slot.d = fail(new ValueError("dropped"));
  t.emit("dropping a failed Deferred");
  slot.d = null;
  await t.collect();
  t.emit("collected 1");

  slot.d = fail(new ValueError("handled late"));
  await t.collect();
  slot.d.addErrback((f: Failure) => t.emit("late errback got " + err(f)));
  slot.d = null;
  await t.collect();
  t.emit("collected 2");

  slot.d = new Deferred<any>();
  slot.d.pause();
  slot.d.errback(new ValueError("held while paused"));
  slot.d2 = new Deferred<any>();
  slot.d2.addCallback(() => t.emit("never"));
  t.emit("dropping a paused failed Deferred and an unfired one");
  slot.d = null;
  slot.d2 = null;
  await t.collect();
  t.emit("collected 3");

  slot.d = new Deferred<any>();
  slot.d.addCallback(() => {
    throw new RuntimeError("logged");
  });
  slot.d.addErrback(logError);
  t.emit("failing into logError");
  slot.d.callback(1);
  t.emit("dropping the logged one");
  slot.d = null;
  await t.collect();
  t.emit("collected 4");
}
