/**
 * `Clock`: a deterministic `IReactorTime` for tests (Twisted's
 * `twisted.internet.task.Clock`). Time only moves when `advance` or `pump`
 * is called, so code that schedules with `callLater` can be tested without
 * real waiting and without timing assumptions.
 *
 * @module
 */
import { DelayedCall, checkCallLaterArgs, type DelayedCallOwner } from "./delayed-call.js";
import { TimerQueue } from "./timer-queue.js";
import type { IReactorTime } from "./time-types.js";

/**
 * A fake clock. It starts at 0 seconds.
 *
 * Ordering is Twisted's: pending calls are kept stably sorted by
 * `getTime()`, so calls due at the same time run in the order they were
 * scheduled (FIFO). `advance` moves the time first and then runs every call
 * that is due, one at a time; a call scheduled (or moved) while `advance` is
 * running that is already due runs in the same `advance`.
 *
 * @example
 * ```ts
 * const clock = new Clock();
 * const d = deferLater(clock, 5, () => "done");
 * clock.advance(5); // d fires here, synchronously
 * ```
 */
export class Clock implements IReactorTime, DelayedCallOwner {
  /** The current time in seconds. Only `advance` should change it. */
  rightNow = 0;
  /** Pending calls, keyed by `getTime()` as of the last {@link Clock.settle}. */
  private readonly queue = new TimerQueue();
  /** Calls whose time changed (`reset`/`delay`) since the last settle. */
  private readonly movedCalls = new Set<DelayedCall>();

  /** The current time, in seconds (starts at 0). */
  seconds(): number {
    return this.rightNow;
  }

  /**
   * Schedules `fn(...args)` to run `delay` seconds from now, when `advance`
   * reaches that time. `fn` runs synchronously inside `advance`; whatever it
   * throws propagates out of `advance`.
   * @param delay - seconds from now, `>= 0` (`Infinity` is allowed: never due).
   * @throws TypeError if `fn` is not a function, or if `delay` is negative or
   *   NaN (Twisted's `Clock` would accept it; this package refuses it at the
   *   call, as the reactor does).
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): DelayedCall {
    checkCallLaterArgs(delay, fn);
    const call = new DelayedCall(this.rightNow + delay, fn, args, this);
    this.settle();
    this.queue.push(call, call.getTime());
    return call;
  }

  /** The pending calls, soonest first (a copy). */
  getDelayedCalls(): DelayedCall[] {
    this.settle();
    return this.queue.toArray().sort((a, b) => a._key - b._key || a._seq - b._seq);
  }

  /**
   * Moves time forward by `amount` seconds, then runs every pending call whose
   * time is `<=` the new time, soonest first (FIFO among equal times), each
   * marked `called` before it runs. Calls scheduled or moved by those calls
   * run in this same `advance` if they are due.
   * @param amount - seconds to move forward.
   * @throws whatever a call throws: the exception leaves `advance` at once and
   *   the remaining due calls stay pending (they run on the next `advance`).
   */
  advance(amount: number): void {
    this.rightNow += amount;
    this.settle();
    const queue = this.queue;
    for (let call = queue.peek(); call !== undefined && call._key <= this.rightNow; call = queue.peek()) {
      queue.pop();
      call.called = true;
      const fn = call.func!;
      const args = call.args!;
      fn(...args);
      this.settle();
    }
  }

  /**
   * Calls `advance` once for each amount, in order.
   * @param timings - amounts in seconds.
   */
  pump(timings: Iterable<number>): void {
    for (const amount of timings) this.advance(amount);
  }

  /**
   * Re-queues the calls that moved, with exactly the order Twisted's
   * `Clock` gets from re-sorting its list (a stable sort by `getTime()`) at
   * the same points: before scheduling, before running due calls, and after
   * each call. A stable sort keeps the old list order among equal times, so
   * a call moved *later* lands before every call already at its new time
   * (it stood before them), a call moved *earlier* lands after them, and calls
   * moved together keep their old relative order.
   */
  private settle(): void {
    if (this.movedCalls.size === 0) return;
    // Old list order = the queue order the moved calls still have.
    const batch = [...this.movedCalls].sort((a, b) => a._key - b._key || a._seq - b._seq);
    this.movedCalls.clear();
    for (let i = batch.length - 1; i >= 0; i--) {
      const call = batch[i];
      if (call.getTime() > call._key) {
        this.queue.remove(call);
        this.queue.pushFirst(call, call.getTime());
      }
    }
    for (const call of batch) {
      if (call.getTime() < call._key) {
        this.queue.remove(call);
        this.queue.push(call, call.getTime());
      }
    }
  }

  /** @internal DelayedCallOwner: forget a cancelled call. */
  cancelCall(call: DelayedCall): void {
    this.queue.remove(call);
    this.movedCalls.delete(call);
  }

  /** @internal DelayedCallOwner: a call moved earlier (see `moved`). */
  moveSooner(): void {}

  /** @internal DelayedCallOwner: a call moved; it is re-queued at the next settle. */
  moved(call: DelayedCall): void {
    this.movedCalls.add(call);
  }
}
