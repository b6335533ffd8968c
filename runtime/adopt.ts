/**
 * Adopting foreign asynchronous values into Deferreds: Promises and other
 * thenables, following the Promise resolution rules (`then` is read once,
 * only the first of its callbacks counts, a throwing `then` or getter is a
 * rejection), and generators (`Deferred.fromCoroutine`).
 *
 * The functions take the Deferred class as a parameter so that this module
 * needs no value import of deferred.ts (no import cycle).
 *
 * @module
 */
import { NotACoroutineError } from "./errors.js";
import { Failure } from "./failure.js";
import type { Deferred } from "./deferred.js";

type DeferredClass = typeof Deferred;
type AnyFn = (...args: any[]) => unknown;

/** Where a thenable's outcome goes. A Deferred is one. */
interface Settleable {
  _resolve(value: unknown): void;
  _reject(error: unknown): void;
}

/** Call `then` on `thenable` once; only the first of its callbacks counts. */
function subscribe(thenable: unknown, then: AnyFn, target: Settleable): void {
  let done = false;
  const onOk = (v: unknown): void => {
    if (done) return;
    done = true;
    target._resolve(v);
  };
  const onErr = (e: unknown): void => {
    if (done) return;
    done = true;
    target._reject(e);
  };
  try {
    then.call(thenable, onOk, onErr);
  } catch (e) {
    onErr(e);
  }
}

/**
 * `value` itself if it is a Deferred, a new Deferred adopting it if it is a
 * thenable (a throwing `then` getter gives an already-failed one), else null.
 * A Failure is never treated as a thenable. @internal
 */
export function adoptThenable(D: DeferredClass, value: unknown): Deferred<any> | null {
  if (value instanceof D) return value;
  if ((typeof value !== "object" || value === null) && typeof value !== "function") return null;
  if (value instanceof Failure) return null;
  let then: unknown;
  try {
    then = (value as { then?: unknown }).then;
  } catch (e) {
    const d = new D();
    d._reject(e);
    return d;
  }
  if (typeof then !== "function") return null;
  const d = new D();
  subscribe(value, then as AnyFn, d);
  return d;
}

/** `Deferred.fromFuture` (see its documentation). @internal */
export function fromFuture<T>(D: DeferredClass, future: PromiseLike<T>): Deferred<T> {
  if (future instanceof D) return future as Deferred<T>;
  const then = (future as { then?: unknown } | null)?.then;
  if (typeof then !== "function") throw new TypeError("Deferred.fromFuture: argument must be a Promise or thenable");
  const cancel = (future as { cancel?: unknown }).cancel;
  if (typeof cancel !== "function") {
    // No way to cancel the producer: behave like a Deferred without a
    // canceller (CancelledError now, the late outcome swallowed).
    const d = new D<T>();
    subscribe(future, then as AnyFn, d);
    return d;
  }
  // Twisted's fromFuture: cancel the producer, then wait on a fresh Deferred
  // that receives the producer's eventual outcome.
  const cancelled = {};
  let actual: Deferred<any>;
  const d: Deferred<any> = new D<T>((self) => {
    cancel.call(future);
    self.callback(cancelled as T);
  });
  actual = d;
  d.addCallback((r: unknown) => (r === cancelled ? (actual = new D()) : r));
  subscribe(future, then as AnyFn, { _resolve: (v) => actual._resolve(v), _reject: (e) => actual._reject(e) });
  return d;
}

/** Installed by inline-callbacks.ts: drives a generator as a coroutine. */
let generatorDriver: ((gen: Iterator<unknown>) => Deferred<unknown>) | null = null;

/** @internal */
export function registerGeneratorDriver(driver: (gen: Iterator<unknown>) => Deferred<unknown>): void {
  generatorDriver = driver;
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return `[object ${(x as object).constructor?.name ?? "Object"}]`;
  return typeof x === "string" ? JSON.stringify(x) : String(x);
}

/** `Deferred.fromCoroutine` (see its documentation). @internal */
export function fromCoroutine<T>(D: DeferredClass, coro: PromiseLike<T> | Iterator<unknown, T, any>): Deferred<T> {
  if (coro instanceof D) return coro as Deferred<T>;
  if (coro !== null && (typeof coro === "object" || typeof coro === "function")) {
    const c = coro as { next?: unknown; throw?: unknown; then?: unknown; [Symbol.asyncIterator]?: unknown };
    if (typeof c.next === "function" && typeof c.throw === "function" && c[Symbol.asyncIterator] === undefined) {
      if (generatorDriver === null) throw new Error("Deferred.fromCoroutine: import the runtime from its index to drive generators");
      return generatorDriver(coro as Iterator<unknown>) as Deferred<T>;
    }
    if (typeof c.then === "function") return fromFuture(D, coro as PromiseLike<T>);
  }
  throw new NotACoroutineError(`${describe(coro)} is not a coroutine or a Deferred`);
}
