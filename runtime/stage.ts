/**
 * The stage list of a Deferred: how stages are stored, and the stage
 * functions every Deferred shares (so no closure is made per stage).
 *
 * Stages are stored flat, two slots per stage: `[callback, errback, ...]`.
 * A slot holds a function (called with the result), `null` (pass the result
 * through), or a {@link StageEntry} (a function with extra arguments, or a
 * Promise settler: one object for both slots). A marker in the callback slot
 * makes a stage internal: the errback slot then holds the Deferred (CONTINUE)
 * or coroutine frame (RESUME) to hand the result to.
 *
 * @module
 */
import { CancelledError, TimeoutError } from "./errors.js";
import { Failure } from "./failure.js";
import type { Deferred } from "./deferred.js";

/** Slots per stage. */
export const STRIDE = 2;
/** Marker: hand the result to the Deferred waiting on this one (Twisted's `_CONTINUE`). */
export const CONTINUE = Symbol("CONTINUE");
/** Marker: resume the coroutine frame suspended on this Deferred (docs/internals.md). */
export const RESUME = Symbol("RESUME");

export type AnyFn = (...args: any[]) => unknown;

/** @throws TypeError naming `what` when `fn` is not a function. */
export function checkFunction(fn: unknown, what: string): void {
  if (typeof fn !== "function") throw new TypeError(`${what} must be a function, got ${fn === null ? "null" : typeof fn}`);
}

/** A non-function stage slot: `run(result)` returns the next result. */
export interface StageEntry {
  run(result: unknown): unknown;
}

/** A stage function with extra arguments (allocated only when there are some). */
export class ArgsEntry implements StageEntry {
  constructor(
    readonly fn: AnyFn,
    readonly args: readonly unknown[],
  ) {}
  run(result: unknown): unknown {
    return this.fn(result, ...this.args);
  }
}

/**
 * Settles a native Promise with the result, on both paths. Observing
 * (`then`) passes the result on and marks a failure as handled; consuming
 * (`asFuture`) leaves `undefined` behind, as Twisted's `asFuture` does.
 */
export class PromiseSettler implements StageEntry {
  constructor(
    readonly resolve: (v: unknown) => void,
    readonly reject: (e: unknown) => void,
    readonly consume: boolean,
  ) {}
  run(result: unknown): unknown {
    if (result instanceof Failure) {
      if (!this.consume) result._observed = true;
      this.reject(result.value);
    } else {
      this.resolve(result);
    }
    return this.consume ? undefined : result;
  }
}

/** The slot for `fn` with optional extra arguments; `null` for a missing function. */
export function entry(fn: AnyFn | null | undefined, args: readonly unknown[] | undefined): AnyFn | ArgsEntry | null {
  if (fn === null || fn === undefined) return null;
  return args === undefined || args.length === 0 ? fn : new ArgsEntry(fn, args);
}

/** `chainDeferred`'s callback: forward the value. */
export function forwardValue(v: unknown, other: Deferred<unknown>): void {
  other.callback(v);
}

/** `chainDeferred`'s errback: forward the failure. */
export function forwardFailure(f: Failure, other: Deferred<unknown>): void {
  other.errback(f);
}

/** Twisted's `_cancelledToTimedOutError`: the default conversion of `addTimeout`. */
export function cancelledToTimedOut(result: unknown, seconds: number): unknown {
  if (result instanceof Failure) {
    result.trap(CancelledError);
    throw new TimeoutError(seconds, "Deferred");
  }
  return result;
}
