/**
 * Twisted's `IReactorCore` — the lifecycle of an event loop — and its errors
 * (`twisted.internet.error`), shared by the host reactor and `react`.
 *
 * @module
 */
import type { Deferred } from "./deferred.js";
import type { SystemEventPhase, SystemEventTrigger } from "./system-event.js";

/** `stop()` on a reactor that is not running (Twisted's `ReactorNotRunning`). */
export class ReactorNotRunning extends Error {
  override name = "ReactorNotRunning";
  constructor(message = "Can't stop reactor that isn't running.") {
    super(message);
  }
}

/** `run()` on a reactor that is already running. */
export class ReactorAlreadyRunning extends Error {
  override name = "ReactorAlreadyRunning";
  constructor(message = "The reactor is already running.") {
    super(message);
  }
}

/** `run()` on a reactor that has already run and stopped. */
export class ReactorNotRestartable extends Error {
  override name = "ReactorNotRestartable";
  constructor(message = "The reactor cannot be restarted.") {
    super(message);
  }
}

/** Identifies an added system event trigger, for `removeSystemEventTrigger`. */
export interface SystemEventTriggerID {
  readonly eventType: string;
  readonly trigger: SystemEventTrigger;
}

/** Twisted's `IReactorCore`: the lifecycle of an event loop. */
export interface IReactorCore {
  /** True from the "during startup" phase until the "during shutdown" phase. */
  readonly running: boolean;
  /**
   * Starts the reactor; returns a Deferred that fires once it has stopped.
   * @throws ReactorAlreadyRunning, ReactorNotRestartable
   */
  run(): Deferred<void>;
  /**
   * Asks the reactor to stop: the "shutdown" event fires on its next iteration.
   * @throws ReactorNotRunning if it is not running or already stopping.
   */
  stop(): void;
  /** Calls `fn(...args)` now if running, else once the reactor has started. */
  callWhenRunning<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): SystemEventTriggerID | undefined;
  /** Adds a trigger for a system event ("startup" or "shutdown"). */
  addSystemEventTrigger<A extends unknown[]>(
    phase: SystemEventPhase,
    eventType: string,
    fn: (...args: A) => unknown,
    ...args: A
  ): SystemEventTriggerID;
  /** Removes a trigger added by `addSystemEventTrigger`. */
  removeSystemEventTrigger(id: SystemEventTriggerID): void;
  /** Fires a system event's triggers. */
  fireSystemEvent(eventType: string): void;
}
