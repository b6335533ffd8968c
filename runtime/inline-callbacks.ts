/**
 * `inlineCallbacks` and `returnValue`: Twisted's generator coroutines.
 *
 * A generator decorated with `inlineCallbacks` yields Deferreds (or
 * thenables, or other generators) and receives their results. It runs on the
 * same driver as compiled `@deferredCoroutine` functions (docs/internals.md):
 * the same cancellation, the same bounded-stack resumption, the same
 * coroutine chain in failure tracebacks.
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { registerGeneratorDriver } from "./adopt.js";
import { Failure } from "./failure.js";
import { coReturn, coSite, coStart, coSuspend, coThenable, coThrow, type CoroutineSite, type Frame } from "./coroutine.js";

/** What `returnValue` throws; the driver turns it into the generator's result. */
class ReturnValueSignal {
  constructor(readonly value: unknown) {}
}

/** > 0 while an inlineCallbacks generator (or the decorated function's first call) runs. */
let generatorDepth = 0;

/**
 * End the running `inlineCallbacks` generator with `value`, like Twisted's
 * `returnValue`. Prefer a plain `return value` (Twisted deprecated
 * `returnValue` in 24.7); this exists for ported code. Called from a helper
 * that the generator calls, it ends the enclosing generator, as in Twisted.
 *
 * Note that a `catch` block between the call and the generator catches it,
 * since JavaScript has no equivalent of Python's `BaseException`.
 * @throws Error when no inlineCallbacks generator is running.
 */
export function returnValue(value?: unknown): never {
  if (generatorDepth === 0) {
    throw new Error("returnValue() was called outside an inlineCallbacks generator; use `return value` inside the generator instead");
  }
  throw new ReturnValueSignal(value);
}

interface GeneratorFrame extends Frame {
  gen: Iterator<unknown, unknown, unknown>;
  /** True while the step registers on a Deferred that may fire at once (Twisted's `waiting[0]`). */
  registering: boolean;
  /** Set when the Deferred fired during registration; its outcome is in syncValue/syncIsError. */
  syncFired: boolean;
  syncValue: unknown;
  syncIsError: boolean;
}

function isGenerator(v: unknown): v is Iterator<unknown> {
  if ((typeof v !== "object" || v === null) && typeof v !== "function") return false;
  const g = v as { next?: unknown; throw?: unknown; [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown };
  return typeof g.next === "function" && typeof g.throw === "function" && typeof g[Symbol.iterator] === "function" && g[Symbol.asyncIterator] === undefined;
}

/**
 * The step function of every generator frame. Each yielded value is treated
 * as an `await` operand, except that a fired Deferred's result is consumed
 * (Twisted's `addBoth(_gotResultInlineCallbacks)` returns None): it continues
 * with `undefined` and its failure counts as handled. Fired yields loop here,
 * without recursion (Twisted's `waiting` trick).
 */
function generatorStep(f: GeneratorFrame, value: unknown, isError: boolean): Deferred<any> | undefined {
  if (f.registering) {
    // Resumed from inside our own registration below: keep the outcome for
    // the loop that is registering (Twisted's waiting trick), do not recurse.
    f.syncFired = true;
    f.syncValue = value;
    f.syncIsError = isError;
    return undefined;
  }
  const gen = f.gen;
  for (;;) {
    let r: IteratorResult<unknown, unknown>;
    generatorDepth++;
    try {
      r = isError ? gen.throw!(value) : gen.next(value);
    } catch (e) {
      generatorDepth--;
      f.state = -1;
      return e instanceof ReturnValueSignal ? coReturn(f.d, e.value) : coThrow(f.d, e, f.site);
    }
    generatorDepth--;
    if (r.done === true) {
      f.state = -1;
      return coReturn(f.d, r.value);
    }
    let v: unknown = r.value;
    if ((typeof v === "object" && v !== null) || typeof v === "function") {
      if (!(v instanceof Deferred)) v = isGenerator(v) ? startGenerator(v, GENERATOR_SITE) : coThenable(v);
      if (v instanceof Deferred) {
        const cbs = v._cbs;
        if (v.called && v.paused === 0 && !v._runningCallbacks && !(v.result instanceof Deferred) && (cbs === null || v._next >= cbs.length)) {
          // Fired with nothing queued: what addBoth would do at once, without a stage.
          const res = v.result;
          v.result = undefined;
          if (v._debugInfo !== null) v._debugInfo.failResult = null;
          isError = res instanceof Failure;
          value = isError ? (res as Failure).value : res;
          continue;
        }
        // Twisted's addBoth(_gotResultInlineCallbacks): the RESUME stage may
        // run at once (a fired Deferred whose earlier stages are still
        // queued, e.g. one waiting lower on a callback loop's chain stack);
        // then the generator goes on here, in this flat loop.
        f.state = 1;
        f.registering = true;
        f.syncFired = false;
        try {
          coSuspend(f, v);
        } finally {
          f.registering = false;
        }
        if (!f.syncFired) return undefined;
        f.syncFired = false;
        value = f.syncValue;
        isError = f.syncIsError;
        f.syncValue = undefined;
        continue;
      }
    }
    value = v;
    isError = false;
  }
}

const GENERATOR_SITE = coSite("<generator>", "<unknown>", 0);

/** Drive `gen` as a coroutine; its Deferred is cancellable as a coroutine's. @internal */
export function startGenerator<T>(gen: Iterator<unknown, T, any>, site: CoroutineSite): Deferred<T> {
  const frame: GeneratorFrame = {
    state: 0,
    step: generatorStep,
    site,
    d: null as any,
    waitingOn: null,
    ctx: null,
    e: false,
    gen,
    registering: false,
    syncFired: false,
    syncValue: undefined,
    syncIsError: false,
  };
  return coStart<T>(frame);
}

registerGeneratorDriver((gen) => startGenerator(gen, GENERATOR_SITE));

/** `file:line` of the code that called the function calling this one, from a stack text. */
function callerSite(name: string): CoroutineSite {
  const lines = (new Error().stack ?? "").split("\n");
  const m = /\(?([^\s()]+):(\d+):\d+\)?\s*$/.exec(lines[3] ?? "");
  return coSite(name, m ? m[1]! : "<unknown>", m ? Number(m[2]) : 0);
}

/**
 * Decorate a generator function: each call runs the generator synchronously
 * until it yields a Deferred that has no result yet (or finishes), and
 * returns a Deferred of its return value. Inside, `yield d` gives `d`'s value
 * (or throws its failure); yielding a thenable adopts it, yielding a
 * generator runs it as a sub-coroutine (current Twisted), and any other value
 * is sent straight back. An exception before the first suspension gives a
 * failed Deferred. Cancelling the returned Deferred throws `CancelledError`
 * into the generator at its current `yield` (see docs/internals.md).
 * @throws TypeError immediately if `fn` is not a function; when the
 *   decorated function is called, if `fn` did not return a generator.
 */
export function inlineCallbacks<A extends unknown[], T>(
  fn: (...args: A) => Generator<unknown, T, any>,
): (...args: A) => Deferred<T> {
  if (typeof fn !== "function") throw new TypeError("inlineCallbacks: argument must be a generator function");
  const name = fn.name || "<anonymous>";
  const site = callerSite(name);
  const wrapper = function (this: unknown, ...args: A): Deferred<T> {
    let gen: unknown;
    generatorDepth++;
    try {
      gen = fn.apply(this, args);
    } catch (e) {
      if (e instanceof ReturnValueSignal) {
        throw new TypeError(`inlineCallbacks requires ${name} to produce a generator; instead caught returnValue being used in a non-generator`, { cause: e });
      }
      throw e;
    } finally {
      generatorDepth--;
    }
    if (!isGenerator(gen)) {
      throw new TypeError(`inlineCallbacks requires ${name} to produce a generator; instead got ${gen === null ? "null" : typeof gen}`);
    }
    return startGenerator(gen as Iterator<unknown, T, any>, site);
  };
  Object.defineProperty(wrapper, "name", { value: fn.name, configurable: true });
  Object.defineProperty(wrapper, "length", { value: fn.length, configurable: true });
  return wrapper;
}
