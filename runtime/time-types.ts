/**
 * The time interfaces shared by `Clock`, the default `reactor` and everything
 * that schedules work (`addTimeout`, `deferLater`, `LoopingCall`). Time is in
 * seconds (floats), as in Twisted.
 *
 * @module
 */

/**
 * A call scheduled by {@link IReactorTime.callLater}.
 *
 * `cancel`, `delay` and `reset` throw `AlreadyCalled` once the call has run and
 * `AlreadyCancelled` once it was cancelled.
 */
export interface IDelayedCall {
  /** The time, in seconds on the scheduling clock, at which the call will run. */
  getTime(): number;
  /** Unschedule the call. @throws AlreadyCalled, AlreadyCancelled */
  cancel(): void;
  /**
   * Move the call `secondsLater` seconds later (negative moves it earlier).
   * @throws AlreadyCalled, AlreadyCancelled
   */
  delay(secondsLater: number): void;
  /**
   * Reschedule the call `secondsFromNow` seconds after the clock's present time.
   * @throws AlreadyCalled, AlreadyCancelled
   */
  reset(secondsFromNow: number): void;
  /** True until the call has run (set just before it runs) or was cancelled. */
  active(): boolean;
}

/** A source of time that can schedule calls: Twisted's `IReactorTime`. */
export interface IReactorTime {
  /** The present time, in seconds. */
  seconds(): number;
  /**
   * Run `fn(...args)` after `delay` seconds.
   * @throws TypeError for a negative or NaN delay or a non-function `fn`.
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): IDelayedCall;
  /** The calls that are scheduled and have not run or been cancelled. */
  getDelayedCalls(): IDelayedCall[];
}
