import { describe, expect, test } from "vitest";
import { AlreadyCalledError, Deferred, Failure, addLogObserver, fail, removeLogObserver, succeed, type LogEvent } from "../../runtime/index.js";
import { failureResultOf, successResultOf } from "../../runtime/testing.js";

describe("R1: callbacks run synchronously, in order, once", () => {
  test("callback() runs the whole chain before it returns", () => {
    const events: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallback((x) => {
      events.push(["a", x]);
      return x + 1;
    });
    d.addCallback((x) => {
      events.push(["b", x]);
      return x * 10;
    });
    events.push("before");
    d.callback(1);
    events.push("after");
    expect(events).toEqual(["before", ["a", 1], ["b", 2], "after"]);
    expect(d.result).toBe(20);
  });

  test("a stage added to a fired Deferred runs inside addCallback", () => {
    const d = succeed(3);
    const events: unknown[] = [];
    d.addCallback((x) => events.push(x));
    events.push("returned");
    expect(events).toEqual([3, "returned"]);
  });

  test("the errback of a stage never sees what the callback of the same stage threw", () => {
    const events: string[] = [];
    const d = new Deferred<number>();
    d.addCallbacks(
      () => {
        throw new Error("cb");
      },
      () => {
        events.push("same-stage errback");
      },
    );
    d.addErrback((f) => {
      events.push("next errback: " + f.getErrorMessage());
    });
    d.callback(1);
    expect(events).toEqual(["next errback: cb"]);
  });

  test("an errback returning a value switches back to the success path", () => {
    const d = fail<number>(new Error("x"));
    d.addErrback(() => 5).addCallback((x) => x + 1);
    expect(successResultOf(d)).toBe(6);
  });

  test("a callback returning a Failure switches to the error path", () => {
    const d = succeed(1).addCallback(() => new Failure(new RangeError("r")));
    expect(failureResultOf(d, RangeError).getErrorMessage()).toBe("r");
  });

  test("callback(failure) behaves like errback(failure)", () => {
    const d = new Deferred<number>();
    const f = new Failure(new TypeError("t"));
    d.callback(f);
    expect(failureResultOf(d)).toBe(f);
  });

  test("a stage added by a running callback runs after that callback returns", () => {
    const events: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallback((x) => {
      d.addCallback((y) => events.push(["added", y]));
      events.push(["cb1", x]);
      return x + 1;
    });
    d.addCallback((x) => {
      events.push(["cb2", x]);
      return x;
    });
    d.callback(1);
    expect(events).toEqual([["cb1", 1], ["cb2", 2], ["added", 2]]);
  });

  test("extra arguments are passed after the result", () => {
    const d = succeed(1);
    d.addCallback((x, a: string, b: number) => `${x}${a}${b}`, "-", 2);
    expect(successResultOf(d)).toBe("1-2");
    const e = fail<number>(new Error("e"));
    e.addCallbacks(
      () => "no",
      (f, tag: string) => `${tag}:${f.getErrorMessage()}`,
      { errbackArgs: ["eb"] },
    );
    expect(successResultOf(e)).toBe("eb:e");
  });

  test("addBoth receives the value on success and the Failure on error", () => {
    const seen: unknown[] = [];
    succeed(1).addBoth((r) => seen.push(r));
    fail(new Error("z")).addBoth((r) => {
      seen.push(r instanceof Failure ? r.getErrorMessage() : r);
    });
    expect(seen).toEqual([1, "z"]);
  });
});

describe("R2/R3: a callback returning a Deferred chains", () => {
  test("the outer waits for the inner and continues with its result", () => {
    const inner = new Deferred<number>();
    const outer = new Deferred<number>();
    const events: unknown[] = [];
    outer.addCallback(() => inner).addCallback((x) => events.push(x));
    outer.callback(0);
    expect(events).toEqual([]);
    expect(outer.result).toBe(inner);
    expect(outer.paused).toBe(1);
    inner.callback(9);
    expect(events).toEqual([9]);
    expect(outer.paused).toBe(0);
  });

  test("stages added to the inner before it was returned run first; those added after see undefined", () => {
    const events: unknown[] = [];
    const inner = new Deferred<number>();
    const outer = new Deferred<number>();
    inner.addCallback((r) => {
      events.push(["inner-before", r]);
      return r * 10;
    });
    outer.addCallback(() => inner);
    outer.callback(1);
    inner.addCallback((r) => {
      events.push(["inner-after", r]);
      return r;
    });
    outer.addCallback((r) => {
      events.push(["outer", r]);
      return r;
    });
    inner.callback(2);
    expect(events).toEqual([["inner-before", 2], ["outer", 20], ["inner-after", undefined]]);
    expect(inner.result).toBe(undefined);
    expect(outer.result).toBe(20);
  });

  test("the result of an already-fired unpaused inner is stolen synchronously", () => {
    const inner = succeed(4);
    const outer = succeed(0).addCallback(() => inner);
    expect(outer.result).toBe(4);
    expect(inner.result).toBe(undefined);
    expect(inner.called).toBe(true);
  });

  test("a paused inner is not stolen from: the outer waits for unpause", () => {
    const inner = succeed(4);
    inner.pause();
    const outer = succeed(0).addCallback(() => inner);
    expect(outer.result).toBe(inner);
    inner.unpause();
    expect(successResultOf(outer)).toBe(4);
  });

  test("a failure crosses the chain and only the outer holds it", () => {
    const inner = new Deferred<number>();
    const outer = succeed(0).addCallback(() => inner);
    inner.errback(new Error("inner failed"));
    expect(inner.result).toBe(undefined);
    expect(failureResultOf(outer).getErrorMessage()).toBe("inner failed");
  });

  test("a user-paused waiting outer stops the whole loop, leaving the inner's later stages unrun", () => {
    const events: unknown[] = [];
    const inner = new Deferred<number>();
    const outer = new Deferred<number>();
    outer.addCallback(() => inner);
    outer.addCallback((r) => events.push(["outer", r]));
    outer.callback(0);
    inner.addCallback((r) => events.push(["inner-after", r]));
    outer.pause();
    inner.callback(5);
    expect(events).toEqual([]);
    expect(outer.paused).toBe(1);
    outer.unpause();
    expect(events).toEqual([["outer", 5]]);
  });

  test("a callback may return a native Promise and the chain waits for it", async () => {
    const d = succeed(1).addCallback((x) => Promise.resolve(x + 1));
    expect(d.paused).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(successResultOf(d)).toBe(2);
  });

  test("a thenable calling back synchronously is adopted without pausing", () => {
    const thenable = { then: (ok: (v: number) => void) => ok(7) };
    const d = succeed(1).addCallback(() => thenable);
    expect(successResultOf(d)).toBe(7);
  });

  test("a chain of 100 000 Deferreds each waiting on the next unwinds in bounded stack", () => {
    const leaf = new Deferred<number>();
    let top: Deferred<number> = leaf;
    for (let i = 0; i < 100_000; i++) {
      const inner = top;
      top = succeed(0).addCallback(() => inner);
    }
    let got: unknown;
    top.addCallback((v) => {
      got = v;
    });
    leaf.callback(42);
    expect(got).toBe(42);
  });

  test("100 000 callbacks each returning succeed(x) run in bounded stack", () => {
    const d = new Deferred<number>();
    for (let i = 0; i < 100_000; i++) d.addCallback((x) => succeed(x + 1));
    d.callback(0);
    expect(successResultOf(d)).toBe(100_000);
  });

  test("failures propagate along a 100 000-deep waiting chain", () => {
    const leaf = new Deferred<number>();
    let top: Deferred<number> = leaf;
    for (let i = 0; i < 100_000; i++) {
      const inner = top;
      top = succeed(0).addCallback(() => inner);
    }
    leaf.errback(new Error("deep"));
    expect(failureResultOf(top).getErrorMessage()).toBe("deep");
  });
});

describe("a callback returning its own Deferred", () => {
  test("logs a warning and the chain never continues", () => {
    const seen: LogEvent[] = [];
    const observer = (e: LogEvent): void => {
      seen.push(e);
    };
    addLogObserver(observer);
    try {
      const events: unknown[] = [];
      const d = new Deferred<number>();
      d.addCallback(() => d);
      d.addCallback((x) => events.push(x));
      d.callback(1);
      expect(events).toEqual([]);
      expect(d.paused).toBe(1);
      expect(seen.map((e) => e.level)).toEqual(["warn"]);
      expect(seen[0]!.text).toMatch(/returned the Deferred it is attached to/);
    } finally {
      removeLogObserver(observer);
    }
  });
});

describe("R4: firing twice and bad input", () => {
  test("a second callback raises AlreadyCalledError to the caller", () => {
    const d = new Deferred<number>();
    d.callback(1);
    expect(() => d.callback(2)).toThrow(AlreadyCalledError);
    expect(() => d.errback(new Error())).toThrow(AlreadyCalledError);
    expect(d.called).toBe(true);
  });

  test("re-firing from inside a callback becomes that chain's failure", () => {
    const d = new Deferred<number>();
    d.addCallback(() => d.callback(3));
    d.callback(1);
    expect(failureResultOf(d, AlreadyCalledError).value).toBeInstanceOf(AlreadyCalledError);
  });

  test("callback(aDeferred) is refused with a TypeError at the call", () => {
    const d = new Deferred<unknown>();
    expect(() => d.callback(new Deferred())).toThrow(TypeError);
    expect(d.called).toBe(false);
    expect(() => succeed(new Deferred())).toThrow(TypeError);
  });

  test("a non-function callback is refused with a TypeError at the call", () => {
    const d = new Deferred<number>();
    expect(() => d.addCallback(5 as never)).toThrow(/must be a function/);
    expect(() => d.addErrback(null as never)).toThrow(TypeError);
    expect(() => d.addBoth(undefined as never)).toThrow(TypeError);
    expect(() => d.addCallbacks((x) => x, "no" as never)).toThrow(TypeError);
    expect(() => new Deferred(3 as never)).toThrow(TypeError);
    expect(d._cbs).toBe(null);
  });

  test("errback() without an argument is refused", () => {
    expect(() => new Deferred().errback()).toThrow(TypeError);
  });

  test("called stays true after the result was consumed", () => {
    const d = succeed(1);
    successResultOf(d);
    expect(d.called).toBe(true);
    expect(d.result).toBe(undefined);
  });
});

describe("pause and unpause", () => {
  test("a paused Deferred runs no callbacks until unpaused", () => {
    const events: number[] = [];
    const d = new Deferred<number>();
    d.pause();
    d.addCallback((x) => events.push(x));
    d.callback(1);
    expect(events).toEqual([]);
    d.unpause();
    expect(events).toEqual([1]);
  });

  test("pause is counted", () => {
    const d = succeed(1);
    d.pause();
    d.pause();
    const events: number[] = [];
    d.addCallback((x) => events.push(x));
    d.unpause();
    expect(events).toEqual([]);
    d.unpause();
    expect(events).toEqual([1]);
  });

  test("pause() inside a running callback does not stop the stages queued in that run", () => {
    const events: string[] = [];
    const d = new Deferred<number>();
    d.addCallback(() => {
      d.pause();
      events.push("a");
    });
    d.addCallback(() => events.push("b"));
    d.callback(1);
    expect(events).toEqual(["a", "b"]);
    expect(d.paused).toBe(1);
  });

  test("after an unbalanced unpause of a waiting Deferred, a pass-through stage chains it again (twisted#12726 quirk)", () => {
    const inner = new Deferred<number>();
    const outer = succeed(0).addCallback(() => inner);
    outer.addErrback(() => "not reached");
    expect(outer.paused).toBe(1);
    outer.unpause(); // breaks the chain: outer runs its pass-through stage with the Deferred as result
    expect(outer.paused).toBe(1);
    expect(inner._cbs).toHaveLength(4); // two CONTINUE stages now wait on inner
    const seen: unknown[] = [];
    inner.addBoth((r) => {
      seen.push(r);
      return r;
    });
    inner.callback(7);
    // As in Twisted: the first CONTINUE hands 7 over, the second hands over
    // the undefined left behind and drives the pause count to -1, which stops
    // the loop before inner's own later stage.
    expect(outer.result).toBe(undefined);
    expect(outer.paused).toBe(-1);
    expect(seen).toEqual([]);
    expect(inner.result).toBe(undefined);
  });

  test("an unbalanced unpause leaves the Deferred stuck", () => {
    const d = new Deferred<number>();
    d.unpause();
    const events: number[] = [];
    d.addCallback((x) => events.push(x));
    d.callback(1);
    expect(events).toEqual([]);
    expect(d.paused).toBe(-1);
  });
});

describe("chainDeferred", () => {
  test("forwards the result and continues with undefined", () => {
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    a.chainDeferred(b);
    a.callback(3);
    expect(successResultOf(b)).toBe(3);
    expect(a.result).toBe(undefined);
  });

  test("forwarding into an already-fired Deferred fails the source chain", () => {
    const a = new Deferred<number>();
    const b = succeed(1);
    a.chainDeferred(b);
    a.callback(2);
    expect(failureResultOf(a, AlreadyCalledError)).toBeInstanceOf(Failure);
  });
});

describe("Promise interface", () => {
  test("await on a Deferred gives its value and later callbacks see the same value", async () => {
    const d = new Deferred<number>();
    const p = (async () => await d)();
    d.callback(5);
    expect(await p).toBe(5);
    expect(successResultOf(d.addCallback((x) => x + 1))).toBe(6);
  });

  test("await on a failed Deferred rejects with the thrown value itself", async () => {
    const err = new Error("boom");
    const d = fail<number>(err);
    await expect((async () => await d)()).rejects.toBe(err);
    expect(failureResultOf(d).value).toBe(err);
  });

  test("then returns a native Promise and the tag names a Deferred", () => {
    const d = succeed(1);
    expect(d.then((x) => x)).toBeInstanceOf(Promise);
    expect(d.catch(() => 0)).toBeInstanceOf(Promise);
    expect(d.finally(() => undefined)).toBeInstanceOf(Promise);
    expect(Object.prototype.toString.call(d)).toBe("[object Deferred]");
  });

  test("then observes the value at its position in the chain", async () => {
    const d = new Deferred<number>();
    d.addCallback((x) => x + 1);
    const early = d.then((x) => x);
    d.addCallback((x) => x * 10);
    const late = d.then((x) => x);
    d.callback(1);
    expect(await early).toBe(2);
    expect(await late).toBe(20);
    expect(successResultOf(d)).toBe(20);
  });

  test("asFuture consumes the result", async () => {
    const d = succeed(8);
    const p = d.asFuture();
    expect(d.result).toBe(undefined);
    expect(await p).toBe(8);
    const e = fail(new Error("x"));
    await expect(e.asFuture()).rejects.toThrow("x");
    expect(e.result).toBe(undefined);
  });
});

describe("typing", () => {
  test("a Deferred<string> is usable as a Promise<string> and as a Deferred<unknown>", async () => {
    const d: Deferred<string> = succeed("x");
    const asPromise: Promise<string> = d;
    const asUnknown: Deferred<unknown> = d;
    expect(asPromise).toBe(asUnknown);
    expect(await asPromise).toBe("x");
  });
});
