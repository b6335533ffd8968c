/**
 * `Deferred`: Twisted's `twisted.internet.defer.Deferred`, event for event.
 *
 * Callbacks run synchronously: inside `callback()`/`errback()`, and inside
 * `addCallback()` on a Deferred that already has its result. A callback that
 * returns a Deferred (or any thenable) pauses this Deferred until that one
 * fires. The callback loop is iterative (an explicit chain stack, never
 * recursion), so chains and coroutines of any length run in bounded JS stack.
 *
 * @module
 */
import { AlreadyCalledError, CancelledError } from "./errors.js";
import { Failure } from "./failure.js";
import { captureStack, debugState } from "./debug.js";
import { DebugInfo, watchForCollection } from "./unhandled.js";
import { log } from "./log.js";
import type { IDelayedCall, IReactorTime } from "./time-types.js";
import {
  ArgsEntry,
  CONTINUE,
  PromiseSettler,
  RESUME,
  STRIDE,
  cancelledToTimedOut,
  checkFunction,
  entry,
  forwardFailure,
  forwardValue,
  type AnyFn,
  type StageEntry,
} from "./stage.js";
import { resumeFrame, type CoroutineFrame } from "./resume.js";
import { adoptThenable as adoptWith, fromCoroutine, fromFuture } from "./adopt.js";

export type { CoroutineFrame } from "./resume.js";

/** A function called with a Deferred when it is cancelled while unfired. */
export type Canceller<T> = (d: Deferred<T>) => void;

/** Options of {@link Deferred.addCallbacks}: extra arguments for each side. */
export interface AddCallbacksOptions {
  callbackArgs?: readonly unknown[];
  errbackArgs?: readonly unknown[];
}

/**
 * A result that will be available later: a value or a {@link Failure}.
 *
 * Fire it once with {@link callback} or {@link errback}; observe it with
 * {@link addCallbacks} and friends. Also a structural `Promise<T>`: `then`,
 * `catch` and `finally` return native Promises, so `await d` works in any
 * async function.
 */
export class Deferred<T = unknown> implements Promise<T> {
  /** True once `callback`/`errback` (or `cancel`) fired it; stays true forever. */
  called = false;
  /**
   * Pause count: while non-zero no callbacks run. Also raised while waiting on
   * a Deferred a callback returned. An unbalanced `unpause()` makes it
   * negative, which is non-zero: the Deferred is then stuck, as in Twisted.
   */
  paused = 0;
  /**
   * The current result: a value, a {@link Failure}, or the Deferred this one
   * is waiting on. `undefined` before firing and after a coroutine or another
   * Deferred consumed it.
   */
  result: unknown = undefined;
  /** @internal Flat stage list, allocated on the first addCallbacks. */
  _cbs: unknown[] | null = null;
  /** @internal Index of the next stage to run in `_cbs`. */
  _next = 0;
  /** @internal True while one of this Deferred's callbacks is running. */
  _runningCallbacks = false;
  /** @internal */
  _canceller: Canceller<any> | null;
  /** @internal Swallow one late callback/errback after a canceller-less cancel. */
  _suppressAlreadyCalled = false;
  /** @internal Unhandled-failure record and debug stacks, created lazily. */
  _debugInfo: DebugInfo | null = null;
  /** @internal The coroutine frame whose result this is (cancellation hook). */
  _co: CoroutineFrame | null = null;

  /**
   * @param canceller called with this Deferred by {@link cancel} while it is
   *   unfired; it may fire the Deferred itself (its outcome then wins).
   * @throws TypeError when `canceller` is given and is not a function.
   */
  constructor(canceller?: Canceller<T> | null) {
    if (canceller !== undefined && canceller !== null) checkFunction(canceller, "Deferred canceller");
    this._canceller = canceller ?? null;
    if (debugState.on) {
      const info = (this._debugInfo = new DebugInfo());
      info.creator = captureStack(1);
    }
  }

  /** `"Deferred"`, so `Object.prototype.toString` names it. */
  get [Symbol.toStringTag](): string {
    return "Deferred";
  }

  /**
   * Append one stage: `callback(result, ...callbackArgs)` runs on success,
   * `errback(failure, ...errbackArgs)` on failure (a missing errback passes
   * the failure on). A stage's return value replaces the result; a thrown
   * value or returned {@link Failure} switches to the error path; a returned
   * Deferred or thenable pauses this Deferred until it fires. The errback of
   * a stage never sees what the callback of the same stage threw.
   *
   * If this Deferred already has its result and is not paused, the stage
   * runs before `addCallbacks` returns.
   * @returns this Deferred (retyped).
   * @throws TypeError when `callback` (or a given `errback`) is not a function.
   */
  addCallbacks<U, E = never>(
    callback: (result: T, ...args: any[]) => U,
    errback?: ((failure: Failure, ...args: any[]) => E) | null,
    options?: AddCallbacksOptions,
  ): Deferred<Awaited<U> | Awaited<E>> {
    checkFunction(callback, "addCallbacks: callback");
    if (errback !== undefined && errback !== null) checkFunction(errback, "addCallbacks: errback");
    this._append(entry(callback as AnyFn, options?.callbackArgs), entry(errback as AnyFn | null | undefined, options?.errbackArgs));
    return this as any;
  }

  /**
   * Append a success-only stage `fn(result, ...args)`; failures pass it by.
   * Runs at once if the result is already available (see {@link addCallbacks}).
   * @throws TypeError when `fn` is not a function.
   */
  addCallback<U, A extends unknown[] = []>(fn: (result: T, ...args: A) => U, ...args: A): Deferred<Awaited<U>>;
  addCallback(fn: AnyFn): Deferred<any> {
    checkFunction(fn, "addCallback: callback");
    // `arguments` rather than a rest parameter: no array is made in the usual no-extra-arguments case.
    // eslint-disable-next-line prefer-rest-params -- see above
    this._append(arguments.length <= 1 ? fn : new ArgsEntry(fn, Array.prototype.slice.call(arguments, 1)), null);
    return this;
  }

  /**
   * Append a failure-only stage `fn(failure, ...args)`; values pass it by. If
   * `fn` returns a non-Failure value, the chain goes back to the success path.
   * @throws TypeError when `fn` is not a function.
   */
  addErrback<U, A extends unknown[] = []>(fn: (failure: Failure, ...args: A) => U, ...args: A): Deferred<T | Awaited<U>>;
  addErrback(fn: AnyFn): Deferred<any> {
    checkFunction(fn, "addErrback: errback");
    // eslint-disable-next-line prefer-rest-params -- as in addCallback
    this._append(null, arguments.length <= 1 ? fn : new ArgsEntry(fn, Array.prototype.slice.call(arguments, 1)));
    return this;
  }

  /**
   * Append a stage running `fn(resultOrFailure, ...args)` on both paths.
   * @throws TypeError when `fn` is not a function.
   */
  addBoth<U, A extends unknown[] = []>(fn: (result: T | Failure, ...args: A) => U, ...args: A): Deferred<Awaited<U>>;
  addBoth(fn: AnyFn): Deferred<any> {
    checkFunction(fn, "addBoth: callback");
    // eslint-disable-next-line prefer-rest-params -- as in addCallback
    const e = arguments.length <= 1 ? fn : new ArgsEntry(fn, Array.prototype.slice.call(arguments, 1));
    this._append(e, e);
    return this;
  }

  /**
   * Forward this Deferred's result to `other` (`addCallbacks(other.callback,
   * other.errback)`); this Deferred then continues with `undefined`. If
   * `other` has already fired, this chain gets an `AlreadyCalledError`.
   * Unlike returning a Deferred from a callback, this is ordinary recursion:
   * very long `chainDeferred` chains can exhaust the stack (as in Twisted).
   */
  chainDeferred(other: Deferred<T>): Deferred<undefined> {
    if (!(other instanceof Deferred)) throw new TypeError("chainDeferred: argument must be a Deferred");
    this._append(new ArgsEntry(forwardValue as AnyFn, [other]), new ArgsEntry(forwardFailure as AnyFn, [other]));
    return this as any;
  }

  /**
   * Fire with a success value and run the callback chain before returning.
   * A {@link Failure} argument behaves like `errback(failure)`.
   *
   * Unlike Twisted 24.7 (which accepts it as a plain value), a Deferred
   * argument is refused: it is almost always a mistake, and the result slot
   * holding a Deferred means "waiting on it" here.
   * @throws AlreadyCalledError if already fired (except the one late call a
   *   canceller-less {@link cancel} swallows).
   * @throws TypeError when `result` is a Deferred.
   */
  callback(result: T | Failure): void {
    if (result instanceof Deferred) {
      throw new TypeError("Deferred.callback: the result must not be a Deferred; return it from a callback to chain instead");
    }
    this._startRunCallbacks(result);
  }

  /**
   * Fire with a failure and run the callback chain before returning. A
   * non-Failure argument is wrapped in a {@link Failure}.
   * @throws AlreadyCalledError as {@link callback}.
   * @throws TypeError when called with no argument (JavaScript has no
   *   "current exception" to capture).
   */
  errback(fail?: unknown): void {
    if (arguments.length === 0) throw new TypeError("Deferred.errback: pass the Failure or the thrown value");
    this._startRunCallbacks(fail instanceof Failure ? fail : new Failure(fail));
  }

  /** Stop running callbacks until a matching {@link unpause}. Counted. */
  pause(): void {
    this.paused++;
  }

  /** Undo one {@link pause}; at zero, runs pending callbacks if fired. */
  unpause(): void {
    this.paused--;
    if (this.paused !== 0) return;
    if (this.called) this._runCallbacks();
  }

  /**
   * Cancel, as Twisted does:
   * - unfired: call the canceller; with none, arrange to swallow the
   *   producer's next `callback`/`errback`. Then, if still unfired,
   *   `errback(new CancelledError())`. An exception thrown by the canceller
   *   propagates out of `cancel()` and leaves the Deferred unfired.
   * - fired and waiting on another Deferred: cancel that one instead.
   * - otherwise: nothing.
   */
  cancel(): void {
    if (!this.called) {
      const canceller = this._canceller;
      if (canceller !== null) canceller(this);
      else this._suppressAlreadyCalled = true;
      if (!this.called) this.errback(new Failure(new CancelledError()));
    } else if (this.result instanceof Deferred) {
      this.result.cancel();
    }
  }

  /**
   * Cancel this Deferred if it has not fired after `seconds` seconds on
   * `clock`. Stages added before this call see the `CancelledError`; stages
   * added after see a {@link TimeoutError} (or what `onTimeoutCancel(result,
   * seconds)` returns/throws, called only on timeout). The timer is cancelled
   * as soon as the Deferred fires for another reason.
   * @returns this Deferred.
   */
  addTimeout(
    seconds: number,
    clock: Pick<IReactorTime, "callLater">,
    onTimeoutCancel?: (result: T | Failure, seconds: number) => unknown,
  ): Deferred<T> {
    if (onTimeoutCancel !== undefined) checkFunction(onTimeoutCancel, "addTimeout: onTimeoutCancel");
    const state = { timedOut: false };
    const delayed: IDelayedCall = clock.callLater(seconds, () => {
      state.timedOut = true;
      this.cancel();
    });
    this.addBoth((result: T | Failure) => {
      if (!state.timedOut) return result;
      return (onTimeoutCancel ?? cancelledToTimedOut)(result, seconds);
    });
    this.addBoth((result: unknown) => {
      if (delayed.active()) delayed.cancel();
      return result;
    });
    return this;
  }

  // ---- Promise interface --------------------------------------------------

  /**
   * Observe the result as a native Promise. The observation is a stage at the
   * current end of the chain that passes the result on unchanged, so later
   * callbacks see the same value or failure. A failure observed this way
   * (including by native `await d`) counts as handled: it is not reported at
   * garbage collection, because the returned Promise now carries it.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const p = new Promise<T>((resolve, reject) => {
      const settler = new PromiseSettler(resolve as (v: unknown) => void, reject, false);
      this._append(settler, settler);
    });
    return onfulfilled == null && onrejected == null ? (p as Promise<any>) : p.then(onfulfilled, onrejected);
  }

  /** `then(undefined, onrejected)`. */
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  /** A native Promise settled like this Deferred after `onfinally` ran. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  /**
   * A native Promise of the result, consuming it as Twisted's `asFuture`
   * does: this Deferred continues with `undefined`, and a failure counts as
   * handled. Native Promises cannot be cancelled, so there is no way back.
   */
  asFuture(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settler = new PromiseSettler(resolve as (v: unknown) => void, reject, true);
      this._append(settler, settler);
    });
  }

  /**
   * A Deferred for a Promise or any thenable (`then` is read once). A
   * Deferred is returned unchanged.
   *
   * Cancelling the result: if the thenable has a `cancel()` method, it is
   * called and the Deferred then waits for the thenable's eventual outcome
   * (Twisted's behaviour with asyncio Futures). Otherwise the Deferred fails
   * at once with `CancelledError` and the thenable's late outcome is ignored.
   * @throws TypeError when `future` is not a thenable.
   */
  static fromFuture<T>(future: PromiseLike<T>): Deferred<T> {
    return fromFuture(Deferred, future);
  }

  /**
   * A Deferred for a coroutine: a generator (driven like `inlineCallbacks`),
   * or a Promise/thenable (the result of an uncompiled `async` function, via
   * {@link fromFuture}). A Deferred is returned unchanged: a compiled
   * `@deferredCoroutine` call *is* its Deferred, and the same source must
   * work whether or not the transform ran (Twisted refuses a Deferred here).
   * A coroutine that throws before its first suspension gives a failed
   * Deferred, not a synchronous throw.
   * @throws NotACoroutineError for anything else.
   */
  static fromCoroutine<T>(coro: PromiseLike<T> | Iterator<unknown, T, any>): Deferred<T> {
    return fromCoroutine(Deferred, coro);
  }

  // ---- internals used by the coroutine driver and interop ----------------

  /** @internal Append a stage (two slots, see ArgsEntry); run it at once if fired. */
  _append(cb: unknown, eb: unknown): void {
    const cbs = this._cbs;
    if (cbs === null) this._cbs = [cb, eb];
    else cbs.push(cb, eb);
    if (this.called) this._runCallbacks();
  }

  /** @internal Resume `frame` when this Deferred's loop reaches this stage (docs/internals.md). */
  _resume(frame: CoroutineFrame): void {
    this._append(RESUME, frame);
  }

  /** @internal Fire with a value, or by adopting a Deferred/thenable; late calls after a cancel are swallowed. */
  _resolve(value: unknown): void {
    if (this.called) {
      if (this._suppressAlreadyCalled) this._suppressAlreadyCalled = false;
      return;
    }
    const inner = adoptThenable(value);
    if (inner === null) {
      this._startRunCallbacks(value);
      return;
    }
    this._settle(undefined);
    if (!chainTo(this, inner)) this._runCallbacks();
  }

  /** @internal Fire with a failure of `error`; late calls after a cancel are swallowed. */
  _reject(error: unknown): void {
    if (this.called) {
      if (this._suppressAlreadyCalled) this._suppressAlreadyCalled = false;
      return;
    }
    this._startRunCallbacks(error instanceof Failure ? error : new Failure(error));
  }

  /** @internal Record the result without running callbacks (the caller runs them). */
  _settle(result: unknown): this {
    if (this.called) throw this._alreadyCalled();
    if (debugState.on) (this._debugInfo ??= new DebugInfo()).invoker = captureStack(3);
    this.called = true;
    this._canceller = null; // as Twisted 23.8: no cycles through a fired Deferred's canceller
    this._co = null;
    this.result = result;
    return this;
  }

  /** @internal Twisted's `_startRunCallbacks`. */
  _startRunCallbacks(result: unknown): void {
    if (this.called) {
      if (this._suppressAlreadyCalled) {
        this._suppressAlreadyCalled = false;
        return;
      }
      throw this._alreadyCalled();
    }
    this._settle(result);
    this._runCallbacks();
  }

  private _alreadyCalled(): AlreadyCalledError {
    if (!debugState.on) return new AlreadyCalledError();
    const info = (this._debugInfo ??= new DebugInfo());
    return new AlreadyCalledError("the Deferred was already called\n" + info.getDebugTracebacks());
  }

  /**
   * @internal Run stages until the chain is exhausted or waits. Why a loop
   * with an explicit stack: when this Deferred hands its result to a Deferred
   * waiting on it (CONTINUE) or finishes a coroutine whose Deferred must now
   * run (RESUME), that Deferred is pushed and processed by this same loop,
   * so arbitrarily long chains take constant JS stack (Twisted's
   * `_runCallbacks`, twisted#4593).
   */
  _runCallbacks(): void {
    if (this._runningCallbacks) return; // the loop already running on us will pick new stages up
    let current: Deferred<any> = this;
    // Deferreds to come back to. A LEVEL marker above a Deferred means it
    // resumed a coroutine whose finished Deferred runs above it: in Twisted
    // that runs in a nested callback() inside the resuming callback, so the
    // resumer counts as running a callback until the level ends.
    let below: (Deferred<any> | typeof LEVEL)[] | null = null;
    try {
      for (;;) {
        if (current.paused !== 0) {
          // Twisted leaves its _runCallbacks here: the Deferreds this level
          // handed results to wait for an unpause. Only the nested level ends.
          const resumer = leaveLevel(below);
          if (resumer === undefined) return;
          current = resumer;
          continue;
        }
        let finished = true;
        const cbs = current._cbs;
        if (cbs !== null) {
          while (current._next < cbs.length) {
            const i = current._next;
            current._next = i + STRIDE;
            const cb = cbs[i];
            if (cb === CONTINUE) {
              // A Deferred waits on us: give it our result and run it now.
              const chainee = cbs[i + 1] as Deferred<any>;
              chainee.result = current.result;
              current.result = undefined;
              if (current._debugInfo !== null) current._debugInfo.failResult = null;
              chainee.paused--;
              (below ??= []).push(current);
              current = chainee;
              finished = false;
              break;
            }
            const res = current.result;
            if (cb === RESUME) {
              const out = resumeFrame(current, cbs[i + 1] as CoroutineFrame, res);
              if (out instanceof Deferred) {
                if (out.paused === 0 && out._cbs === null) {
                  // Nothing waits on the finished coroutine yet: only its
                  // end-of-loop bookkeeping, no level to open.
                  recordOutcome(out);
                } else if (out.paused === 0) {
                  current._runningCallbacks = true; // until the coroutine's Deferred has run
                  (below ??= []).push(current, LEVEL);
                  current = out;
                  finished = false;
                  break;
                }
                current.result = undefined;
              } else {
                current.result = out;
              }
              continue;
            }
            const slot = res instanceof Failure ? cbs[i + 1] : cb;
            if (slot === null) {
              // Pass-through side of addCallback/addErrback. Twisted's passthru
              // is a real call whose result is checked like any other: a result
              // that is a Deferred (possible only after an unbalanced unpause of
              // a waiting Deferred) chains again.
              if (res instanceof Deferred && chainTo(current, res)) break;
              continue;
            }
            let r: unknown;
            current._runningCallbacks = true;
            try {
              r = typeof slot === "function" ? slot(res) : (slot as StageEntry).run(res);
            } catch (e) {
              current._runningCallbacks = false;
              current.result = e instanceof Failure ? e : new Failure(e);
              continue;
            }
            current._runningCallbacks = false;
            if (typeof r === "object" && r !== null && !(r instanceof Failure)) {
              const inner = r instanceof Deferred ? r : adoptThenable(r);
              if (inner !== null) {
                if (inner === current) {
                  log("warn", "a callback returned the Deferred it is attached to; its chain can never continue");
                }
                current.result = r;
                if (chainTo(current, inner)) break;
                continue;
              }
            }
            current.result = r;
          }
          if (finished && current._next >= cbs.length) {
            // Drop the spent list (cheaper than truncating it in place).
            current._cbs = null;
            current._next = 0;
          }
        }
        if (finished) {
          recordOutcome(current);
          if (below === null || below.length === 0) return;
          const next = below.pop()!;
          current = next === LEVEL ? endLevel(below) : next;
        }
      }
    } catch (e) {
      // Only the machinery itself can throw here (user callbacks are caught
      // above), e.g. a RangeError near the stack limit. Deferreds still on the
      // chain stack would silently never finish: say so, then let the caller see it.
      if (below !== null && below.length > 0) {
        for (const d of below) if (d !== LEVEL) d._runningCallbacks = false;
        log("critical", `Error in the Deferred callback loop; ${below.length} chained Deferred(s) left unfinished:`, new Failure(e));
      }
      throw e;
    }
  }
}

/**
 * End-of-loop bookkeeping (Twisted's `_runCallbacks` tail): a Deferred left
 * holding a Failure is watched for an unhandled-error report; otherwise any
 * earlier record is cleared.
 */
function recordOutcome(d: Deferred<any>): void {
  const res = d.result;
  if (res instanceof Failure) {
    if (res._observed) {
      if (d._debugInfo !== null) d._debugInfo.failResult = null;
    } else {
      const info = (d._debugInfo ??= new DebugInfo());
      info.failResult = res;
      watchForCollection(d, info);
    }
  } else if (d._debugInfo !== null) {
    d._debugInfo.failResult = null;
  }
}

/** Stack marker of a nested level (see `_runCallbacks`). */
const LEVEL = Symbol("LEVEL");

/**
 * A nested level is over: the resuming callback returns `undefined` (a
 * coroutine consumes what it awaited), and its Deferred goes on.
 */
function endLevel(below: (Deferred<any> | typeof LEVEL)[]): Deferred<any> {
  const resumer = below.pop() as Deferred<any>;
  resumer._runningCallbacks = false;
  resumer.result = undefined;
  return resumer;
}

/** Abandon the current level up to its marker; the resumer to go on with, or undefined. */
function leaveLevel(below: (Deferred<any> | typeof LEVEL)[] | null): Deferred<any> | undefined {
  if (below === null) return undefined;
  while (below.length > 0) {
    if (below.pop() === LEVEL) return endLevel(below);
  }
  return undefined;
}

/**
 * A new Deferred fired with `result` (not a Deferred; a Failure is kept
 * without unhandled-error bookkeeping, as `_settle` does), with no stages, so
 * none to run: `succeed(v)` and a coroutine that returns before it ever
 * suspends. Cheaper than `new Deferred()` + `_settle`, which check and clear
 * what a new Deferred cannot have. @internal
 */
export function firedWith(result: unknown): Deferred<any> {
  const d = new Deferred<any>();
  d.called = true;
  d.result = result;
  if (debugState.on) {
    // Both stacks start at succeed() (or coReturn), as Twisted's succeed()
    // records them, not here.
    const info = (d._debugInfo ??= new DebugInfo());
    info.creator = info.invoker = captureStack(1);
  }
  return d;
}

/**
 * Make `outer` take `inner`'s outcome, as a callback returning `inner` does:
 * steal `inner`'s result at once if it has a final one and is not paused
 * (`inner` keeps `undefined`), otherwise pause `outer` and append a CONTINUE
 * stage to `inner`. Returns true when `outer` now waits. @internal
 */
export function chainTo(outer: Deferred<any>, inner: Deferred<any>): boolean {
  const rr = inner.result;
  if (!inner.called || inner.paused !== 0 || rr instanceof Deferred) {
    outer.paused++;
    outer.result = inner;
    // inner has no final result, so its loop is not running: append directly.
    const cbs = inner._cbs;
    if (cbs === null) inner._cbs = [CONTINUE, outer];
    else cbs.push(CONTINUE, outer);
    return true;
  }
  inner.result = undefined;
  if (inner._debugInfo !== null) inner._debugInfo.failResult = null;
  outer.result = rr;
  return false;
}


/** A Deferred adopting `value` if it is a Deferred or a thenable (`then` read once), else null. @internal */
export function adoptThenable(value: unknown): Deferred<any> | null {
  return adoptWith(Deferred, value);
}
