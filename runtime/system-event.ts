/**
 * System event triggers (Twisted's `_ThreePhaseEvent`): the functions the
 * reactor calls around `"startup"` and `"shutdown"`, in three phases.
 *
 * - `before` triggers run first, in the order added. Each may return a
 *   Deferred; the next phases wait until every such Deferred has fired.
 * - `during` triggers run next (the reactor's own state change happens here),
 * - then `after` triggers.
 *
 * A trigger that throws is logged and the others still run.
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { DeferredList } from "./deferred-list.js";
import { Failure } from "./failure.js";
import { log } from "./log.js";

/** The phase of a system event a trigger belongs to. */
export type SystemEventPhase = "before" | "during" | "after";

/** An added trigger; pass it to `removeTrigger` to remove it. */
export interface SystemEventTrigger {
  readonly phase: SystemEventPhase;
  readonly fn: (...args: any[]) => unknown;
  readonly args: readonly unknown[];
}

/** The triggers of one event type, by phase. @internal */
export class ThreePhaseEvent {
  private readonly phases: Record<SystemEventPhase, SystemEventTrigger[]> = { before: [], during: [], after: [] };
  /** `before` triggers already run by the event firing now (Twisted's `finishedBefore`). */
  private finishedBefore: SystemEventTrigger[] = [];
  private firing = false;

  /**
   * Adds a trigger.
   * @throws TypeError for an unknown phase or a non-function.
   */
  addTrigger(phase: SystemEventPhase, fn: (...args: any[]) => unknown, args: readonly unknown[]): SystemEventTrigger {
    if (phase !== "before" && phase !== "during" && phase !== "after") {
      throw new TypeError(`invalid system event phase ${JSON.stringify(phase)}`);
    }
    if (typeof fn !== "function") throw new TypeError("a system event trigger must be a function");
    const trigger: SystemEventTrigger = { phase, fn, args };
    this.phases[phase].push(trigger);
    return trigger;
  }

  /**
   * Removes a trigger. Removing a `before` trigger that already ran while
   * the event is firing is ignored (Twisted warns and ignores it).
   * @throws Error if the trigger is not registered.
   */
  removeTrigger(trigger: SystemEventTrigger): void {
    if (this.firing && trigger.phase === "before" && this.finishedBefore.includes(trigger)) return;
    const list = this.phases[trigger.phase];
    const i = list === undefined ? -1 : list.indexOf(trigger);
    if (i < 0) throw new Error("invalid trigger handle: not registered");
    list.splice(i, 1);
  }

  /** Runs the triggers: `before`, then (once their Deferreds fired) `during` and `after`. */
  fireEvent(): void {
    this.firing = true;
    this.finishedBefore = [];
    const waits: Deferred<unknown>[] = [];
    const before = this.phases.before;
    while (before.length > 0) {
      const trigger = before.shift()!;
      this.finishedBefore.push(trigger);
      try {
        const result = trigger.fn(...trigger.args);
        if (result instanceof Deferred) waits.push(result);
      } catch (e) {
        log("critical", "Unhandled error in a system event trigger", new Failure(e));
      }
    }
    new DeferredList(waits).addCallback(() => {
      this.continueFiring();
    });
  }

  private continueFiring(): void {
    this.firing = false;
    this.finishedBefore = [];
    for (const phase of [this.phases.during, this.phases.after]) {
      while (phase.length > 0) {
        const trigger = phase.shift()!;
        try {
          trigger.fn(...trigger.args);
        } catch (e) {
          log("critical", "Unhandled error in a system event trigger", new Failure(e));
        }
      }
    }
  }
}
