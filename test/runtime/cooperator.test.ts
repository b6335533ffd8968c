import { describe, expect, it } from "vitest";
import { Clock } from "../../runtime/clock.js";
import {
  Cooperator,
  NotPaused,
  SchedulerStopped,
  TaskDone,
  TaskFailed,
  TaskStopped,
  cooperate,
} from "../../runtime/cooperator.js";
import { Deferred } from "../../runtime/deferred.js";
import { failureResultOf, successResultOf, assertNoResult } from "../../runtime/testing.js";

/** A Cooperator ticking on `clock` every second, `steps` work units per tick. */
function testCooperator(clock: Clock, steps = Infinity, started = true): Cooperator {
  return new Cooperator({
    scheduler: (tick) => clock.callLater(1, tick),
    terminationPredicateFactory: () => {
      let n = 0;
      return () => ++n >= steps;
    },
    started,
  });
}

function* worker(name: string, n: number, log: string[]): Generator<unknown> {
  for (let i = 1; i <= n; i++) {
    log.push(`${name}${i}`);
    yield undefined;
  }
}

describe("Cooperator", () => {
  it("steps its tasks round-robin until the slice ends, then on the next tick", () => {
    const clock = new Clock();
    const coop = testCooperator(clock, 3);
    const log: string[] = [];
    const a = coop.cooperate(worker("a", 3, log));
    const b = coop.cooperate(worker("b", 2, log));
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(["a1", "b1", "a2"]);
    clock.advance(1);
    expect(log).toEqual(["a1", "b1", "a2", "b2", "a3"]);
    clock.advance(1);
    expect(successResultOf(a.whenDone())).toBeDefined();
    expect(successResultOf(b.whenDone())).toBeDefined();
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  it("fires whenDone with the iterator once it is exhausted, also when asked afterwards", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const it = worker("x", 1, []);
    const task = coop.cooperate(it);
    const early = task.whenDone();
    clock.advance(1);
    expect(successResultOf(early)).toBe(it);
    expect(successResultOf(task.whenDone())).toBe(it);
    expect(() => task.pause()).toThrow(TaskDone);
  });

  it("pauses only the task that yielded a Deferred until it fires", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const log: string[] = [];
    const gate = new Deferred<void>();
    function* waiting(): Generator<unknown> {
      log.push("w1");
      yield gate;
      log.push("w2");
    }
    coop.cooperate(waiting());
    coop.cooperate(worker("o", 3, log));
    clock.advance(1);
    expect(log).toEqual(["w1", "o1", "o2", "o3"]);
    expect(clock.getDelayedCalls()).toEqual([]);
    gate.callback(undefined);
    clock.advance(1);
    expect(log).toEqual(["w1", "o1", "o2", "o3", "w2"]);
  });

  it("fails the task with the failure of a Deferred it yielded", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const gate = new Deferred<void>();
    const task = coop.cooperate(
      (function* () {
        yield gate;
      })(),
    );
    clock.advance(1);
    const done = task.whenDone();
    gate.errback(new Error("yielded failure"));
    expect(failureResultOf(done).getErrorMessage()).toBe("yielded failure");
    expect(() => task.stop()).toThrow(TaskFailed);
  });

  it("fails the task with what its iterator threw", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const task = coop.cooperate(
      (function* () {
        yield 1;
        throw new RangeError("iterator broke");
      })(),
    );
    const done = task.whenDone();
    clock.advance(1);
    expect(failureResultOf(done, RangeError).getErrorMessage()).toBe("iterator broke");
  });

  it("stops a task with TaskStopped, after which pause throws TaskStopped", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const log: string[] = [];
    const task = coop.cooperate(worker("s", 5, log));
    const done = task.whenDone();
    task.stop();
    failureResultOf(done, TaskStopped);
    expect(() => task.pause()).toThrow(TaskStopped);
    clock.advance(1);
    expect(log).toEqual([]);
  });

  it("counts pauses, refuses resume when not paused, and schedules no tick while nothing is runnable", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const log: string[] = [];
    const task = coop.cooperate(worker("p", 2, log));
    task.pause();
    task.pause();
    expect(clock.getDelayedCalls()).toEqual([]);
    task.resume();
    clock.advance(1);
    expect(log).toEqual([]);
    task.resume();
    expect(() => task.resume()).toThrow(NotPaused);
    clock.advance(1);
    expect(log).toEqual(["p1", "p2"]);
  });

  it("fails every task with SchedulerStopped on stop, and tasks added later too", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const first = coop.cooperate(worker("f", 3, [])).whenDone();
    coop.stop();
    failureResultOf(first, SchedulerStopped);
    expect(coop.running).toBe(false);
    failureResultOf(coop.cooperate(worker("l", 1, [])).whenDone(), SchedulerStopped);
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  it("queues tasks without ticking until start() when created with started=false", () => {
    const clock = new Clock();
    const coop = testCooperator(clock, Infinity, false);
    const log: string[] = [];
    coop.cooperate(worker("q", 1, log));
    expect(clock.getDelayedCalls()).toEqual([]);
    coop.start();
    clock.advance(1);
    expect(log).toEqual(["q1"]);
  });

  it("coiterate fires with the iterator when it is exhausted", () => {
    const clock = new Clock();
    const coop = testCooperator(clock);
    const it = worker("c", 2, []);
    const d = coop.coiterate(it);
    assertNoResult(d);
    clock.advance(1);
    expect(successResultOf(d)).toBe(it);
  });

  it("runs cooperate() tasks on the default reactor", async () => {
    const log: string[] = [];
    const it = worker("r", 3, log);
    expect(await cooperate(it).whenDone()).toBe(it);
    expect(log).toEqual(["r1", "r2", "r3"]);
  });
});
