import { describe, expect, it } from "vitest";
import { Clock } from "../../runtime/clock.js";
import { CancelledError } from "../../runtime/errors.js";
import { deferLater } from "../../runtime/task.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

describe("deferLater", () => {
  it("fires with the function's result after the delay, calling it with its arguments", () => {
    const clock = new Clock();
    const calls: unknown[] = [];
    const d = deferLater(clock, 3, (a: string, b: number) => {
      calls.push([a, b, clock.seconds()]);
      return "result";
    }, "x", 2);
    clock.advance(2);
    assertNoResult(d);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect(calls).toEqual([["x", 2, 3]]);
    expect(successResultOf(d)).toBe("result");
  });

  it("fails with what the function throws", () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => {
      throw new RangeError("late failure");
    });
    clock.advance(1);
    expect(failureResultOf(d, RangeError).getErrorMessage()).toBe("late failure");
  });

  it("fires with undefined when no function is given", () => {
    const clock = new Clock();
    const d = deferLater(clock, 2);
    assertNoResult(d);
    clock.advance(2);
    expect(successResultOf(d)).toBeUndefined();
  });

  it("cancels the timed call when cancelled: CancelledError, and the function never runs", () => {
    const clock = new Clock();
    const calls: string[] = [];
    const d = deferLater(clock, 1, () => calls.push("ran"));
    d.cancel();
    failureResultOf(d, CancelledError);
    expect(clock.getDelayedCalls()).toEqual([]);
    clock.advance(5);
    expect(calls).toEqual([]);
  });

  it("waits for a Deferred the function returns", () => {
    const clock = new Clock();
    const d = deferLater(clock, 1, () => deferLater(clock, 1, () => "inner"));
    clock.advance(1);
    assertNoResult(d);
    clock.advance(1);
    expect(successResultOf(d)).toBe("inner");
  });

  it("refuses a negative delay at the call", () => {
    expect(() => deferLater(new Clock(), -1)).toThrow(TypeError);
  });
});
