import { describe, expect, test } from "vitest";
import { Deferred, fail, succeed } from "../../runtime/index.js";
import { AssertionError, assertNoResult, failureResultOf, flushUnhandledFailures, successResultOf } from "../../runtime/testing.js";

describe("testing helpers", () => {
  test("successResultOf returns and consumes the value, and refuses no result or a failure", () => {
    const d = succeed(1);
    expect(successResultOf(d)).toBe(1);
    expect(d.result).toBe(undefined);
    expect(() => successResultOf(new Deferred())).toThrow(/found no result/);
    const failed = fail(new Error("bad"));
    expect(() => successResultOf(failed)).toThrow(AssertionError);
  });

  test("failureResultOf returns the Failure and checks its type", () => {
    const err = new TypeError("t");
    expect(failureResultOf(fail(err)).value).toBe(err);
    expect(failureResultOf(fail(err), RangeError, TypeError).value).toBe(err);
    expect(() => failureResultOf(fail(err), RangeError)).toThrow(/Failure of type \(RangeError\) expected/);
    expect(() => failureResultOf(succeed(1))).toThrow(/found success result/);
    expect(() => failureResultOf(new Deferred())).toThrow(/found no result/);
  });

  test("assertNoResult passes on a pending Deferred without touching it, and fails on a fired one", () => {
    const d = new Deferred<number>();
    assertNoResult(d);
    d.callback(3);
    expect(() => assertNoResult(d)).toThrow(/No result expected, got 3/);
    expect(successResultOf(d)).toBe(3);
  });

  test("assertNoResult on a failed Deferred consumes the failure it reports", async () => {
    (() => {
      expect(() => assertNoResult(fail(new Error("seen")))).toThrow(/seen/);
    })();
    expect(await flushUnhandledFailures()).toEqual([]);
  });
});
