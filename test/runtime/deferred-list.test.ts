import { afterEach, describe, expect, it } from "vitest";
import { Deferred } from "../../runtime/deferred.js";
import { DeferredList, gatherResults, race, type DeferredListResult } from "../../runtime/deferred-list.js";
import { CancelledError, FailureGroup, FirstError } from "../../runtime/errors.js";
import { Failure } from "../../runtime/failure.js";
import { succeed, fail } from "../../runtime/interop.js";
import { addLogObserver, removeLogObserver, type LogEvent } from "../../runtime/log.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** What a later stage on `d` sees (and consumes). */
function seenByLaterStage(d: Deferred<unknown>): unknown {
  let seen: unknown = "nothing";
  d.addBoth((r: unknown) => {
    seen = r;
    return undefined;
  });
  return seen;
}

function plain<T>(results: DeferredListResult<T>[]): [boolean, unknown][] {
  return results.map(([ok, r]) => [ok, r instanceof Failure ? `Failure(${r.getErrorMessage()})` : r]);
}

describe("DeferredList", () => {
  it("fires once every member has fired, with [success, result] pairs in input order", () => {
    const ds = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
    const dl = new DeferredList(ds);
    ds[2].callback("c");
    ds[0].callback("a");
    assertNoResult(dl);
    ds[1].errback(new Error("b failed"));
    expect(plain(successResultOf(dl))).toEqual([
      [true, "a"],
      [false, "Failure(b failed)"],
      [true, "c"],
    ]);
    // Without consumeErrors the member keeps its failure for later stages.
    expect((seenByLaterStage(ds[1]) as Failure).getErrorMessage()).toBe("b failed");
  });

  it("is a Deferred", () => {
    expect(new DeferredList([])).toBeInstanceOf(Deferred);
  });

  it("continues failed members with undefined when consumeErrors is set", () => {
    const d = new Deferred<number>();
    const dl = new DeferredList([d], { consumeErrors: true });
    d.errback(new Error("consumed"));
    expect(plain(successResultOf(dl))).toEqual([[false, "Failure(consumed)"]]);
    expect(seenByLaterStage(d)).toBeUndefined();
  });

  it("fires at once with [] for an empty list", () => {
    expect(successResultOf(new DeferredList([]))).toEqual([]);
  });

  it("never fires for an empty list with fireOnOneCallback", () => {
    assertNoResult(new DeferredList([], { fireOnOneCallback: true }));
  });

  it("records members that already fired inside the constructor", () => {
    const dl = new DeferredList([succeed(1), succeed(2)]);
    expect(plain(successResultOf(dl))).toEqual([
      [true, 1],
      [true, 2],
    ]);
  });

  it("fires with [value, index] on the first success with fireOnOneCallback", () => {
    const ds = [new Deferred<string>(), new Deferred<string>()];
    const dl = new DeferredList<string, [string, number]>(ds, { fireOnOneCallback: true });
    ds[1].callback("second");
    expect(successResultOf(dl)).toEqual(["second", 1]);
    ds[0].callback("first");
    expect(dl.finishedCount).toBe(2);
    expect(dl.resultList.map((r) => r?.[1])).toEqual(["first", "second"]);
  });

  it("still calls back with the whole list when every member fails under fireOnOneCallback", () => {
    const ds = [new Deferred<string>(), new Deferred<string>()];
    const dl = new DeferredList(ds, { fireOnOneCallback: true, consumeErrors: true });
    ds[0].errback(new Error("x"));
    ds[1].errback(new Error("y"));
    expect(plain(successResultOf(dl) as DeferredListResult<string>[])).toEqual([
      [false, "Failure(x)"],
      [false, "Failure(y)"],
    ]);
  });

  it("fails with FirstError(subFailure, index) on the first failure with fireOnOneErrback", () => {
    const ds = [new Deferred<string>(), new Deferred<string>()];
    const dl = new DeferredList(ds, { fireOnOneErrback: true, consumeErrors: true });
    ds[0].callback("ok");
    ds[1].errback(new TypeError("bad"));
    const f = failureResultOf(dl, FirstError);
    const first = f.value as FirstError;
    expect(first.index).toBe(1);
    expect(first.subFailure.check(TypeError)).toBe(TypeError);
  });

  it("sees what stages added to a member before it joined returned, and later stages see what it returned", () => {
    const d = new Deferred<number>();
    d.addCallback((n: number) => n * 10);
    const dl = new DeferredList([d]);
    d.callback(4);
    expect(plain(successResultOf(dl))).toEqual([[true, 40]]);
    expect(seenByLaterStage(d as Deferred<unknown>)).toBe(40);
  });

  it("cancels its members while unfired and not after it fired", () => {
    const cancelled: number[] = [];
    const ds = [0, 1].map((i) => new Deferred<number>(() => cancelled.push(i)));
    const dl = new DeferredList(ds, { consumeErrors: true });
    dl.cancel();
    expect(cancelled).toEqual([0, 1]);
    expect(plain(successResultOf(dl)).map(([ok]) => ok)).toEqual([false, false]);

    const late = new Deferred<number>(() => cancelled.push(99));
    const fired = new DeferredList([late, succeed(1)], { fireOnOneCallback: true });
    fired.cancel();
    expect(cancelled).toEqual([0, 1]);
    assertNoResult(late);
  });

  it("logs a member canceller's exception and still cancels the other members", () => {
    const events: LogEvent[] = [];
    const observer = (e: LogEvent): void => void events.push(e);
    addLogObserver(observer);
    cleanups.push(() => removeLogObserver(observer));
    const bad = new Deferred<number>(() => {
      throw new Error("canceller broke");
    });
    const good = new Deferred<number>();
    const dl = new DeferredList([bad, good], { consumeErrors: true });
    dl.cancel();
    expect(events.map((e) => [e.text, e.failure?.getErrorMessage()])).toEqual([
      ["Exception raised from user supplied canceller", "canceller broke"],
    ]);
    expect((dl.resultList[1]?.[1] as Failure).check(CancelledError)).toBe(CancelledError);
    assertNoResult(dl);
    bad.callback(5);
    expect(plain(successResultOf(dl))).toEqual([
      [true, 5],
      [false, "Failure(the Deferred was cancelled)"],
    ]);
  });

  it("adopts Promise members", async () => {
    const dl = new DeferredList([Promise.resolve("p"), succeed("d")]);
    expect(plain(await dl)).toEqual([
      [true, "p"],
      [true, "d"],
    ]);
  });
});

describe("gatherResults", () => {
  it("fires with the values in input order", () => {
    const ds = [new Deferred<number>(), new Deferred<number>()];
    const g = gatherResults(ds);
    ds[1].callback(2);
    ds[0].callback(1);
    expect(successResultOf(g)).toEqual([1, 2]);
  });

  it("fails with FirstError on the first failure without cancelling the other members", () => {
    const cancelled: string[] = [];
    const other = new Deferred<number>(() => cancelled.push("other"));
    const failing = new Deferred<number>();
    const g = gatherResults([other, failing], true);
    failing.errback(new RangeError("nope"));
    const f = failureResultOf(g, FirstError);
    expect((f.value as FirstError).index).toBe(1);
    expect((f.value as FirstError).subFailure.getErrorMessage()).toBe("nope");
    expect(cancelled).toEqual([]);
    assertNoResult(other);
  });

  it("cancels every member when cancelled, failing with the first member's CancelledError", () => {
    const ds = [new Deferred<number>(), new Deferred<number>()];
    const g = gatherResults(ds);
    g.cancel();
    const first = failureResultOf(g, FirstError).value as FirstError;
    expect(first.index).toBe(0);
    expect(first.subFailure.check(CancelledError)).toBe(CancelledError);
    expect((seenByLaterStage(ds[0] as Deferred<unknown>) as Failure).check(CancelledError)).toBe(CancelledError);
    expect((seenByLaterStage(ds[1] as Deferred<unknown>) as Failure).check(CancelledError)).toBe(CancelledError);
  });
});

describe("race", () => {
  it("fires with [index, value] of the first success and cancels the others, not the winner", () => {
    const cancelled: number[] = [];
    const ds = [0, 1, 2].map((i) => new Deferred<string>(() => cancelled.push(i)));
    const r = race(ds);
    ds[1].callback("one");
    expect(successResultOf(r)).toEqual([1, "one"]);
    expect(cancelled).toEqual([0, 2]);
    // Member results are consumed.
    expect(seenByLaterStage(ds[1] as Deferred<unknown>)).toBeUndefined();
    expect(seenByLaterStage(ds[0] as Deferred<unknown>)).toBeUndefined();
  });

  it("fails with a FailureGroup of every failure in input order when all fail", () => {
    const ds = [new Deferred<string>(), new Deferred<string>()];
    const r = race(ds);
    ds[1].errback(new Error("second"));
    assertNoResult(r);
    ds[0].errback(new Error("first"));
    const group = failureResultOf(r, FailureGroup).value as FailureGroup;
    expect(group.failures.map((f) => f.getErrorMessage())).toEqual(["first", "second"]);
  });

  it("lets an already-fired member win inside the race call", () => {
    let cancelled = false;
    const pending = new Deferred<string>(() => {
      cancelled = true;
    });
    const r = race([pending, succeed("ready")]);
    expect(successResultOf(r)).toEqual([1, "ready"]);
    expect(cancelled).toBe(true);
    expect(pending.called).toBe(true);
  });

  it("never fires for no members", () => {
    assertNoResult(race([]));
  });

  it("cancels every member when cancelled and fails with their CancelledErrors", () => {
    const ds = [new Deferred<string>(), new Deferred<string>()];
    const r = race(ds);
    r.cancel();
    const group = failureResultOf(r, FailureGroup).value as FailureGroup;
    expect(group.failures.map((f) => f.check(CancelledError))).toEqual([CancelledError, CancelledError]);
  });

  it("lets a member whose canceller supplies a value win when the race is cancelled", () => {
    const stubborn = new Deferred<string>((d) => d.callback("from canceller"));
    const plainMember = new Deferred<string>();
    const r = race([plainMember, stubborn]);
    r.cancel();
    expect(successResultOf(r)).toEqual([1, "from canceller"]);
  });

  it("treats a failed member as consumed, so it is never reported as unhandled", () => {
    const failed = fail<string>(new Error("lost"));
    const r = race([failed, new Deferred<string>()]);
    assertNoResult(r);
    expect(seenByLaterStage(failed as Deferred<unknown>)).toBeUndefined();
  });
});
