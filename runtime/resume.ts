/**
 * The RESUME stage: how a Deferred's callback loop resumes a coroutine frame
 * suspended on it (docs/internals.md, "Resumption").
 *
 * @module
 */
import { Failure } from "./failure.js";
import { log } from "./log.js";
import { runInContext } from "./async-context.js";
import type { Deferred } from "./deferred.js";

/**
 * What a suspended coroutine registers on the Deferred it awaits (see
 * docs/internals.md, "The frame"). @internal
 */
export interface CoroutineFrame {
  state: number;
  step: (f: any, value: unknown, isError: boolean) => Deferred<unknown> | undefined;
  d: Deferred<unknown>;
  waitingOn: Deferred<unknown> | null;
  ctx: unknown;
  e: boolean;
}

/**
 * Consume `d`'s result `res` (Twisted's slow-path `await` leaves `undefined`
 * behind, and a failure counts as handled) and resume the frame inside its
 * async context. Returns the coroutine's settled Deferred if it finished, for
 * the loop to run next. @internal
 */
export function resumeFrame(d: Deferred<any>, f: CoroutineFrame, res: unknown): Deferred<any> | undefined {
  d.result = undefined;
  if (d._debugInfo !== null) d._debugInfo.failResult = null;
  f.waitingOn = null;
  const isError = res instanceof Failure;
  const value = isError ? (res as Failure).value : res;
  const ctx = f.ctx;
  d._runningCallbacks = true;
  try {
    return ctx === null ? f.step(f, value, isError) : runInContext(ctx, f.step, f, value, isError);
  } catch (e) {
    // Compiled steps catch their own errors; getting here means the machinery
    // itself failed (e.g. a RangeError near the stack limit). Never leave the
    // coroutine's Deferred unfired without a trace.
    f.state = -1;
    if (!f.d.called) return f.d._settle(new Failure(e));
    log("critical", "Unhandled error while resuming a coroutine:", new Failure(e));
    return undefined;
  } finally {
    d._runningCallbacks = false;
  }
}
