/**
 * The `deferred-coroutine` runtime: Twisted's Deferred, reactor and
 * coroutines. Named exports only.
 *
 * @module
 */

// Deferred core
export { Deferred } from "./deferred.js";
export type { Canceller, AddCallbacksOptions } from "./deferred.js";
export { Failure } from "./failure.js";
export type { FailureType, CoroutineSite } from "./failure.js";
export {
  AlreadyCalledError,
  CancelledError,
  TimeoutError,
  FirstError,
  FailureGroup,
  QueueOverflow,
  QueueUnderflow,
  NotACoroutineError,
  AlreadyCalled,
  AlreadyCancelled,
} from "./errors.js";
export { succeed, fail, maybeDeferred, execute, ensureDeferred, logError } from "./interop.js";
export { inlineCallbacks, returnValue } from "./inline-callbacks.js";
export { deferredCoroutine } from "./deferred-coroutine.js";
export { setDebugging, getDebugging } from "./debug.js";
export { addLogObserver, removeLogObserver, emitLogEvent, defaultLogObserver, formatLogEvent } from "./log.js";
export type { LogEvent, LogLevel, LogObserver } from "./log.js";
export type { IReactorTime, IDelayedCall } from "./time-types.js";

// Coroutine ABI used by code the transform emits (docs/internals.md). Internal API.
export { coSite, coStart, coReady, coResult, coSuspend, coThenable, coReturn, coThrow } from "./coroutine.js";
export type { Frame, StepFn } from "./coroutine.js";
