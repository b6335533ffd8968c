/**
 * The coroutine driver: the small ABI that code compiled from
 * `@deferredCoroutine` functions calls (docs/internals.md), also used by
 * `inlineCallbacks`. These names are exported from the package index for the
 * compiled code; they are internal API, not meant for hand-written code.
 *
 * Shape (see shared/reference/performance.md): a coroutine's locals live in
 * a frame object of fixed shape, one module-level step function per
 * coroutine runs it, and the frame itself is registered on an awaited
 * Deferred (`_resume`). A finishing step *returns* its settled Deferred to
 * whoever resumed it, so resuming long chains of coroutines never recurses.
 *
 * @module
 */
import { Deferred, adoptThenable, chainTo, firedWith, type CoroutineFrame } from "./deferred.js";
import { Failure, recordCoroutineSite, type CoroutineSite } from "./failure.js";
import { captureContext } from "./async-context.js";
import { ArgsEntry } from "./stage.js";

export type { CoroutineSite } from "./failure.js";

/** A step function: runs the frame from `f.state` until it suspends (undefined) or finishes (its settled Deferred). */
export type StepFn<F extends Frame = Frame> = (f: F, value: unknown, isError: boolean) => Deferred<any> | undefined;

/**
 * A coroutine frame (docs/internals.md, "The frame"): created by compiled code
 * from one object literal; the runtime writes `d`, `waitingOn` and `ctx`.
 */
export interface Frame extends CoroutineFrame {
  state: number;
  step: StepFn<any>;
  site: CoroutineSite;
  d: Deferred<any>;
  waitingOn: Deferred<any> | null;
  ctx: unknown;
  /** Written by {@link coResult}; compiled frames, which do not use it, have no such field. */
  e: boolean;
}

/** Static description of a coroutine, created once per coroutine at module level. */
export function coSite(name: string, file: string, line: number): CoroutineSite {
  return Object.freeze({ name, file, line });
}

/**
 * Start a coroutine the way `inlineCallbacks` and hand-written steps do:
 * create `frame.d` (cancellable as in Twisted's `_cancellableInlineCallbacks`),
 * run the first step synchronously, run the callbacks of the Deferred the step
 * returned, and return `frame.d`. Never throws: a body that throws before its
 * first await gives a failed Deferred. Compiled coroutines do not use it: their
 * entry calls its own step directly (docs/internals.md, "The entry").
 */
export function coStart<T = unknown, F extends Frame = Frame>(frame: F): Deferred<T> {
  const d = new Deferred<any>(cancelCoroutine);
  d._co = frame;
  frame.d = d;
  let fin: Deferred<any> | undefined;
  try {
    fin = frame.step(frame, undefined, false);
  } catch (e) {
    // Only reachable if the step's own catch failed (e.g. stack exhaustion).
    frame.state = -1;
    fin = frame.d.called ? undefined : frame.d._settle(new Failure(e));
  }
  if (fin !== undefined) runFinished(fin);
  return d;
}

/**
 * Run what a coroutine Deferred that has just been settled outside any
 * callback loop needs: its callbacks if anything waits (or debug info wants
 * the bookkeeping) and, for a failure, the unhandled-error bookkeeping, whose
 * registration waits for the end of the job (unhandled.ts), so a caller that
 * awaits the failure at once never reaches the registry.
 */
function runFinished(fin: Deferred<any>): void {
  if (fin._cbs !== null || fin._debugInfo !== null || fin.paused !== 0 || fin._runningCallbacks || fin.result instanceof Failure) fin._runCallbacks();
  // Otherwise nothing waits and nothing failed: the loop would do nothing.
}

/** The frame's own result Deferred, created at its first suspension (or by coStart). */
function ownDeferred(f: Frame): Deferred<any> {
  const d = new Deferred<any>(cancelCoroutine);
  d._co = f;
  f.d = d;
  return d;
}

/**
 * True when `await d` may take `d`'s outcome synchronously: fired and not
 * paused (Twisted's `Deferred.send`, the `__await__` fast path). A Deferred
 * holds another as its result only while paused, waiting on it; after an
 * unbalanced `unpause()` Twisted's await gives that inner Deferred as the
 * value, and so does this test.
 */
export function coReady(d: Deferred<any>): boolean {
  return d.called && d.paused === 0;
}

/**
 * Only when {@link coReady}: `d`'s outcome without allocating. Returns the
 * value and sets `f.e = false`, or returns the thrown value and sets
 * `f.e = true`, clearing `d`'s unhandled-error record. Does not consume
 * `d.result` (Twisted's fast path).
 */
export function coResult(d: Deferred<any>, f: Frame): unknown {
  const r = d.result;
  if (r instanceof Failure) {
    f.e = true;
    return coCaught(d);
  }
  f.e = false;
  return r;
}

/**
 * Only when {@link coReady} and `d.result` is a Failure: the thrown value,
 * marking the failure as handled. Compiled code reads a ready Deferred's
 * value itself and calls this only on the error path, so the ready path
 * touches no shared runtime function that would see every frame shape.
 */
export function coCaught(d: Deferred<any>): unknown {
  // A Deferred whose loop stopped on the failure holds it in its record; one
  // without a record was never watched, so there is nothing to clear.
  if (d._debugInfo !== null) d._debugInfo.failResult = null;
  return (d.result as Failure).value;
}

/**
 * Suspend `f` on the pending Deferred `d`: when `d`'s callback loop reaches
 * this point it consumes `d`'s result and calls `f.step(f, value, isError)`
 * inside the coroutine's async context (captured at its first suspension). Compiled code sets `f.state` first
 * and then returns this call's value (`undefined`).
 */
export function coSuspend(f: Frame, d: Deferred<any>): undefined {
  if (f.d === null) ownDeferred(f);
  f.waitingOn = d;
  if (f.ctx === null) f.ctx = captureContext(); // once per frame: the coroutine's context
  d._resume(f);
  return undefined;
}

/**
 * For an awaited object or function that is not a Deferred: a Deferred
 * adopting it if it is a thenable (`then` read once; a throwing getter gives
 * a failed Deferred; a `then` that calls back synchronously gives a fired
 * one; later calls are ignored), otherwise `v` unchanged.
 */
export function coThenable(v: unknown): unknown {
  return adoptThenable(v) ?? v;
}

/**
 * Settle a coroutine's result Deferred `d` (the frame's `f.d`) with the
 * return value `v`; a Deferred or thenable `v` is adopted (as `return promise`
 * does). Returns the Deferred the step returns: `d`, settled but with its
 * callbacks not yet run (the resuming loop runs them), or, when `d` is null
 * because the coroutine finished before it ever suspended, a new Deferred
 * that is already complete (nothing can be waiting on it yet).
 */
export function coReturn(d: Deferred<any> | null, v: unknown): Deferred<any> {
  const inner = (typeof v === "object" && v !== null) || typeof v === "function" ? adoptThenable(v) : null;
  if (d === null) {
    if (inner === null) return firedWith(v);
    const fresh = new Deferred<any>()._settle(undefined);
    chainTo(fresh, inner);
    runFinished(fresh);
    return fresh;
  }
  if (inner === null) return d._settle(v);
  d._settle(undefined);
  chainTo(d, inner);
  return d;
}

/**
 * Settle a coroutine's result Deferred `d` (the frame's `f.d`, or null before
 * its first suspension, as for {@link coReturn}) with a Failure of the thrown
 * value `e`, recording `site` in the value's coroutine chain (shown by
 * `Failure.getTraceback()`). Returns the Deferred the step returns.
 */
export function coThrow(d: Deferred<any> | null, e: unknown, site: CoroutineSite): Deferred<any> {
  recordCoroutineSite(e, site);
  const failure = e instanceof Failure ? e : new Failure(e);
  if (d !== null) return d._settle(failure);
  const fresh = new Deferred<any>()._settle(failure);
  runFinished(fresh);
  return fresh;
}

// ---- cancellation (Twisted's _cancellableInlineCallbacks) -----------------

/**
 * Canceller of a coroutine's Deferred `d`. Makes a fresh Deferred (cancellable
 * the same way) the frame's result Deferred, fires `d` so that its first stage
 * cancels what the coroutine awaits (throwing `CancelledError`, or whatever
 * that canceller produced, into the coroutine at its `await`) and then makes
 * `d` wait on the fresh Deferred: `d.called` is true at once, and the
 * callbacks behind `d` see what the coroutine finally produces.
 */
function cancelCoroutine(d: Deferred<any>): void {
  const f = d._co;
  if (f === null) return;
  // An errback inserted in front of any existing stages (Twisted swaps the
  // lists), then d fails with an internal error that only that errback sees
  // (and code awaiting d while its callbacks run, as in Twisted).
  const handler = new ArgsEntry(handOverOnCancel as (...args: any[]) => unknown, [f]);
  const cbs = d._cbs;
  if (cbs === null) d._cbs = [null, handler];
  else cbs.splice(d._next, 0, null, handler);
  d._startRunCallbacks(new Failure(new InternalCancelSignal()));
}

/** Twisted's `_InternalInlineCallbacksCancelledError`, with its name. */
class InternalCancelSignal extends Error {
  override name = "_InternalInlineCallbacksCancelledError";
}

function handOverOnCancel(_failure: Failure, f: Frame): Deferred<any> {
  const fresh = new Deferred<any>(cancelCoroutine);
  fresh._co = f;
  f.d = fresh;
  const awaited = f.waitingOn;
  if (awaited !== null) awaited.cancel();
  return fresh;
}
