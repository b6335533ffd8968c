import { describe, expect, test } from "vitest";
import { Deferred, Failure, fail, inlineCallbacks, returnValue, succeed } from "../../runtime/index.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

describe("R7: inlineCallbacks", () => {
  test("the generator runs synchronously until it yields an unfired Deferred", () => {
    const events: unknown[] = [];
    const pending = new Deferred<number>();
    const g = inlineCallbacks(function* (a: number, b: number) {
      events.push(["start", a, b]);
      const x = (yield succeed(10)) as number;
      events.push(["got", x]);
      const y = (yield pending) as number;
      events.push(["resumed", y]);
      return x + y;
    });
    const d = g(1, 2);
    events.push("returned");
    expect(events).toEqual([["start", 1, 2], ["got", 10], "returned"]);
    assertNoResult(d);
    pending.callback(5);
    expect(events.at(-1)).toEqual(["resumed", 5]);
    expect(successResultOf(d)).toBe(15);
  });

  test("yielding a Deferred consumes its result", () => {
    const fired = succeed(1);
    const pending = new Deferred<number>();
    const d = inlineCallbacks(function* () {
      yield fired;
      yield pending;
    })();
    pending.callback(2);
    successResultOf(d);
    expect(fired.result).toBe(undefined);
    expect(pending.result).toBe(undefined);
  });

  test("a yielded failure is thrown into the generator with its original value and counts as handled", () => {
    const err = new Error("inner");
    const failed = fail(err);
    const d = inlineCallbacks(function* () {
      try {
        yield failed;
      } catch (e) {
        return e;
      }
    })();
    expect(successResultOf(d)).toBe(err);
    expect(failed.result).toBe(undefined);
  });

  test("yielding a Deferred from inside its own running callback waits for the stages already queued", () => {
    const events: unknown[] = [];
    const d = new Deferred<number>();
    const g = inlineCallbacks(function* () {
      events.push("gen start");
      const x = (yield d) as number;
      events.push(["gen got", x]);
      return x;
    });
    d.addCallback((r) => {
      events.push(["cb1", r]);
      g().addBoth((v) => events.push(["gen result", v]));
      events.push("cb1 end");
      return r + 1;
    });
    d.addCallback((r) => {
      events.push(["cb2", r]);
      return r * 10;
    });
    d.callback(1);
    events.push(["d.result", d.result]);
    // Same trace as Twisted 22.4 (tw: inlineCallbacks yielding the running Deferred).
    expect(events).toEqual([["cb1", 1], "gen start", "cb1 end", ["cb2", 2], ["gen got", 20], ["gen result", 20], ["d.result", undefined]]);
  });

  test("a coroutine finishing inside a Deferred's callback runs its waiters while that Deferred still counts as running", () => {
    const events: unknown[] = [];
    const d0 = new Deferred<number>();
    inlineCallbacks(function* () {
      events.push(["c0", yield d0]);
      events.push(["c0 again", yield d0]);
    })();
    const c2 = inlineCallbacks(function* () {
      events.push(["c2", yield d0]);
      return "done2";
    })();
    inlineCallbacks(function* () {
      events.push(["c1", yield c2]);
      events.push(["c1 then", yield d0]); // d0 is still running its callbacks: wait for them
    })();
    d0.callback(6);
    // Twisted 22.4 gives the same order.
    expect(events).toEqual([["c0", 6], ["c2", undefined], ["c1", "done2"], ["c0 again", undefined], ["c1 then", undefined]]);
  });

  test("yielding a fired Deferred whose later stages are still queued runs those stages first", () => {
    const events: unknown[] = [];
    const d1 = new Deferred<number>();
    const d0 = succeed(1).addCallback(() => d1);
    d1.addCallback((x) => {
      events.push(["d1 later stage", x]);
      return "later";
    });
    inlineCallbacks(function* () {
      events.push(["got", yield d0]);
      events.push(["then got", yield d1]); // d1 fired, but its loop is busy handing 4 to d0
    })();
    d1.callback(4);
    // Twisted 22.4 gives the same order.
    expect(events).toEqual([["got", 4], ["d1 later stage", undefined], ["then got", "later"]]);
  });

  test("a yielded non-Deferred value is sent straight back", () => {
    const obj = { a: 1 };
    const d = inlineCallbacks(function* () {
      const a = yield 3;
      const b = yield obj;
      const c = yield null;
      return [a, b, c];
    })();
    expect(successResultOf(d)).toEqual([3, obj, null]);
  });

  test("a yielded generator runs as a sub-coroutine (current Twisted)", () => {
    function* sub(): Generator<unknown, number, any> {
      const v = (yield succeed(20)) as number;
      return v + 1;
    }
    const d = inlineCallbacks(function* () {
      return (yield sub()) as number;
    })();
    expect(successResultOf(d)).toBe(21);
  });

  test("a yielded Promise is adopted and resumes after it settles", async () => {
    const d = inlineCallbacks(function* () {
      return ((yield Promise.resolve(4)) as number) * 2;
    })();
    assertNoResult(d);
    await new Promise((r) => setTimeout(r, 0));
    expect(successResultOf(d)).toBe(8);
  });

  test("an exception before the first yield gives a failed Deferred, not a throw", () => {
    const d = inlineCallbacks(function* () {
      throw new TypeError("early");
      yield 1;
    })();
    expect(failureResultOf(d, TypeError).getErrorMessage()).toBe("early");
  });

  test("the decorated function keeps this, name and length", () => {
    const obj = {
      k: 5,
      m: inlineCallbacks(function* named(this: { k: number }, a: number) {
        return this.k + ((yield a) as number);
      }),
    };
    expect(successResultOf(obj.m(1))).toBe(6);
    expect(obj.m.name).toBe("named");
    expect(obj.m.length).toBe(1);
  });

  test("inlineCallbacks around a non-generator function throws TypeError when called", () => {
    const wrapped = inlineCallbacks((() => 5) as never);
    expect(() => (wrapped as () => unknown)()).toThrow(/requires .* to produce a generator; instead got number/);
    expect(() => inlineCallbacks(7 as never)).toThrow(TypeError);
  });

  test("failures out of a generator carry its name and call site in the traceback", () => {
    const failing = inlineCallbacks(function* failingGen() {
      yield succeed(1);
      throw new Error("bad");
    });
    const f = failureResultOf(failing());
    expect(f.getCoroutineTrace().map((s) => s.name)).toEqual(["failingGen"]);
    expect(f.getCoroutineTrace()[0]!.file).toMatch(/inline-callbacks\.test\.ts$/);
    expect(f.getTraceback()).toMatch(/at async failingGen \(.*inline-callbacks\.test\.ts:\d+\)/);
  });
});

describe("R8: returnValue", () => {
  test("returnValue ends the generator with its value", () => {
    const d = inlineCallbacks(function* () {
      yield succeed(1);
      returnValue("early exit");
      return "not reached";
    })();
    expect(successResultOf(d)).toBe("early exit");
  });

  test("returnValue in a helper called by the generator ends the enclosing generator", () => {
    const helper = (v: number): void => returnValue(v * 2);
    const d = inlineCallbacks(function* () {
      yield succeed(0);
      helper(21);
      return -1;
    })();
    expect(successResultOf(d)).toBe(42);
  });

  test("returnValue outside an inlineCallbacks generator throws a clear error", () => {
    expect(() => returnValue(1)).toThrow(/outside an inlineCallbacks generator/);
    const g = inlineCallbacks(function* () {
      yield new Deferred();
    });
    g();
    expect(() => returnValue(1)).toThrow(/outside an inlineCallbacks generator/);
  });

  test("returnValue inside a decorated non-generator is a TypeError at call time", () => {
    const wrapped = inlineCallbacks((() => returnValue(1)) as never) as () => unknown;
    expect(() => wrapped()).toThrow(/instead caught returnValue being used in a non-generator/);
  });
});

describe("bounded stack", () => {
  test("a generator yielding 1 000 000 fired Deferreds runs in a flat loop", () => {
    const d = inlineCallbacks(function* () {
      let s = 0;
      for (let i = 0; i < 1_000_000; i++) s += (yield succeed(1)) as number;
      return s;
    })();
    expect(successResultOf(d)).toBe(1_000_000);
  });

  test("100 000 inlineCallbacks coroutines each waiting on the next are released by one callback", () => {
    const step = inlineCallbacks(function* (prev: Deferred<number>) {
      return ((yield prev) as number) + 1;
    });
    const leaf = new Deferred<number>();
    let top = leaf;
    for (let i = 0; i < 100_000; i++) top = step(top);
    assertNoResult(top);
    leaf.callback(0);
    expect(successResultOf(top)).toBe(100_000);
  });

  test("a failure crosses 100 000 waiting generators and is reported once at the top", () => {
    const step = inlineCallbacks(function* (prev: Deferred<number>) {
      return (yield prev) as number;
    });
    const leaf = new Deferred<number>();
    let top = leaf;
    for (let i = 0; i < 100_000; i++) top = step(top);
    leaf.errback(new Error("bottom"));
    const f: Failure = failureResultOf(top);
    expect(f.getErrorMessage()).toBe("bottom");
    expect(f.getCoroutineTrace()).toHaveLength(100_000);
  });
});
