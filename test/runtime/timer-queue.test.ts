import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DelayedCall, type DelayedCallOwner } from "../../runtime/delayed-call.js";
import { TimerQueue } from "../../runtime/timer-queue.js";

const owner: DelayedCallOwner = { seconds: () => 0, cancelCall: () => {}, moveSooner: () => {} };

function call(time: number): DelayedCall {
  return new DelayedCall(time, () => {}, [], owner);
}

type Op =
  | { kind: "push"; time: number }
  | { kind: "pop" }
  | { kind: "remove"; pick: number }
  | { kind: "earlier"; pick: number; by: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("push" as const), time: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant("push" as const), time: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant("pop" as const) }),
  fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("earlier" as const), pick: fc.nat(), by: fc.integer({ min: 1, max: 10 }) }),
);

/** The reference order: soonest time first, then scheduling order. */
function soonest(live: DelayedCall[]): DelayedCall | undefined {
  let best: DelayedCall | undefined;
  for (const c of live) if (best === undefined || c.time < best.time || (c.time === best.time && c._seq < best._seq)) best = c;
  return best;
}

describe("TimerQueue", () => {
  it("pops by time, then scheduling order, under any mix of push, pop, remove and move-earlier", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q = new TimerQueue();
        const live: DelayedCall[] = [];
        for (const o of ops) {
          if (o.kind === "push") {
            const c = call(o.time);
            q.push(c);
            live.push(c);
          } else if (o.kind === "pop") {
            const expected = soonest(live);
            expect(q.pop()).toBe(expected);
            if (expected !== undefined) live.splice(live.indexOf(expected), 1);
          } else if (live.length > 0) {
            const c = live[o.pick % live.length];
            if (o.kind === "remove") {
              q.remove(c);
              live.splice(live.indexOf(c), 1);
              expect(c._slot).toBe(-1);
            } else {
              c.time -= o.by;
              q.movedEarlier(c);
            }
          }
          expect(q.size).toBe(live.length);
          expect(q.peek()).toBe(soonest(live));
        }
        const drained: DelayedCall[] = [];
        for (let c = q.pop(); c !== undefined; c = q.pop()) drained.push(c);
        const expected = live.slice().sort((a, b) => a.time - b.time || a._seq - b._seq);
        expect(drained).toEqual(expected);
        expect(q.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps many equal-time calls in scheduling order across compactions", () => {
    const q = new TimerQueue();
    const calls = Array.from({ length: 5000 }, () => call(1));
    for (const c of calls) q.push(c);
    for (let i = 0; i < 3000; i += 2) q.remove(calls[i]);
    const drained: DelayedCall[] = [];
    for (let c = q.pop(); c !== undefined; c = q.pop()) drained.push(c);
    expect(drained).toEqual(calls.filter((_, i) => i >= 3000 || i % 2 === 1));
  });

  it("ignores removing a call that is not queued", () => {
    const q = new TimerQueue();
    const queued = call(1);
    q.push(queued);
    const stranger = call(0);
    q.remove(stranger);
    q.remove(queued);
    q.remove(queued);
    expect(q.size).toBe(0);
    expect(q.pop()).toBeUndefined();
  });
});
