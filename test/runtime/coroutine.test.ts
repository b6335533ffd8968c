// Hand-written step functions in the exact shape docs/internals.md fixes for
// compiled code: this is the transform's path through the runtime.
import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, test } from "vitest";
import * as $dc from "../../runtime/index.js";
import { CancelledError, Deferred, Failure, fail, succeed } from "../../runtime/index.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

type F = $dc.Frame & Record<string, any>;

/** `async function awaitOne(x) { const v = await x; return v + 1; }` */
const awaitOneSite = $dc.coSite("awaitOne", "awaitOne.ts", 1);
function awaitOne(x: unknown): Deferred<number> {
  return $dc.coStart({ state: 0, step: awaitOne$step, site: awaitOneSite, d: null as any, waitingOn: null, ctx: null, e: false, x });
}
function awaitOne$step(f: F, $v: unknown, $e: boolean): Deferred<any> | undefined {
  try {
    switch (f.state) {
      case 0:
        $v = f.x;
        f.x = undefined;
        if ((typeof $v === "object" && $v !== null) || typeof $v === "function") {
          if (!($v instanceof $dc.Deferred)) $v = $dc.coThenable($v);
          if ($v instanceof $dc.Deferred) {
            if (!$dc.coReady($v)) {
              f.state = 1;
              return $dc.coSuspend(f, $v);
            }
            $v = $dc.coResult($v, f);
            $e = f.e;
          } else $e = false;
        } else $e = false;
      // falls through
      case 1:
        if ($e) throw $v;
        return $dc.coReturn(f.d, ($v as number) + 1);
    }
  } catch (ex) {
    return $dc.coThrow(f.d, ex, f.site);
  }
  return undefined;
}

/**
 * `async function tryAwait(x, log) { try { return await x; } catch (e) { log.push(e); return await x2; } }`
 * with the catch reached without a JS throw for awaited failures.
 */
const catcherSite = $dc.coSite("catcher", "catcher.ts", 10);
function catcher(x: unknown, then: unknown, log: unknown[]): Deferred<unknown> {
  return $dc.coStart({ state: 0, step: catcher$step, site: catcherSite, d: null as any, waitingOn: null, ctx: null, e: false, x, then, log });
}
function awaitIn(f: F, $v: unknown, next: number): unknown {
  if ((typeof $v === "object" && $v !== null) || typeof $v === "function") {
    if (!($v instanceof $dc.Deferred)) $v = $dc.coThenable($v);
    if ($v instanceof $dc.Deferred) {
      if (!$dc.coReady($v)) {
        f.state = next;
        $dc.coSuspend(f, $v);
        return SUSPENDED;
      }
      return $dc.coResult($v, f);
    }
  }
  f.e = false;
  return $v;
}
const SUSPENDED = Symbol("suspended");
function catcher$step(f: F, $v: unknown, $e: boolean): Deferred<any> | undefined {
  for (;;) {
    try {
      switch (f.state) {
        case 0:
          $v = awaitIn(f, f.x, 1);
          if ($v === SUSPENDED) return undefined;
          $e = f.e;
        // falls through
        case 1:
          if ($e) {
            f.err = $v;
            f.state = 2;
            continue;
          }
          return $dc.coReturn(f.d, $v);
        case 2:
          f.log.push(["caught", f.err instanceof Error ? f.err.message : f.err]);
          $v = awaitIn(f, f.then, 3);
          if ($v === SUSPENDED) return undefined;
          $e = f.e;
        // falls through
        case 3:
          if ($e) throw $v;
          return $dc.coReturn(f.d, $v);
      }
    } catch (ex) {
      return $dc.coThrow(f.d, ex, f.site);
    }
    return undefined;
  }
}

describe("the coroutine ABI (docs/internals.md)", () => {
  test("an await on a non-thenable or a fired Deferred completes synchronously", () => {
    expect(successResultOf(awaitOne(1))).toBe(2);
    const d = succeed(5);
    expect(successResultOf(awaitOne(d))).toBe(6);
    expect(d.result).toBe(5); // the fast path does not consume
  });

  test("an await on a pending Deferred suspends and resumes when it fires, consuming its result", () => {
    const d = new Deferred<number>();
    const r = awaitOne(d);
    assertNoResult(r);
    d.callback(10);
    expect(successResultOf(r)).toBe(11);
    expect(d.result).toBe(undefined);
  });

  test("a second coroutine awaiting the same pending Deferred receives undefined", () => {
    const d = new Deferred<number>();
    const first = catcher(d, null, []);
    const second = catcher(d, null, []);
    d.callback(1);
    expect(successResultOf(first)).toBe(1);
    expect(successResultOf(second)).toBe(undefined);
  });

  test("an awaited failure reaches the catch state with the thrown value itself", () => {
    const err = new Error("nope");
    const log: unknown[] = [];
    const failed = fail(err);
    const r = catcher(failed, 7, log);
    expect(successResultOf(r)).toBe(7);
    expect(log).toEqual([["caught", "nope"]]);
    expect(failed.result).toBeInstanceOf(Failure); // fast path: not consumed, but handled
  });

  test("a body that throws before its first await gives a failed Deferred, never a throw", () => {
    const site = $dc.coSite("thrower", "t.ts", 3);
    const d = $dc.coStart({
      state: 0,
      step: (f: F) => $dc.coThrow(f.d, new TypeError("early"), f.site),
      site,
      d: null as any,
      waitingOn: null,
      ctx: null,
      e: false,
    });
    expect(failureResultOf(d, TypeError).getErrorMessage()).toBe("early");
  });

  test("returning a Deferred or a thenable adopts it", async () => {
    const site = $dc.coSite("ret", "r.ts", 1);
    const start = (v: unknown) =>
      $dc.coStart({ state: 0, step: (f: F) => $dc.coReturn(f.d, f.v), site, d: null as any, waitingOn: null, ctx: null, e: false, v });
    const inner = new Deferred<number>();
    const r = start(inner);
    assertNoResult(r);
    inner.callback(3);
    expect(successResultOf(r)).toBe(3);
    const p = start(Promise.resolve(4));
    await new Promise((res) => setTimeout(res, 0));
    expect(successResultOf(p)).toBe(4);
  });

  test("coThenable reads then once, and a throwing getter gives a failed Deferred", () => {
    let reads = 0;
    const thenable = {
      get then() {
        reads++;
        return (ok: (v: number) => void) => {
          ok(1);
          ok(2);
        };
      },
    };
    const d = $dc.coThenable(thenable) as Deferred<number>;
    expect(reads).toBe(1);
    expect(successResultOf(d)).toBe(1);
    const bad = {
      get then(): never {
        throw new Error("getter");
      },
    };
    expect(failureResultOf($dc.coThenable(bad) as Deferred<unknown>).getErrorMessage()).toBe("getter");
    const plain = { a: 1 };
    expect($dc.coThenable(plain)).toBe(plain);
  });

  test("coReady is false for unfired, paused and waiting Deferreds", () => {
    expect($dc.coReady(new Deferred())).toBe(false);
    const p = succeed(1);
    p.pause();
    expect($dc.coReady(p)).toBe(false);
    const waiting = succeed(0).addCallback(() => new Deferred());
    expect($dc.coReady(waiting)).toBe(false);
    expect($dc.coReady(fail(new Error()).addErrback(() => 1))).toBe(true);
  });

  test("awaiting again the Deferred that just resumed us gives its result again, which is consumed afterwards", () => {
    // async function twice(d) { const x = await d; const y = await d; return [x, y]; } — Twisted gives (5, 5).
    const site = $dc.coSite("twice", "twice.ts", 1);
    const step = (f: F, v: unknown): Deferred<any> | undefined => {
      if (f.state === 0) {
        f.state = 1;
        return $dc.coSuspend(f, f.w);
      }
      const w = f.w as Deferred<number>;
      const again = $dc.coReady(w) ? $dc.coResult(w, f) : "not ready";
      return $dc.coReturn(f.d, [v, again]);
    };
    const w = new Deferred<number>();
    const r = $dc.coStart({ state: 0, step, site, d: null as any, waitingOn: null, ctx: null, e: false, w });
    w.callback(5);
    expect(successResultOf(r)).toEqual([5, 5]);
    expect(w.result).toBe(undefined);
  });

  test("an await on a fired but paused Deferred suspends until it is unpaused", () => {
    const d = succeed(4);
    d.pause();
    const r = awaitOne(d);
    assertNoResult(r);
    d.unpause();
    expect(successResultOf(r)).toBe(5);
    expect(d.result).toBe(undefined);
  });

  test("100 000 hand-written coroutines each awaiting the next are released by one callback in bounded stack", () => {
    const leaf = new Deferred<number>();
    let top: Deferred<number> = leaf;
    for (let i = 0; i < 100_000; i++) top = awaitOne(top);
    assertNoResult(top);
    leaf.callback(0);
    expect(successResultOf(top)).toBe(100_000);
  });

  test("a failure through 1 000 awaiting coroutines carries each of them in its traceback", () => {
    const leaf = new Deferred<number>();
    let top: Deferred<number> = leaf;
    for (let i = 0; i < 1000; i++) top = awaitOne(top);
    leaf.errback(new Error("deep"));
    const f = failureResultOf(top);
    const trace = f.getCoroutineTrace();
    expect(trace).toHaveLength(1000);
    expect(trace[0]).toEqual({ name: "awaitOne", file: "awaitOne.ts", line: 1 });
    expect(f.getTraceback()).toContain("Error: deep");
    expect(f.getTraceback()).toContain("    at async awaitOne (awaitOne.ts:1)");
  });

  test("a finishing coroutine's callbacks and its awaiter run before the awaited Deferred's later stages, which see undefined", () => {
    const events: string[] = [];
    const leaf = new Deferred<number>();
    const inner = awaitOne(leaf);
    inner.addCallback((v) => {
      events.push(`inner ${v}`);
      return v;
    });
    const outer = awaitOne(inner);
    outer.addCallback((v) => events.push(`outer ${v}`));
    leaf.addCallback((v) => {
      events.push(`leaf ${v}`);
      return v;
    });
    leaf.callback(1);
    expect(events).toEqual(["inner 2", "outer 3", "leaf undefined"]);
  });

  test("cancel throws CancelledError at the await and the catch state may recover", () => {
    const log: unknown[] = [];
    const waited = new Deferred<number>();
    const r = catcher(waited, 99, log);
    r.cancel();
    expect(log).toEqual([["caught", "the Deferred was cancelled"]]);
    expect(successResultOf(r)).toBe(99);
  });

  test("an uncaught cancellation fails the coroutine's Deferred with CancelledError", () => {
    const r = awaitOne(new Deferred());
    r.cancel();
    expect(failureResultOf(r, CancelledError)).toBeInstanceOf(Failure);
  });

  test("resumption enters the AsyncLocalStorage context captured at suspension", () => {
    const als = new AsyncLocalStorage<string>();
    const site = $dc.coSite("ctx", "ctx.ts", 1);
    const seen: unknown[] = [];
    const step = (f: F, v: unknown): Deferred<any> | undefined => {
      if (f.state === 0) {
        seen.push(als.getStore());
        f.state = 1;
        return $dc.coSuspend(f, f.w);
      }
      seen.push([als.getStore(), v]);
      return $dc.coReturn(f.d, v);
    };
    const w = new Deferred<number>();
    const d = als.run("coroutine", () =>
      $dc.coStart({ state: 0, step, site, d: null as any, waitingOn: null, ctx: null, e: false, w }),
    );
    als.run("firer", () => w.callback(5));
    expect(seen).toEqual(["coroutine", ["coroutine", 5]]);
    expect(successResultOf(d)).toBe(5);
  });

  test("each coroutine keeps its own context across awaits, and enterWith inside it persists", () => {
    const als = new AsyncLocalStorage<string>();
    const site = $dc.coSite("ctx2", "ctx2.ts", 1);
    const seen: unknown[] = [];
    const step = (f: F, v: unknown): Deferred<any> | undefined => {
      switch (f.state) {
        case 0:
          f.state = 1;
          return $dc.coSuspend(f, f.w1);
        case 1:
          seen.push([f.name, "after 1st", als.getStore()]);
          als.enterWith(`${f.name}-changed`);
          f.state = 2;
          return $dc.coSuspend(f, f.w2);
        default:
          seen.push([f.name, "after 2nd", als.getStore()]);
          return $dc.coReturn(f.d, v);
      }
    };
    const start = (name: string, w1: Deferred<number>, w2: Deferred<number>) =>
      als.run(name, () => $dc.coStart({ state: 0, step, site, d: null as any, waitingOn: null, ctx: null, e: false, name, w1, w2 }));
    const [a1, a2, b1, b2] = [new Deferred<number>(), new Deferred<number>(), new Deferred<number>(), new Deferred<number>()];
    start("A", a1, a2);
    start("B", b1, b2);
    als.run("firer", () => {
      b1.callback(1);
      a1.callback(1);
      a2.callback(2);
      b2.callback(2);
      seen.push(["firer", "end", als.getStore()]);
    });
    expect(seen).toEqual([
      ["B", "after 1st", "B"],
      ["A", "after 1st", "A"],
      ["A", "after 2nd", "A-changed"],
      ["B", "after 2nd", "B-changed"],
      ["firer", "end", "firer"],
    ]);
  });

  test("a step that throws outside its own catch fails the coroutine's Deferred instead of leaving it unfired", () => {
    const site = $dc.coSite("broken", "b.ts", 1);
    const w = new Deferred<number>();
    let calls = 0;
    const d = $dc.coStart({
      state: 0,
      step: (f: F) => {
        calls++;
        if (calls === 1) {
          f.state = 1;
          return $dc.coSuspend(f, w);
        }
        throw new RangeError("Maximum call stack size exceeded");
      },
      site,
      d: null as any,
      waitingOn: null,
      ctx: null,
      e: false,
    });
    w.callback(1);
    expect(failureResultOf(d, RangeError).getErrorMessage()).toMatch(/call stack/);
  });
});

// ---- the compiled entry (docs/internals.md, "The emitted shape") ------------
// The entry builds the frame with `d: null` and runs the first step itself;
// coSuspend creates f.d at the first suspension; coReturn/coThrow with a null
// f.d make the finished Deferred.

/** `async function addOne(x) { return (await x) + 1; }`, compiled by hand in the emitted shape. */
const addOneSite = $dc.coSite("addOne", "addOne.ts", 1);
function addOne(x: unknown): Deferred<number> {
  const f = { state: 0, step: addOne$step, site: addOneSite, d: null, waitingOn: null, ctx: null, x } as unknown as F;
  return addOne$step(f, undefined, false) || f.d;
}
function addOne$step(f: F, $v: unknown, $e: boolean): Deferred<any> | undefined {
  try {
    for (;;) {
      switch (f.state) {
        case 0:
          $v = f.x;
          if ($v instanceof Deferred || (((typeof $v === "object" && $v !== null) || typeof $v === "function") && ($v = $dc.coThenable($v)) instanceof Deferred)) {
            const d = $v as Deferred<unknown>;
            if (!(d.called && d.paused === 0 && !(d.result instanceof Deferred))) {
              f.state = 1;
              return $dc.coSuspend(f, d);
            }
            if (d.result instanceof Failure) {
              $v = $dc.coCaught(d);
              $e = true;
            } else {
              $v = d.result;
              $e = false;
            }
          } else $e = false;
        // falls through
        case 1:
          if ($e) {
            f.state = -1;
            return $dc.coThrow(f.d, $v, addOneSite);
          }
          f.state = -1;
          return $dc.coReturn(f.d, ($v as number) + 1);
      }
      return undefined;
    }
  } catch ($x) {
    f.state = -1;
    return $dc.coThrow(f.d, $x, addOneSite);
  }
}

describe("the compiled entry protocol", () => {
  test("a coroutine that never suspends returns a finished Deferred made by coReturn", () => {
    const d = addOne(1);
    expect(successResultOf(d)).toBe(2);
    expect(successResultOf(addOne(succeed(41)))).toBe(42);
  });

  test("a ready failed Deferred is thrown at the await and marked handled, not consumed", () => {
    const awaited = fail(new TypeError("ready failure"));
    const d = addOne(awaited);
    const failure = failureResultOf(d, TypeError);
    expect(failure.getErrorMessage()).toBe("ready failure");
    expect(failure.getTraceback()).toContain("addOne");
    expect(awaited.result).toBeInstanceOf(Failure); // Twisted's fast path leaves the result in place
  });

  test("the first suspension creates the coroutine's Deferred, which the entry returns", () => {
    const pending = new Deferred<number>();
    const d = addOne(pending);
    assertNoResult(d);
    pending.callback(9);
    expect(successResultOf(d)).toBe(10);
  });

  test("cancelling after the first suspension throws CancelledError at the await", () => {
    const pending = new Deferred<number>();
    const d = addOne(pending);
    d.cancel();
    expect(failureResultOf(d, CancelledError)).toBeInstanceOf(Failure);
    expect(pending.called).toBe(true); // cancelled; its CancelledError was thrown into the coroutine
  });

  test("returning a pending Deferred before any suspension adopts it", () => {
    const inner = new Deferred<string>();
    const d = $dc.coReturn(null, inner);
    assertNoResult(d);
    inner.callback("adopted");
    expect(successResultOf(d)).toBe("adopted");
  });

  test("returning a thenable before any suspension adopts it", async () => {
    const d = $dc.coReturn(null, Promise.resolve("from a promise"));
    expect(await d).toBe("from a promise");
  });
});
