/**
 * The RESUME stage: how a Deferred's callback loop resumes a coroutine frame
 * suspended on it (docs/internals.md, "Resumption").
 *
 * @module
 */
import { Failure } from "./failure.js";
import { runInContext } from "./async-context.js";
import type { Deferred } from "./deferred.js";

/**
 * What a suspended coroutine registers on the Deferred it awaits (see
 * docs/internals.md, "The frame"). @internal
 */
export interface CoroutineFrame {
  state: number;
  step: (f: any, value: unknown, isError: boolean) => Deferred<unknown> | undefined;
  /** Null in a compiled frame until its first suspension (coSuspend creates it); set before any resumption. */
  d: Deferred<unknown>;
  waitingOn: Deferred<unknown> | null;
  ctx: unknown;
}

/**
 * Resume the frame with `d`'s result `res`, inside the frame's async context.
 * This is a callback of `d` (Twisted's `_gotResultInlineCallbacks`): `d`
 * keeps `res` while the step runs, and what this returns becomes `d`'s next
 * result: the coroutine's settled Deferred if it finished (the loop runs it
 * next, then `d` continues with `undefined`), `undefined` (the await consumed
 * the result, and a failure counts as handled), or a Failure if the machinery
 * itself failed. @internal
 */
export function resumeFrame(d: Deferred<any>, f: CoroutineFrame, res: unknown): Deferred<any> | Failure | undefined {
  f.waitingOn = null;
  const isError = res instanceof Failure;
  const value = isError ? (res as Failure).value : res;
  const ctx = f.ctx;
  d._runningCallbacks = true;
  try {
    return ctx === null ? f.step(f, value, isError) : runInContext(ctx, f.step, f, value, isError);
  } catch (e) {
    // Compiled steps catch their own errors; getting here means the machinery
    // failed: a RangeError near the stack limit, or an AlreadyCalledError
    // because someone else fired the coroutine's Deferred. Never leave the
    // coroutine's Deferred unfired without a trace: fail it if it can be.
    // Otherwise do as Twisted, where the exception escapes the resuming
    // callback: it becomes the awaited Deferred's failure.
    f.state = -1;
    if (!f.d.called) return f.d._settle(new Failure(e));
    return new Failure(e);
  } finally {
    d._runningCallbacks = false;
  }
}
