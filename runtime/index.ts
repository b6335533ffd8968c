/**
 * The `deferred-coroutine` runtime: Twisted's Deferred, reactor and
 * coroutines. Named exports only.
 *
 * @module
 */

// Deferred core
import { Deferred as DeferredClass } from "./deferred.js";
import * as co from "./coroutine.js";
// Exported as constants, not re-exports: a CommonJS build turns re-exports
// into getter properties, and compiled coroutines read `Deferred` and the co*
// functions from this module's exports on every await (measured: ~30% of a
// suspension's cost with getters).
/** See {@link DeferredClass}. */
export const Deferred = DeferredClass;
export type Deferred<T = unknown> = DeferredClass<T>;
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
export const coSite = co.coSite;
export const coStart = co.coStart;
export const coReady = co.coReady;
export const coResult = co.coResult;
export const coCaught = co.coCaught;
export const coSuspend = co.coSuspend;
export const coThenable = co.coThenable;
export const coReturn = co.coReturn;
export const coThrow = co.coThrow;
export type { Frame, StepFn } from "./coroutine.js";

// Time, tasks and collections (runtime-time)
export { Clock } from "./clock.js";
export { DelayedCall } from "./delayed-call.js";
export { HostReactor, reactor, ReactorNotRunning, ReactorAlreadyRunning, ReactorNotRestartable } from "./reactor.js";
export type { IReactorCore, RunOptions, SystemEventTriggerID, SystemEventPhase } from "./reactor.js";
export { deferLater } from "./task.js";
export { LoopingCall } from "./looping-call.js";
export {
  Cooperator,
  CooperativeTask,
  cooperate,
  coiterate,
  SchedulerError,
  SchedulerStopped,
  TaskFinished,
  TaskDone,
  TaskStopped,
  TaskFailed,
  NotPaused,
} from "./cooperator.js";
export type { CooperatorOptions, CooperatorScheduler, TerminationPredicateFactory } from "./cooperator.js";
export { react, SystemExit } from "./react.js";
export type { ReactOptions } from "./react.js";
export { DeferredList, gatherResults, race } from "./deferred-list.js";
export type { DeferredListResult, DeferredListOptions, DeferredLike } from "./deferred-list.js";
export { DeferredLock, DeferredSemaphore, DeferredQueue } from "./locks.js";
