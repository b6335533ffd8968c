/**
 * `Clock`: a deterministic `IReactorTime` for tests (Twisted's
 * `twisted.internet.task.Clock`). Time only moves when `advance` or `pump`
 * is called, so code that schedules with `callLater` can be tested without
 * real waiting and without timing assumptions.
 *
 * @module
 */
import { DelayedCall, checkCallLaterArgs, type DelayedCallOwner } from "./delayed-call.js";
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
  /** Pending calls; sorted by `getTime()` whenever `dirty` is false. */
  private readonly calls: DelayedCall[] = [];
  /**
   * True when a call's time changed through `reset`/`delay` since the last
   * sort. Twisted re-sorts on every `callLater` and after every call; we
   * re-sort only when something moved and otherwise insert in place, which
   * gives the same order (a stable sort of a sorted list plus one element
   * puts the element after every element with a time <= its own).
   */
  private dirty = false;

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
    if (this.dirty) {
      this.calls.push(call);
      this.sortCalls();
    } else {
      this.calls.splice(this.insertionIndex(call.getTime()), 0, call);
    }
    return call;
  }

  /** The pending calls, soonest first (a copy). */
  getDelayedCalls(): DelayedCall[] {
    if (this.dirty) this.sortCalls();
    return this.calls.slice();
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
    if (this.dirty) this.sortCalls();
    const calls = this.calls;
    while (calls.length > 0 && calls[0].getTime() <= this.rightNow) {
      const call = calls.shift()!;
      call.called = true;
      const fn = call.func!;
      const args = call.args!;
      fn(...args);
      if (this.dirty) this.sortCalls();
    }
  }

  /**
   * Calls `advance` once for each amount, in order.
   * @param timings - amounts in seconds.
   */
  pump(timings: Iterable<number>): void {
    for (const amount of timings) this.advance(amount);
  }

  private sortCalls(): void {
    // Array.prototype.sort is stable (ES2019), which keeps equal times FIFO.
    this.calls.sort((a, b) => a.getTime() - b.getTime());
    this.dirty = false;
  }

  /** Index after the last call with a time `<=` `time` (the list is sorted). */
  private insertionIndex(time: number): number {
    const calls = this.calls;
    let lo = 0;
    let hi = calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (calls[mid].getTime() <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** @internal DelayedCallOwner: forget a cancelled call. */
  cancelCall(call: DelayedCall): void {
    const i = this.calls.indexOf(call);
    if (i >= 0) this.calls.splice(i, 1);
  }

  /** @internal DelayedCallOwner: a call moved earlier (see `moved`). */
  moveSooner(): void {
    this.dirty = true;
  }

  /** @internal DelayedCallOwner: a call moved; re-sort before the next use. */
  moved(): void {
    this.dirty = true;
  }
}
