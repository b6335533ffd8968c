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

/**
 * The scheduler a {@link DelayedCall} belongs to, told about changes. One
 * object per scheduler (not three closures per call) keeps calls small.
 */
export interface DelayedCallOwner {
  /** The scheduler's present time, in seconds (used by `reset`). */
  seconds(): number;
  /** The call is being cancelled (before it drops its function). */
  cancelCall(call: DelayedCall): void;
  /** The call moved *earlier* through `reset` or `delay` (see {@link DelayedCall.reset}). */
  moveSooner(call: DelayedCall): void;
  /** Optional: the call moved, earlier or later (the `Clock` re-sorts on it). */
  moved?(call: DelayedCall): void;
}

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
   * Scheduler-private slot (the reactor keeps the call's queue position here,
   * so cancelling and moving earlier need no search). -1 when not queued.
   * @internal
   */
  _slot = -1;
  /** Scheduler-private queue key (a time in seconds). @internal */
  _key = 0;
  /** Scheduler-private order number among equal keys. @internal */
  _seq = 0;

  private readonly owner: DelayedCallOwner;

  /**
   * @param time - absolute time (seconds, on `seconds()`'s time line) at which to call `func`.
   * @param func - the function.
   * @param args - its arguments.
   * @param owner - the scheduler, told about cancellation and moves.
   */
  constructor(time: number, func: (...args: any[]) => unknown, args: readonly unknown[], owner: DelayedCallOwner) {
    this.time = time;
    this.func = func;
    this.args = args;
    this.owner = owner;
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
    this.owner.cancelCall(this);
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
    const newTime = this.owner.seconds() + secondsFromNow;
    if (newTime < this.time) {
      this.delayedTime = 0;
      this.time = newTime;
      this.owner.moveSooner(this);
    } else {
      this.delayedTime = newTime - this.time;
    }
    this.owner.moved?.(this);
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
      this.owner.moveSooner(this);
    }
    this.owner.moved?.(this);
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
    const inSeconds = this.time - this.owner.seconds();
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
