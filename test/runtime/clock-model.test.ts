import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Clock } from "../../runtime/clock.js";
import { DelayedCall, type DelayedCallOwner } from "../../runtime/delayed-call.js";

/**
 * The oracle: Twisted's `task.Clock` transcribed literally — a list, appended
 * to and stable-sorted by `getTime()` on every callLater, sorted before
 * running due calls and after each call.
 */
class TwistedClock implements DelayedCallOwner {
  rightNow = 0;
  calls: DelayedCall[] = [];
  seconds(): number {
    return this.rightNow;
  }
  cancelCall(call: DelayedCall): void {
    this.calls.splice(this.calls.indexOf(call), 1);
  }
  moveSooner(): void {}
  private sortCalls(): void {
    this.calls.sort((a, b) => a.getTime() - b.getTime());
  }
  callLater(delay: number, fn: () => void): DelayedCall {
    const call = new DelayedCall(this.rightNow + delay, fn, [], this);
    this.calls.push(call);
    this.sortCalls();
    return call;
  }
  advance(amount: number): void {
    this.rightNow += amount;
    this.sortCalls();
    while (this.calls.length > 0 && this.calls[0].getTime() <= this.rightNow) {
      const call = this.calls.shift()!;
      call.called = true;
      call.func!();
      this.sortCalls();
    }
  }
  getDelayedCalls(): DelayedCall[] {
    return this.calls.slice();
  }
}

type Op =
  | { kind: "schedule"; delay: number; then: Op | null }
  | { kind: "reset"; pick: number; to: number }
  | { kind: "delay"; pick: number; by: number }
  | { kind: "cancel"; pick: number }
  | { kind: "advance"; by: number };

const leaf: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("schedule" as const), delay: fc.constantFrom(0, 0.5, 1, 2, 3), then: fc.constant(null) }),
  fc.record({ kind: fc.constant("reset" as const), pick: fc.nat(), to: fc.constantFrom(0, 0.5, 1, 2, 4) }),
  fc.record({ kind: fc.constant("delay" as const), pick: fc.nat(), by: fc.constantFrom(-2, -1, -0.5, 0.5, 1, 3) }),
  fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }),
);
/** A scheduled call may itself perform one operation when it runs. */
const op: fc.Arbitrary<Op> = fc.oneof(
  leaf,
  fc.record({ kind: fc.constant("schedule" as const), delay: fc.constantFrom(0, 0.5, 1, 2, 3), then: fc.option(leaf) }),
  fc.record({ kind: fc.constant("advance" as const), by: fc.constantFrom(0, 0.5, 1, 2) }),
);

interface Driver {
  callLater(delay: number, fn: () => void): DelayedCall;
  advance(amount: number): void;
  getDelayedCalls(): DelayedCall[];
}

/** Runs `ops` on a clock; returns the log of what ran and what each operation raised. */
function play(clock: Driver, ops: Op[]): string[] {
  const log: string[] = [];
  const calls: DelayedCall[] = [];
  const apply = (o: Op): void => {
    try {
      if (o.kind === "schedule") {
        const id = calls.length;
        calls.push(
          clock.callLater(o.delay, () => {
            log.push(`run ${id}`);
            if (o.then !== null) apply(o.then);
          }),
        );
      } else if (o.kind === "advance") {
        clock.advance(o.by);
      } else if (calls.length > 0) {
        const c = calls[o.pick % calls.length];
        if (o.kind === "reset") c.reset(o.to);
        else if (o.kind === "delay") c.delay(o.by);
        else c.cancel();
      }
    } catch (e) {
      log.push(`raised ${(e as Error).name}`);
    }
  };
  for (const o of ops) apply(o);
  clock.advance(100);
  log.push(`pending ${clock.getDelayedCalls().length}`);
  return log;
}

describe("Clock against a literal transcription of Twisted's Clock", () => {
  it("runs the same calls in the same order under any mix of scheduling, moving, cancelling and advancing", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        expect(play(new Clock(), ops)).toEqual(play(new TwistedClock(), ops));
      }),
      { numRuns: 500 },
    );
  });

  it("schedules and runs 100 000 calls without quadratic cost", () => {
    const clock = new Clock();
    let ran = 0;
    for (let i = 0; i < 100_000; i++) clock.callLater((i * 7919) % 1000, () => ran++);
    clock.advance(1000);
    expect(ran).toBe(100_000);
    expect(clock.getDelayedCalls()).toEqual([]);
  });
});
