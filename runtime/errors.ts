/**
 * The error classes of the runtime. Each one is a real `Error` subclass whose
 * `name` is its class name, so `instanceof`, `Failure.check` and printed
 * stacks all agree. Names follow Twisted (`twisted.internet.defer` and
 * `twisted.internet.error`).
 *
 * @module
 */
import type { Failure } from "./failure.js";

/**
 * Thrown synchronously to whoever calls `callback`/`errback` on a Deferred
 * that has already been fired. With `setDebugging(true)` the message carries
 * the stacks that created and first fired the Deferred.
 */
export class AlreadyCalledError extends Error {
  override name = "AlreadyCalledError";
  constructor(message = "the Deferred was already called") {
    super(message);
  }
}

/**
 * The failure a Deferred receives when it is cancelled and its canceller (if
 * any) did not fire it.
 */
export class CancelledError extends Error {
  override name = "CancelledError";
  constructor(message = "the Deferred was cancelled") {
    super(message);
  }
}

/**
 * A timeout expired: `Deferred.addTimeout` converts the cancellation it caused
 * into this error.
 */
export class TimeoutError extends Error {
  override name = "TimeoutError";
  /** The timeout that expired, in seconds (undefined when unknown). */
  readonly timeout: number | undefined;
  /** What timed out, e.g. `"Deferred"`. */
  readonly subject: string;
  constructor(timeout?: number, subject = "Deferred") {
    super(timeout === undefined ? `${subject} timed out` : `${subject} timed out after ${timeout} seconds`);
    this.timeout = timeout;
    this.subject = subject;
  }
}

/**
 * The first failure among the members of a `DeferredList` created with
 * `fireOnOneErrback` (and of `gatherResults`).
 */
export class FirstError extends Error {
  override name = "FirstError";
  /** The member's failure. */
  readonly subFailure: Failure;
  /** The member's position in the input list. */
  readonly index: number;
  constructor(subFailure: Failure, index: number) {
    super(`FirstError[#${index}, ${subFailure.getErrorMessage()}]`);
    this.subFailure = subFailure;
    this.index = index;
  }
}

/** Every member of a `race` failed; `failures` are in input order. */
export class FailureGroup extends Error {
  override name = "FailureGroup";
  readonly failures: readonly Failure[];
  constructor(failures: readonly Failure[]) {
    super(`all ${failures.length} Deferreds failed`);
    this.failures = failures;
  }
}

/** `DeferredQueue.put` beyond the queue's `size`. */
export class QueueOverflow extends Error {
  override name = "QueueOverflow";
  constructor(message = "the DeferredQueue is full") {
    super(message);
  }
}

/** `DeferredQueue.get` beyond the queue's `backlog` of waiting getters. */
export class QueueUnderflow extends Error {
  override name = "QueueUnderflow";
  constructor(message = "too many pending gets on the DeferredQueue") {
    super(message);
  }
}

/**
 * `Deferred.fromCoroutine`/`ensureDeferred` was given something that is not a
 * coroutine (generator, Promise/thenable) or a Deferred. A `TypeError`, as in
 * Twisted.
 */
export class NotACoroutineError extends TypeError {
  override name = "NotACoroutineError";
  constructor(message = "not a coroutine or a Deferred") {
    super(message);
  }
}

/**
 * `IDelayedCall.cancel/reset/delay` after the call already ran. Distinct from
 * {@link AlreadyCalledError}, as in Twisted (`twisted.internet.error`).
 */
export class AlreadyCalled extends Error {
  override name = "AlreadyCalled";
  constructor(message = "the delayed call has already been called") {
    super(message);
  }
}

/** `IDelayedCall.cancel/reset/delay` after the call was cancelled. */
export class AlreadyCancelled extends Error {
  override name = "AlreadyCancelled";
  constructor(message = "the delayed call has already been cancelled") {
    super(message);
  }
}
