/**
 * `deferredCoroutine`: the wrapper and decorator that mark an `async`
 * function as a Deferred coroutine.
 *
 * With the compile-time transform, the marked function is compiled into a
 * state machine that returns a Deferred, and this wrapper passes that
 * Deferred through. Without the transform (no `tspc`, a bundler without the
 * plugin), the function is still a native `async` function: the wrapper then
 * adopts its Promise with `Deferred.fromFuture`. That is correct but slower
 * and awaits never complete synchronously; in debug mode it says so once per
 * function.
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { fail, succeed } from "./interop.js";
import { debugState } from "./debug.js";
import { log } from "./log.js";

const WRAPPED = Symbol("deferredCoroutine");
const warned = new WeakSet<Function>();

function wrap<F extends (...args: any[]) => unknown>(fn: F): (...args: Parameters<F>) => Deferred<any> {
  if (typeof fn !== "function") throw new TypeError("deferredCoroutine: argument must be an async function");
  if ((fn as { [WRAPPED]?: boolean })[WRAPPED] === true) return fn as any;
  const wrapper = function (this: unknown, ...args: Parameters<F>): Deferred<any> {
    let r: unknown;
    try {
      r = fn.apply(this, args);
    } catch (e) {
      return fail(e);
    }
    if (r instanceof Deferred) return r;
    if (debugState.on && !warned.has(fn)) {
      warned.add(fn);
      log("info", `deferredCoroutine: ${fn.name || "<anonymous>"} was not compiled by the transform; it runs as a native async function (correct, but slower)`);
    }
    if (((typeof r === "object" && r !== null) || typeof r === "function") && typeof (r as { then?: unknown }).then === "function") {
      return Deferred.fromFuture(r as PromiseLike<unknown>);
    }
    return succeed(r);
  };
  Object.defineProperty(wrapper, "name", { value: fn.name, configurable: true });
  Object.defineProperty(wrapper, "length", { value: fn.length, configurable: true });
  Object.defineProperty(wrapper, WRAPPED, { value: true });
  return wrapper;
}

/**
 * Mark an async function as a Deferred coroutine and get a function returning
 * `Deferred<T>`. Works with or without the transform (see module docs).
 * @throws TypeError when `fn` is not a function.
 */
export function deferredCoroutine<A extends unknown[], T>(fn: (...args: A) => Promise<T> | PromiseLike<T>): (...args: A) => Deferred<T>;
/**
 * Standard (TC39) method decorator: `@deferredCoroutine async m(): Promise<T>`.
 * The method keeps its `Promise<T>` type and returns a Deferred at run time.
 */
export function deferredCoroutine<This, A extends unknown[], R>(
  method: (this: This, ...args: A) => R,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => R>,
): (this: This, ...args: A) => R;
/** Legacy (`experimentalDecorators`) method decorator. */
export function deferredCoroutine(target: object, key: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
export function deferredCoroutine(fn: any, context?: any, descriptor?: PropertyDescriptor): any {
  if (descriptor !== undefined && typeof descriptor === "object" && descriptor !== null) {
    return { ...descriptor, value: wrap(descriptor.value) };
  }
  if (context !== undefined && context !== null && typeof context === "object" && context.kind !== "method") {
    throw new TypeError(`@deferredCoroutine can only decorate methods, not a ${String(context.kind)}`);
  }
  return wrap(fn);
}
