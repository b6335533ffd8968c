/**
 * Test helpers (`deferred-coroutine/testing`), after Twisted's
 * `SynchronousTestCase`: read a Deferred's result synchronously, and force
 * the unhandled-error reports of garbage-collected Deferreds.
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { Failure, type FailureType } from "./failure.js";
import { ensureDeferred } from "./interop.js";
import { addReportListener, registerPending, unhandledReportCount } from "./unhandled.js";

/** Thrown by the assertions of this module. */
export class AssertionError extends Error {
  override name = "AssertionError";
}

function collect(result: unknown, into: unknown[]): undefined {
  into.push(result);
  return undefined;
}

function current(d: Deferred<unknown>): unknown[] {
  const results: unknown[] = [];
  d.addBoth(collect, results);
  return results;
}

/**
 * The success value `d` already has, consuming it (the Deferred continues
 * with `undefined`), like Twisted's `successResultOf`.
 * @throws AssertionError when `d` has no result yet, or has a failure.
 */
export function successResultOf<T>(d: Deferred<T> | PromiseLike<T>): T {
  const results = current(ensureDeferred(d) as Deferred<unknown>);
  if (results.length === 0) throw new AssertionError("Success result expected, found no result instead");
  const r = results[0];
  if (r instanceof Failure) {
    throw new AssertionError(`Success result expected, found failure result instead:\n${r.getTraceback()}`);
  }
  return r as T;
}

/**
 * The Failure `d` already has, consuming it (so it is not reported), like
 * Twisted's `failureResultOf`. With `types`, the failure must match one.
 * @throws AssertionError when `d` has no result, a success, or a failure of another type.
 */
export function failureResultOf(d: Deferred<unknown> | PromiseLike<unknown>, ...types: FailureType[]): Failure {
  const results = current(ensureDeferred(d) as Deferred<unknown>);
  if (results.length === 0) throw new AssertionError("Failure result expected, found no result instead");
  const r = results[0];
  if (!(r instanceof Failure)) throw new AssertionError(`Failure result expected, found success result (${String(r)}) instead`);
  if (types.length > 0 && r.check(...types) === null) {
    const names = types.map((t) => (typeof t === "string" ? t : t.name)).join(", ");
    throw new AssertionError(`Failure of type (${names}) expected, found:\n${r.getTraceback()}`);
  }
  return r;
}

/**
 * Assert that `d` has no result yet (leaving it untouched).
 * @throws AssertionError when it has one; a failure result is then consumed
 *   so it is reported by this error, not again at garbage collection.
 */
export function assertNoResult(d: Deferred<unknown> | PromiseLike<unknown>): void {
  const dd = ensureDeferred(d) as Deferred<unknown>;
  const results: unknown[] = [];
  dd.addBoth((r: unknown) => {
    results.push(r);
    return r;
  });
  if (results.length > 0) {
    dd.addErrback(() => undefined);
    const r = results[0];
    throw new AssertionError(`No result expected, got ${r instanceof Failure ? r.getTraceback() : String(r)}`);
  }
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Force the "Unhandled error in Deferred" reports of every unreachable
 * Deferred holding an unhandled failure, and return those failures in report
 * order. Needs `--expose-gc` (`globalThis.gc`); collects and waits for the
 * finalization callbacks until a round reports nothing new. The reports also
 * reach the log observers as usual.
 * @throws Error when `globalThis.gc` is not available.
 */
export async function flushUnhandledFailures(): Promise<Failure[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") throw new Error("flushUnhandledFailures needs node --expose-gc");
  const failures: Failure[] = [];
  const stop = addReportListener((f) => failures.push(f));
  try {
    let quiet = 0;
    for (let round = 0; round < 50 && quiet < 3; round++) {
      const before = unhandledReportCount();
      registerPending();
      gc();
      await macrotask();
      quiet = unhandledReportCount() === before ? quiet + 1 : 0;
    }
  } finally {
    stop();
  }
  return failures;
}
