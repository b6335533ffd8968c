/**
 * `LoopingCall`: call a function every `interval` seconds (Twisted's
 * `twisted.internet.task.LoopingCall`, same timing rules).
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import type { Failure } from "./failure.js";
import { maybeDeferred } from "./interop.js";
import { reactor } from "./reactor.js";
import type { IDelayedCall, IReactorTime } from "./time-types.js";

/**
 * Calls `f(...args)` repeatedly, every `interval` seconds.
 *
 * Timing: calls are aligned to `starttime + k * interval`. When a call comes
 * late (the loop was blocked, or `f`'s Deferred took longer than an interval)
 * the missed intervals are **skipped**, not made up: the next call is at the
 * next boundary. If `f` returns a Deferred or a Promise, the next call is
 * scheduled only once it has fired. Use {@link LoopingCall.withCount} to learn
 * how many intervals passed.
 *
 * The scheduler is `clock`, the default `reactor` unless you set it (before
 * `start`) — tests set a `Clock`.
 *
 * @example
 * ```ts
 * const loop = new LoopingCall(poll, "server-1");
 * loop.clock = clock;
 * loop.start(5).addCallback(() => console.log("stopped"));
 * ```
 */
export class LoopingCall<A extends unknown[] = []> {
  /** The scheduler used for the calls. Set it before `start`. */
  clock: IReactorTime = reactor;
  /** The pending timed call, while waiting for the next interval. */
  call: IDelayedCall | undefined = undefined;
  /**
   * True from `start` until `stop` is called or `f` fails; false by the time
   * the Deferred returned by `start` fires.
   */
  running = false;
  /** Seconds between calls, once started. */
  interval: number | undefined = undefined;
  /** The clock time at which the loop was started (or last `reset`). */
  starttime: number | undefined = undefined;
  /** The function called each interval. */
  readonly f: (...args: A) => unknown;
  /** Its arguments. */
  readonly args: A;
  private deferred: Deferred<this> | undefined = undefined;
  private runAtStart = false;
  /** With `withCount`: the time of the last counted call. */
  private realLastTime: number | undefined = undefined;

  /**
   * @param f - called each interval; may return a value, a Deferred or a
   *   Promise (the loop waits for it), or throw (the loop stops with that error).
   * @param args - arguments for `f`.
   */
  constructor(f: (...args: A) => unknown, ...args: A) {
    this.f = f;
    this.args = args;
  }

  /**
   * A LoopingCall that passes `countCallable` the number of intervals that
   * elapsed since its previous call: normally 1, more after skipped
   * intervals; always 1 with interval 0. With `start(interval, true)` the
   * first call gets 1.
   */
  static withCount(countCallable: (count: number) => unknown): LoopingCall<[]> {
    const loop: LoopingCall<[]> = new LoopingCall(() => loop.countIntervals(countCallable));
    return loop;
  }

  /**
   * Starts calling `f` every `interval` seconds.
   * @param interval - seconds between calls, `>= 0` (0: as fast as the
   *   scheduler allows; with a `Clock`, `advance` then never returns).
   * @param now - call `f` right away (synchronously, inside `start`); otherwise
   *   the first call is after one interval.
   * @returns a Deferred that fires with this LoopingCall when `stop()` is
   *   called, or fails with `f`'s error when `f` throws or its Deferred fails.
   * @throws Error if the loop is already running.
   * @throws RangeError if `interval` is negative or NaN.
   */
  start(interval: number, now = true): Deferred<this> {
    if (this.running) throw new Error("Tried to start an already running LoopingCall.");
    if (!(interval >= 0)) throw new RangeError("interval must be >= 0");
    this.running = true;
    // `f` may fail inside start() and clear this.deferred: keep a local.
    const deferred = new Deferred<this>();
    this.deferred = deferred;
    this.starttime = this.clock.seconds();
    this.interval = interval;
    this.runAtStart = now;
    if (now) this.tick();
    else this.scheduleFrom(this.starttime);
    return deferred;
  }

  /**
   * Stops the loop. If it is waiting for the next interval, the start
   * Deferred fires now; if `f`'s Deferred is pending, it fires once that has.
   * @throws Error if the loop is not running.
   */
  stop(): void {
    if (!this.running) throw new Error("Tried to stop a LoopingCall that was not running.");
    this.running = false;
    if (this.call !== undefined) {
      this.call.cancel();
      this.call = undefined;
      this.finish().callback(this);
    }
  }

  /**
   * Skips the next call and restarts the interval timing from now. Does
   * nothing while `f`'s Deferred is pending.
   * @throws Error if the loop is not running.
   */
  reset(): void {
    if (!this.running) throw new Error("Tried to reset a LoopingCall that was not running.");
    if (this.call !== undefined) {
      this.call.cancel();
      this.call = undefined;
      this.starttime = this.clock.seconds();
      this.scheduleFrom(this.starttime);
    }
  }

  /** `LoopingCall<interval>(f, ...args)`, for debugging. */
  toString(): string {
    return `LoopingCall<${this.interval}>(${this.f.name || "<anonymous>"}, ${this.args.length} args)`;
  }

  /** One call of `f` (Twisted's `__call__`). */
  private readonly tick = (): void => {
    this.call = undefined;
    const d = maybeDeferred(this.f, ...this.args);
    d.addCallback(() => {
      if (this.running) this.scheduleFrom(this.clock.seconds());
      else this.finish().callback(this);
    });
    d.addErrback((failure: Failure) => {
      this.running = false;
      this.finish().errback(failure);
    });
  };

  private finish(): Deferred<this> {
    const d = this.deferred!;
    this.deferred = undefined;
    return d;
  }

  /** Schedules the next call at the first interval boundary after `when`. */
  private scheduleFrom(when: number): void {
    this.call = this.clock.callLater(this.howLong(when), this.tick);
  }

  private howLong(when: number): number {
    const interval = this.interval!;
    if (interval === 0) return 0;
    const untilNextInterval = interval - pythonMod(when - this.starttime!, interval);
    // A delay so small that adding it to `when` changes nothing has been lost
    // to float rounding: we are exactly on a boundary, so wait a whole interval.
    if (when === when + untilNextInterval) return interval;
    return untilNextInterval;
  }

  private countIntervals(countCallable: (count: number) => unknown): unknown {
    const now = this.clock.seconds();
    if (this.interval === 0) {
      this.realLastTime = now;
      return countCallable(1);
    }
    let lastTime = this.realLastTime;
    if (lastTime === undefined) {
      lastTime = this.starttime!;
      if (this.runAtStart) lastTime -= this.interval!;
    }
    const count = this.intervalOf(now) - this.intervalOf(lastTime);
    if (count > 0) {
      this.realLastTime = now;
      return countCallable(count);
    }
    return undefined;
  }

  /** Whole intervals from `starttime` to `t` (truncated towards zero, as Python's `int`). */
  private intervalOf(t: number): number {
    return Math.trunc((t - this.starttime!) / this.interval!);
  }
}

/** Python's float `%`: the result has the sign of the divisor. */
function pythonMod(x: number, y: number): number {
  let r = x % y;
  if (r !== 0 && r < 0 !== y < 0) r += y;
  return r;
}
