/**
 * The default `reactor`: Twisted's reactor core and timed calls, running on
 * the host event loop (Node.js or a browser).
 *
 * JavaScript already has an event loop that is always running, so this
 * reactor does not own one. It keeps its timed calls in a priority queue and
 * arms ONE host timer (`setTimeout`; in browsers a `MessageChannel` message
 * when the soonest call is already due) for the soonest; when it fires it runs
 * every due call (one reactor *iteration*, Twisted's `runUntilCurrent`) and
 * re-arms. With nothing scheduled no timer is armed, so a Node process can
 * exit.
 *
 * Lifecycle (Twisted's `IReactorCore`): `run()` fires the `"startup"` system
 * event (`running` becomes true during it) and keeps the host process alive;
 * `stop()` fires `"shutdown"` on the next iteration, after which the reactor
 * runs no more timed calls and cannot be restarted. Timed calls also run
 * before `run()` — the host loop is already running — which is what browser
 * code and libraries expect.
 *
 * @module
 */
import { DelayedCall, checkCallLaterArgs, type DelayedCallOwner } from "./delayed-call.js";
import { Deferred } from "./deferred.js";
import { Failure } from "./failure.js";
import { log } from "./log.js";
import { hostProcess, messageChannelWakeUp, type Disarm } from "./host.js";
import { ReactorAlreadyRunning, ReactorNotRestartable, ReactorNotRunning } from "./reactor-core.js";
import type { IReactorCore, SystemEventTriggerID } from "./reactor-core.js";
import { ThreePhaseEvent, type SystemEventPhase } from "./system-event.js";
import type { IReactorTime } from "./time-types.js";
import { TimerQueue } from "./timer-queue.js";

export type { SystemEventPhase } from "./system-event.js";
export { ReactorAlreadyRunning, ReactorNotRestartable, ReactorNotRunning } from "./reactor-core.js";
export type { IReactorCore, SystemEventTriggerID } from "./reactor-core.js";

/** setTimeout takes a signed 32-bit number of milliseconds; longer waits are re-armed. */
const MAX_TIMER_MS = 0x7fffffff;

/** Options of {@link HostReactor.run}. */
export interface RunOptions {
  /**
   * Under Node.js, stop the reactor cleanly on SIGINT and SIGTERM while it
   * runs (the handlers are removed when it stops).
   * @default true
   */
  installSignalHandlers?: boolean;
}

/**
 * A reactor on the host event loop. The package's {@link reactor} is one
 * instance; create others only for tests or isolated loops.
 */
export class HostReactor implements IReactorTime, IReactorCore, DelayedCallOwner {
  /** True from the "during startup" phase until the "during shutdown" phase. */
  running = false;
  /** Between `run()` and the end of shutdown (Twisted's `_started`). */
  private started = false;
  /** Not running, or `stop()` was already called (Twisted's `_stopped`). */
  private stopped = true;
  /** `stop()` was called and "shutdown" has not been fired yet. */
  private justStopped = false;
  /** `stop()` was called at least once: the reactor may not run again. */
  private startedBefore = false;
  private readonly queue = new TimerQueue();
  /** Calls made during an iteration: queued after it, so they run on the next one. */
  private newCalls: DelayedCall[] = [];
  private inIteration = false;
  /** Disarms the armed host wake-up; undefined when none is armed. */
  private timer: Disarm | undefined;
  private readonly zeroDelayWakeUp = messageChannelWakeUp();
  private armedAt = Infinity;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private signalHandlers: [string, () => void][] = [];
  private readonly events = new Map<string, ThreePhaseEvent>();
  private whenStopped: Deferred<void> | undefined;

  constructor() {
    this.addSystemEventTrigger("during", "startup", this.reallyStartRunning);
    this.addSystemEventTrigger("during", "shutdown", this.crash);
  }

  /**
   * The present time in seconds since the Unix epoch, with sub-millisecond
   * precision, from the monotonic `performance` clock.
   */
  readonly seconds = (): number => (performance.timeOrigin + performance.now()) / 1000;

  /**
   * Runs `fn(...args)` after `delay` seconds, on a later host event-loop task —
   * never synchronously, even with delay 0. A call made while timed calls are
   * running runs on the next iteration at the earliest. Whatever `fn` throws is
   * logged ("while handling timed call") and does not stop other calls. Calls
   * due at the same time run in the order they were made.
   * @param delay - seconds from now, `>= 0` (`Infinity`: never).
   * @throws TypeError if `fn` is not a function or `delay` is negative or NaN.
   */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): DelayedCall {
    checkCallLaterArgs(delay, fn);
    const call = new DelayedCall(this.seconds() + delay, fn, args, this);
    if (this.inIteration) {
      this.newCalls.push(call);
    } else {
      this.queue.push(call);
      if (call.time < this.armedAt) this.rearm();
    }
    return call;
  }

  /** The scheduled calls that have not run or been cancelled, in no particular order. */
  getDelayedCalls(): DelayedCall[] {
    return this.queue.toArray().concat(this.newCalls.filter((c) => !c.cancelled));
  }

  /**
   * Starts the reactor: fires "startup" (before → during, where `running`
   * becomes true → after, where `callWhenRunning` functions run), all inside
   * this call unless a "before" trigger returned an unfired Deferred. While
   * the reactor runs, a Node process stays alive even with nothing scheduled,
   * as Twisted's blocking `run()` would.
   * @returns a Deferred that fires (with `undefined`) once the reactor has
   *   stopped: after the "shutdown" triggers ran.
   * @throws ReactorAlreadyRunning if it is running.
   * @throws ReactorNotRestartable if it has run before.
   */
  run(options: RunOptions = {}): Deferred<void> {
    if (this.started) throw new ReactorAlreadyRunning();
    if (this.startedBefore) throw new ReactorNotRestartable();
    this.started = true;
    this.stopped = false;
    const done = new Deferred<void>();
    this.whenStopped = done;
    this.keepAlive = setInterval(() => {}, MAX_TIMER_MS);
    if (options.installSignalHandlers ?? true) this.installSignalHandlers();
    this.fireSystemEvent("startup");
    this.rearm();
    return done;
  }

  /**
   * Stops the reactor: the "shutdown" event fires on the next iteration (after
   * the timed calls due then), its "during" phase sets `running` to false, and
   * then the Deferred returned by `run()` fires.
   * @throws ReactorNotRunning if the reactor is not running or already stopping.
   */
  stop(): void {
    if (this.stopped) throw new ReactorNotRunning();
    this.stopped = true;
    this.justStopped = true;
    this.startedBefore = true;
    this.rearm();
  }

  /**
   * Calls `fn(...args)` at once if the reactor is running; otherwise adds it
   * as an "after startup" trigger and returns the trigger's ID.
   */
  callWhenRunning<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): SystemEventTriggerID | undefined {
    if (this.running) {
      fn(...args);
      return undefined;
    }
    return this.addSystemEventTrigger("after", "startup", fn, ...args);
  }

  /**
   * Adds `fn(...args)` to a phase of a system event. "startup" fires in
   * `run()`, "shutdown" after `stop()`; see {@link ThreePhaseEvent} for the
   * phases. A "before" trigger may return a Deferred to delay the later phases.
   * @throws TypeError for an unknown phase or a non-function `fn`.
   */
  addSystemEventTrigger<A extends unknown[]>(
    phase: SystemEventPhase,
    eventType: "startup" | "shutdown" | (string & {}),
    fn: (...args: A) => unknown,
    ...args: A
  ): SystemEventTriggerID {
    let event = this.events.get(eventType);
    if (event === undefined) {
      event = new ThreePhaseEvent();
      this.events.set(eventType, event);
    }
    return { eventType, trigger: event.addTrigger(phase, fn, args) };
  }

  /**
   * Removes a trigger.
   * @throws Error if it is not (or no longer) registered.
   */
  removeSystemEventTrigger(id: SystemEventTriggerID): void {
    const event = this.events.get(id.eventType);
    if (event === undefined) throw new Error("invalid trigger handle: unknown event type");
    event.removeTrigger(id.trigger);
  }

  /** Fires the triggers of `eventType` (nothing happens if it has none). */
  fireSystemEvent(eventType: string): void {
    this.events.get(eventType)?.fireEvent();
  }

  private readonly reallyStartRunning = (): void => {
    this.running = true;
  };

  /** "During shutdown": leave the running state (Twisted's `crash`). */
  private readonly crash = (): void => {
    this.started = false;
    this.running = false;
    this.addSystemEventTrigger("during", "startup", this.reallyStartRunning);
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    this.removeSignalHandlers();
    // The Deferred from run() fires at the end of the current iteration (or
    // on the next one when shutdown completed outside an iteration).
    this.wake();
  };

  /** Timed calls run in the states "never started" and "started"; not after stopping. */
  private get servicing(): boolean {
    return this.started || !this.startedBefore;
  }

  /** One reactor iteration, run by the host timer. */
  private readonly iterate = (): void => {
    this.timer = undefined;
    this.armedAt = Infinity;
    if (this.servicing) this.runUntilCurrent();
    if (!this.started && this.whenStopped !== undefined) {
      const done = this.whenStopped;
      this.whenStopped = undefined;
      done.callback(undefined);
    }
    this.rearm();
  };

  private runUntilCurrent(): void {
    const queue = this.queue;
    const now = this.seconds();
    this.inIteration = true;
    try {
      for (let call = queue.peek(); call !== undefined && call.time <= now; call = queue.peek()) {
        queue.pop();
        if (call.delayedTime > 0) {
          // Postponed while queued: apply the postponement and re-queue.
          call.activateDelay();
          queue.push(call);
          continue;
        }
        call.called = true;
        const args = call.args!;
        try {
          if (args.length === 0) call.func!();
          else call.func!(...args);
        } catch (e) {
          log("critical", "while handling timed call", new Failure(e));
          if (call.creator !== undefined) {
            log("critical", ` C: previous exception occurred in a DelayedCall created here:\n${call.creator}`);
          }
        }
      }
    } finally {
      this.inIteration = false;
      const added = this.newCalls;
      this.newCalls = [];
      for (const call of added) {
        if (call.cancelled) continue;
        call.activateDelay();
        queue.push(call);
      }
    }
    if (this.justStopped) {
      this.justStopped = false;
      this.fireSystemEvent("shutdown");
    }
  }

  /** Arms the host timer for the soonest thing to do, or clears it when there is nothing. */
  private rearm(): void {
    if (this.inIteration) return; // iterate() re-arms when the iteration ends
    let next = Infinity;
    if (this.justStopped || (!this.started && this.whenStopped !== undefined)) next = -Infinity;
    else if (this.servicing && this.queue.size > 0) next = this.queue.peek()!.time;
    if (next === Infinity) {
      this.clearTimer();
      return;
    }
    if (this.timer !== undefined && this.armedAt <= next) return;
    this.clearTimer();
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil((next - this.seconds()) * 1000)));
    if (ms === 0 && this.zeroDelayWakeUp !== undefined) {
      this.timer = this.zeroDelayWakeUp(this.iterate);
    } else {
      const handle = setTimeout(this.iterate, ms);
      this.timer = () => clearTimeout(handle);
    }
    this.armedAt = next;
  }

  private wake(): void {
    if (this.inIteration) return;
    this.rearm();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timer();
    this.timer = undefined;
    this.armedAt = Infinity;
  }

  /** @internal DelayedCallOwner: a call is being cancelled. */
  cancelCall(call: DelayedCall): void {
    this.queue.remove(call);
    // Nothing left: clear the timer so that the host process may exit.
    if (this.queue.size === 0) this.rearm();
  }

  /** @internal DelayedCallOwner: a call moved earlier. */
  moveSooner(call: DelayedCall): void {
    this.queue.movedEarlier(call);
    if (call.time < this.armedAt) this.rearm();
  }

  private installSignalHandlers(): void {
    const proc = hostProcess();
    if (proc === undefined) return;
    for (const signal of ["SIGINT", "SIGTERM"]) {
      const handler = (): void => {
        log("info", `Received ${signal}, shutting down.`);
        if (!this.stopped) this.stop();
      };
      proc.on(signal, handler);
      this.signalHandlers.push([signal, handler]);
    }
  }

  private removeSignalHandlers(): void {
    const proc = hostProcess();
    for (const [signal, handler] of this.signalHandlers) proc?.off(signal, handler);
    this.signalHandlers = [];
  }
}

/**
 * The default reactor, shared by everything that does not get a clock
 * injected (`LoopingCall`, the global `Cooperator`, `react`).
 */
export const reactor: HostReactor = new HostReactor();
