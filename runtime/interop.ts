/**
 * Functions that turn other things into Deferreds: Twisted's `succeed`,
 * `fail`, `maybeDeferred`, `execute`, `ensureDeferred` and `logError`.
 *
 * @module
 */
import { Deferred, firedWith } from "./deferred.js";
import { Failure } from "./failure.js";
import { log } from "./log.js";
import "./inline-callbacks.js"; // installs the generator driver used by ensureDeferred

/**
 * An already-fired Deferred with `value` (callbacks added later run at once).
 * @throws TypeError when `value` is a Deferred (return it instead; Twisted
 *   24.7 would store it as a plain value).
 */
export function succeed<T>(value: T): Deferred<T> {
  if (value instanceof Deferred) throw new TypeError("succeed: the value must not be a Deferred");
  return firedWith(value);
}

/**
 * An already-failed Deferred with `error` (a {@link Failure} is used as is,
 * anything else is wrapped). Reported at garbage collection if nothing
 * handles it.
 */
export function fail<T = never>(error: unknown): Deferred<T> {
  const d = new Deferred<T>();
  d.errback(error instanceof Failure ? error : new Failure(error));
  return d;
}

function isThenable(v: unknown): boolean {
  return ((typeof v === "object" && v !== null) || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/**
 * Call `f(...args)` and return its outcome as a Deferred: a Deferred is
 * returned as is; a Promise/thenable (e.g. from an `async` function) is
 * adopted; a returned Failure or thrown value gives a failed Deferred;
 * anything else gives `succeed(value)`. Never throws.
 */
export function maybeDeferred<T, A extends unknown[]>(f: (...args: A) => T, ...args: A): Deferred<Awaited<T>> {
  let r: unknown;
  try {
    r = f(...args);
  } catch (e) {
    return fail(e);
  }
  if (r instanceof Deferred) return r as Deferred<Awaited<T>>;
  if (r instanceof Failure) return fail(r);
  if (isThenable(r)) return Deferred.fromFuture(r as PromiseLike<Awaited<T>>);
  return succeed(r as Awaited<T>);
}

/**
 * Call `f(...args)` and wrap its return value, never unwrapping it: a thrown
 * value gives a failed Deferred, anything else `succeed(value)`. A returned
 * Deferred gives a failed Deferred with a TypeError (use
 * {@link maybeDeferred}). Never throws.
 */
export function execute<T, A extends unknown[]>(f: (...args: A) => T, ...args: A): Deferred<T> {
  let r: T;
  try {
    r = f(...args);
  } catch (e) {
    return fail(e);
  }
  if (r instanceof Deferred) return fail(new TypeError("execute: the function returned a Deferred; use maybeDeferred to chain on it"));
  return succeed(r);
}

/**
 * A Deferred for `x`: a Deferred is returned unchanged (identity); a
 * generator is driven like `inlineCallbacks`; a Promise/thenable (an
 * uncompiled `async` function's result) is adopted with `Deferred.fromFuture`.
 * @throws NotACoroutineError for anything else.
 */
export function ensureDeferred<T>(x: Deferred<T> | PromiseLike<T> | Iterator<unknown, T, any>): Deferred<T> {
  if (x instanceof Deferred) return x;
  return Deferred.fromCoroutine(x);
}

/**
 * Log `failure` (a critical event with an empty text) and return it, so it
 * can sit in an errback chain. As in Twisted, as the last errback it leads to
 * a second report when the Deferred is garbage-collected.
 */
export function logError(failure: Failure): Failure {
  log("critical", "", failure);
  return failure;
}
