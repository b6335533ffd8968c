/**
 * `deferLater`: a Deferred that fires after a delay (Twisted's
 * `twisted.internet.task.deferLater`). The other `task` helpers live in
 * `looping-call.ts`, `cooperator.ts` and `react.ts`.
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import type { IDelayedCall, IReactorTime } from "./time-types.js";

/**
 * Calls `fn(...args)` after `delay` seconds on `clock` and fires with its
 * result (waiting for it if it is a Deferred or a Promise), or fails with what
 * it threw. Without `fn`, fires with `undefined`.
 *
 * `fn` runs as the first callback of the returned Deferred, inside the
 * scheduler's timed call. Cancelling the Deferred before then cancels the
 * timed call: it fails with `CancelledError` and `fn` is never called.
 *
 * @param clock - the scheduler (`reactor`, a `Clock`, any `IReactorTime`).
 * @param delay - seconds, `>= 0`.
 * @throws TypeError (from `clock.callLater`) for a negative or NaN delay.
 * @example
 * ```ts
 * const d = deferLater(reactor, 0.5, () => "half a second later");
 * ```
 */
export function deferLater<A extends unknown[] = [], R = undefined>(
  clock: IReactorTime,
  delay: number,
  fn?: (...args: A) => R | PromiseLike<R>,
  ...args: A
): Deferred<Awaited<R>> {
  // The canceller reads `delayedCall` only when called, and nobody can cancel
  // `d` before this function returns it.
  const d = new Deferred<unknown>(() => delayedCall.cancel());
  d.addCallback(() => (fn === undefined ? undefined : fn(...args)));
  const delayedCall: IDelayedCall = clock.callLater(delay, () => d.callback(undefined));
  return d as Deferred<Awaited<R>>;
}
