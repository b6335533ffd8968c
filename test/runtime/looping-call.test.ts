import { describe, expect, it } from "vitest";
import { Clock } from "../../runtime/clock.js";
import { Deferred } from "../../runtime/deferred.js";
import { LoopingCall } from "../../runtime/looping-call.js";
import { reactor } from "../../runtime/reactor.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

function loopOn<A extends unknown[]>(clock: Clock, f: (...args: A) => unknown, ...args: A): LoopingCall<A> {
  const loop = new LoopingCall(f, ...args);
  loop.clock = clock;
  return loop;
}

describe("LoopingCall", () => {
  it("uses the default reactor unless given a clock", () => {
    expect(new LoopingCall(() => {}).clock).toBe(reactor);
  });

  it("calls the function at once and then every interval, with its arguments", () => {
    const clock = new Clock();
    const calls: unknown[] = [];
    const loop = loopOn(clock, (a: string, b: string) => calls.push([a, b, clock.seconds()]), "a", "b");
    const d = loop.start(0.1);
    clock.pump([0.05, 0.1, 0.1]);
    expect(calls).toEqual([
      ["a", "b", 0],
      ["a", "b", 0.15000000000000002],
      ["a", "b", 0.25],
    ]);
    loop.stop();
    expect(successResultOf(d)).toBe(loop);
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  it("waits one interval before the first call when started with now=false", () => {
    const clock = new Clock();
    const times: number[] = [];
    const loop = loopOn(clock, () => times.push(clock.seconds()));
    loop.start(0.1, false);
    clock.pump([0.05, 0.1, 0.1]);
    expect(times).toHaveLength(2);
    loop.stop();
  });

  it("refuses a negative interval and starting twice", () => {
    const loop = loopOn(new Clock(), () => {});
    expect(() => loop.start(-1)).toThrow(RangeError);
    loop.start(1);
    expect(() => loop.start(1)).toThrow("already running");
    loop.stop();
    expect(() => loop.stop()).toThrow("not running");
  });

  it("makes no call after stop, even when stopped before the first one", () => {
    for (const interval of [0, 10]) {
      const clock = new Clock();
      const ran: number[] = [];
      const loop = loopOn(clock, () => ran.push(1));
      const d = loop.start(interval, false);
      loop.stop();
      expect(successResultOf(d)).toBe(loop);
      expect(clock.getDelayedCalls()).toEqual([]);
      expect(ran).toEqual([]);
    }
  });

  it("skips intervals missed while the clock jumped, then realigns to the start time", () => {
    const clock = new Clock();
    const times: number[] = [];
    const loop = loopOn(clock, () => times.push(clock.seconds()));
    loop.start(0.5);
    clock.advance(2);
    expect(times).toEqual([0, 2]);
    clock.advance(1);
    expect(times).toEqual([0, 2, 3]);
    clock.advance(0);
    expect(times).toEqual([0, 2, 3]);
    loop.stop();
  });

  it("schedules the next call at the next future boundary when a call takes longer than the interval", () => {
    const clock = new Clock();
    const times: number[] = [];
    let duration = 2;
    const loop = loopOn(clock, () => {
      times.push(clock.seconds());
      clock.advance(duration);
    });
    loop.start(0.5);
    expect(times).toEqual([0]);
    expect(clock.seconds()).toBe(2);
    clock.advance(0);
    expect(times).toEqual([0]);
    duration = 1;
    clock.advance(0.5);
    expect(times).toEqual([0, 2.5]);
    clock.advance(0);
    expect(times).toEqual([0, 2.5]);
    duration = 0;
    clock.advance(0.5);
    expect(times).toEqual([0, 2.5, 4]);
    loop.stop();
  });

  it("passes withCount the number of intervals elapsed since the previous call", () => {
    const clock = new Clock();
    const seen: [number, number][] = [];
    const loop = LoopingCall.withCount((count) => seen.push([clock.seconds(), count]));
    loop.clock = clock;
    loop.start(0.5);
    clock.advance(0.51);
    clock.advance(1.51);
    clock.advance(0);
    expect(seen).toEqual([
      [0, 1],
      [0.51, 1],
      [2.02, 3],
    ]);
    loop.stop();
  });

  it("never passes withCount a zero count at float boundaries, and the counts add up", () => {
    const clock = new Clock();
    const counts: number[] = [];
    const loop = LoopingCall.withCount((c) => counts.push(c));
    loop.clock = clock;
    const interval = 1 / 10;
    loop.start(interval, false);
    for (let i = 0; i < 10; i++) clock.advance(interval);
    const epsilon = 1 - Array(10).fill(interval).reduce((a: number, b: number) => a + b, 0);
    expect(Math.abs(epsilon)).toBeGreaterThan(0);
    clock.advance(epsilon);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(counts).not.toContain(0);
    loop.stop();
  });

  it("counts 1 each time with interval 0", () => {
    const clock = new Clock();
    const counts: number[] = [];
    const loop: LoopingCall<[]> = LoopingCall.withCount((c) => {
      counts.push(c);
      if (counts.length > 4) loop.stop();
    });
    loop.clock = clock;
    const d = loop.start(0, false);
    clock.advance(0);
    expect(successResultOf(d)).toBe(loop);
    expect(counts).toEqual([1, 1, 1, 1, 1]);
  });

  it("does not call again before a returned Deferred fires, then counts the skipped intervals", () => {
    const clock = new Clock();
    const gate = new Deferred<void>();
    const counts: number[] = [];
    const loop = LoopingCall.withCount((c) => {
      counts.push(c);
      return counts.length === 1 ? gate : undefined;
    });
    loop.clock = clock;
    loop.start(0.2, false);
    clock.pump([0.2, 0.4]);
    expect(counts).toEqual([1]);
    gate.callback(undefined);
    clock.pump([0.2]);
    expect(counts).toEqual([1, 3]);
    loop.stop();
  });

  it("fails the start Deferred with the function's exception and stops", () => {
    const clock = new Clock();
    const loop = loopOn(clock, () => {
      throw new TypeError("loop body failed");
    });
    const d = loop.start(1);
    expect(failureResultOf(d, TypeError).getErrorMessage()).toBe("loop body failed");
    expect(loop.running).toBe(false);
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  it("fails the start Deferred when a returned Deferred fails", () => {
    const clock = new Clock();
    const loop = loopOn(clock, () => {
      const d = new Deferred<void>();
      clock.callLater(0.3, () => d.errback(new Error("async failure")));
      return d;
    });
    const d = loop.start(1);
    assertNoResult(d);
    clock.advance(0.3);
    expect(failureResultOf(d).getErrorMessage()).toBe("async failure");
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  it("fires the start Deferred after the pending result when stopped during a call", () => {
    const clock = new Clock();
    const gate = new Deferred<void>();
    const loop = loopOn(clock, () => gate);
    const d = loop.start(1);
    loop.stop();
    assertNoResult(d);
    gate.callback(undefined);
    expect(successResultOf(d)).toBe(loop);
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  it("restarts the interval timing from now on reset, skipping the next call", () => {
    const clock = new Clock();
    const ran: number[] = [];
    const loop = loopOn(clock, () => ran.push(clock.seconds()));
    loop.start(2, false);
    clock.advance(1);
    loop.reset();
    clock.advance(1);
    expect(ran).toEqual([]);
    clock.advance(1);
    expect(ran).toEqual([3]);
    loop.stop();
  });
});
