/**
 * `DelayedCall`: the handle `callLater` returns, shared by {@link Clock} and the
 * host reactor. It is Twisted's `twisted.internet.base.DelayedCall`: a call
 * scheduled at `time + delayedTime` seconds that can be cancelled, moved and
 * inspected until it runs.
 *
 * @module
 */
import { AlreadyCalled, AlreadyCancelled } from "./errors.js";
import type { IDelayedCall } from "./time-types.js";

/** Called by a {@link DelayedCall} when it is cancelled, before it drops its function. */
export type DelayedCallCanceller = (call: DelayedCall) => void;
/** Called by a {@link DelayedCall} after `reset`/`delay` moved it *earlier* (see {@link DelayedCall.reset}). */
export type DelayedCallResetter = (call: DelayedCall) => void;

/**
 * One scheduled call. Created by a scheduler (`Clock.callLater`,
 * `reactor.callLater`), never by user code.
 *
 * Time is in seconds, on the scheduler's own time line (`seconds()`).
 * `time` is where the scheduler has the call queued; `delayedTime` is a
 * postponement not yet applied to the queue. Twisted keeps the two apart so
 * that moving a call *later* costs nothing: the reactor notices the
 * postponement only when the call comes due, and re-queues it then. Moving a
 * call *earlier* must reorder the queue at once, so it calls the resetter.
 */
export class DelayedCall implements IDelayedCall {
  /**
   * When true, each new DelayedCall records the stack that created it
   * (`creator`), and the reactor logs it with any exception the call raises.
   * Twisted's `DelayedCall.debug`.
   */
  static debug = false;

  /** Queue time in seconds (without {@link DelayedCall.delayedTime}). */
  time: number;
  /** Postponement, in seconds, not yet applied to the queue position. */
  delayedTime = 0;
  /** True once the scheduler started running the call (set *before* the function runs). */
  called = false;
  /** True once `cancel()` succeeded. */
  cancelled = false;
  /** The function to call; dropped (set to `undefined`) on cancel. */
  func: ((...args: any[]) => unknown) | undefined;
  /** Its arguments; dropped on cancel. */
  args: readonly unknown[] | undefined;
  /** The creation stack when {@link DelayedCall.debug} was on. */
  readonly creator: string | undefined;
  /**
   * Scheduler-private slot (the reactor keeps the call's heap index here, so
   * cancelling and moving earlier need no search). -1 when not queued.
   * @internal
   */
  _slot = -1;
  /** Scheduler-private FIFO tie-breaker for equal times. @internal */
  _seq = 0;

  private readonly canceller: DelayedCallCanceller;
  private readonly resetter: DelayedCallResetter;
  private readonly seconds: () => number;
  private readonly moved: (() => void) | undefined;

  /**
   * @param time - absolute time (seconds, on `seconds()`'s time line) at which to call `func`.
   * @param func - the function.
   * @param args - its arguments.
   * @param canceller - told about the cancellation before the call drops its function.
   * @param resetter - told after the call moved earlier.
   * @param seconds - the scheduler's clock, used by `reset`.
   * @param moved - optional: told after every `reset`/`delay`, earlier or later
   *   (the `Clock` re-sorts on it; the reactor does not need it).
   */
  constructor(
    time: number,
    func: (...args: any[]) => unknown,
    args: readonly unknown[],
    canceller: DelayedCallCanceller,
    resetter: DelayedCallResetter,
    seconds: () => number,
    moved?: () => void,
  ) {
    this.time = time;
    this.func = func;
    this.args = args;
    this.canceller = canceller;
    this.resetter = resetter;
    this.seconds = seconds;
    this.moved = moved;
    this.creator = DelayedCall.debug ? new Error("DelayedCall created here").stack : undefined;
  }

  /** The time, in seconds on the scheduler's time line, at which the call will run. */
  getTime(): number {
    return this.time + this.delayedTime;
  }

  /**
   * Unschedules the call and drops its function and arguments.
   * @throws AlreadyCancelled if it was cancelled before.
   * @throws AlreadyCalled if it already ran (or is running).
   */
  cancel(): void {
    this.checkPending();
    this.canceller(this);
    this.cancelled = true;
    this.func = undefined;
    this.args = undefined;
  }

  /**
   * Reschedules the call to `secondsFromNow` seconds after the scheduler's
   * current time. Moving it earlier reorders the scheduler's queue at once;
   * moving it later is recorded as a postponement.
   * @throws AlreadyCancelled if it was cancelled.
   * @throws AlreadyCalled if it already ran.
   */
  reset(secondsFromNow: number): void {
    this.checkPending();
    const newTime = this.seconds() + secondsFromNow;
    if (newTime < this.time) {
      this.delayedTime = 0;
      this.time = newTime;
      this.resetter(this);
    } else {
      this.delayedTime = newTime - this.time;
    }
    this.moved?.();
  }

  /**
   * Moves the call `secondsLater` seconds later than it is now scheduled. A
   * negative amount is allowed: if the total postponement becomes negative the
   * call moves earlier at once.
   * @throws AlreadyCancelled if it was cancelled.
   * @throws AlreadyCalled if it already ran.
   */
  delay(secondsLater: number): void {
    this.checkPending();
    this.delayedTime += secondsLater;
    if (this.delayedTime < 0) {
      this.activateDelay();
      this.resetter(this);
    }
    this.moved?.();
  }

  /** Folds the pending postponement into the queue time. Scheduler use. */
  activateDelay(): void {
    this.time += this.delayedTime;
    this.delayedTime = 0;
  }

  /** True while the call has neither run nor been cancelled. */
  active(): boolean {
    return !(this.cancelled || this.called);
  }

  /** A description for debugging: `<DelayedCall [in 1.5s] called=false cancelled=false f(1, 2)>`. */
  toString(): string {
    const name = this.func ? this.func.name || "<anonymous>" : undefined;
    const inSeconds = this.time - this.seconds();
    const call = name === undefined ? "" : ` ${name}(${(this.args ?? []).map(describe).join(", ")})`;
    return `<DelayedCall [in ${inSeconds}s] called=${this.called} cancelled=${this.cancelled}${call}>`;
  }

  private checkPending(): void {
    if (this.cancelled) throw new AlreadyCancelled();
    if (this.called) throw new AlreadyCalled();
  }
}

function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "function") return v.name || "<function>";
  try {
    return String(v);
  } catch {
    return "<unprintable>";
  }
}

/**
 * Checks `callLater`'s arguments the way every scheduler in this package does:
 * bad input fails at the call, not when the call comes due.
 * @throws TypeError if `fn` is not a function, or if `delay` is not a number,
 *   is NaN or is negative (the `IReactorTime` contract).
 */
export function checkCallLaterArgs(delay: number, fn: unknown): void {
  if (typeof fn !== "function") {
    throw new TypeError(`callLater: ${describe(fn)} is not a function`);
  }
  if (typeof delay !== "number" || Number.isNaN(delay) || delay < 0) {
    throw new TypeError(`callLater: delay must be a number of seconds >= 0, got ${describe(delay)}`);
  }
}
