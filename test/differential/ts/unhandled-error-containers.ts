/**
 * Twin of python/unhandled-error-containers.py (R6). Python's `del x` +
 * `gc.collect()` is clearing the slot + `flushUnhandledFailures()` here.
 */
import { Deferred, DeferredList, type Failure, fail, gatherResults, inlineCallbacks } from "../../../runtime/index.js";
import { err, RuntimeError, type Trace, ValueError } from "./trace.js";

export async function run(t: Trace): Promise<void> {
  // Each drop is an explicit write to a slot, like Python's `del`.
  const slot: { a: Deferred<any> | null; b: Deferred<any> | null } = { a: null, b: null };

  slot.a = new Deferred<any>();
  slot.b = gatherResults([slot.a]);
  slot.b.addErrback((f: Failure) => t.emit("gather handled " + err(f)));
  slot.a.errback(new ValueError("member failure"));
  t.emit("dropping the member");
  slot.a = slot.b = null;
  await t.collect();
  t.emit("collected 1");

  slot.a = new Deferred<any>();
  slot.b = new DeferredList<any>([slot.a], { fireOnOneErrback: true, consumeErrors: true });
  slot.a.errback(new RuntimeError("first failure"));
  t.emit("dropping the list");
  slot.a = slot.b = null;
  await t.collect();
  t.emit("collected 2");

  slot.a = new Deferred<any>();
  slot.a.cancel();
  t.emit("dropping the cancelled one");
  slot.a = null;
  await t.collect();
  t.emit("collected 3");

  const gen = inlineCallbacks(function* (): Generator<unknown, void, any> {
    try {
      yield fail(new ValueError("caught inside"));
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      t.emit("generator caught its yielded failure");
    }
    throw new RuntimeError("generator failed");
  });
  slot.a = gen();
  t.emit("dropping the generator's Deferred");
  slot.a = null;
  await t.collect();
  t.emit("collected 4");
}
