import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AlreadyCalledError,
  Deferred,
  addLogObserver,
  fail,
  formatLogEvent,
  inlineCallbacks,
  logError,
  removeLogObserver,
  setDebugging,
  succeed,
  coResult,
  coReturn,
  coCaught,
  coSite,
  coThrow,
  type Frame,
  type LogEvent,
} from "../../runtime/index.js";
import { flushUnhandledFailures } from "../../runtime/testing.js";

// Each scenario builds its Deferreds inside a separate function, so no stack
// slot of the test itself keeps them reachable.
let events: LogEvent[] = [];
const observer = (e: LogEvent): void => {
  events.push(e);
};
beforeEach(async () => {
  await flushUnhandledFailures(); // leftovers of earlier tests are not ours
  events = [];
  addLogObserver(observer);
});
afterEach(() => {
  removeLogObserver(observer);
  setDebugging(false);
});

function formatted(e: LogEvent): string {
  return formatLogEvent(e);
}

function messages(): string[] {
  return events.map((e) => (e.failure ? `${e.level} failure ${e.failure.getErrorMessage()}` : `${e.level} ${e.text}`));
}

describe("R6: unhandled failures are reported when the Deferred is garbage-collected", () => {
  test("an unhandled failure is reported as two events: the critical header, then the failure", async () => {
    (() => {
      fail(new Error("lost"));
    })();
    const reported = await flushUnhandledFailures();
    expect(reported.map((f) => f.getErrorMessage())).toEqual(["lost"]);
    expect(messages()).toEqual(["critical Unhandled error in Deferred:", "critical failure lost"]);
    expect(events[1]!.text).toBe("");
  });

  test("a failure raised by a callback, with the Deferred's own closure on the stack, is still reported", async () => {
    (() => {
      const d = new Deferred<number>();
      d.addCallback(() => {
        // The thrown error's captured frames reference d through this closure.
        throw new RangeError(`from ${d.called}`);
      });
      d.callback(1);
    })();
    const reported = await flushUnhandledFailures();
    expect(reported.map((f) => f.getErrorMessage())).toEqual(["from true"]);
  });

  test("handled, consumed, awaited and unfired Deferreds are not reported", async () => {
    await (async () => {
      fail(new Error("handled")).addErrback(() => undefined);
      const late = fail(new Error("handled later"));
      late.addErrback(() => undefined);
      inlineCallbacks(function* () {
        try {
          yield fail(new Error("yielded"));
        } catch {}
      })();
      new Deferred();
      const awaited = fail(new Error("awaited natively"));
      await awaited.then(undefined, () => undefined);
      const inner = new Deferred<number>();
      succeed(0)
        .addCallback(() => inner)
        .addErrback(() => "outer handled it");
      inner.errback(new Error("handed to the outer"));
      // The await fast path of compiled code reads a failure without consuming it.
      const frame = { e: false } as Frame;
      coResult(fail(new Error("read by a ready await")), frame);
      expect(frame.e).toBe(true);
      // Compiled code reads the value itself and calls coCaught on the error path.
      expect(coCaught(fail(new RangeError("caught by compiled code")))).toBeInstanceOf(RangeError);
    })();
    expect(await flushUnhandledFailures()).toEqual([]);
    expect(events).toEqual([]);
  });

  test("among thousands of failed Deferreds made in one synchronous run, exactly the unhandled ones are reported", async () => {
    // More than the registration batch: registration happens in batches
    // within the run and at its end; none may be lost or added.
    (() => {
      for (let i = 0; i < 3000; i++) {
        const d = fail(new Error(`n${i}`));
        if (i % 3 === 0) d.addErrback(() => undefined);
        else if (i % 3 === 1) coCaught(d);
      }
    })();
    const reported = await flushUnhandledFailures();
    const expected = Array.from({ length: 1000 }, (_, k) => `n${3 * k + 2}`);
    expect(reported.map((f) => f.getErrorMessage()).sort()).toEqual(expected.sort());
  });

  test("a failure handled in a later job, after its Deferred was registered, is not reported", async () => {
    const kept: Deferred<never>[] = [];
    (() => {
      kept.push(fail(new Error("handled after a macrotask")));
    })();
    await new Promise((resolve) => setTimeout(resolve, 0));
    kept.pop()!.addErrback(() => undefined);
    expect(await flushUnhandledFailures()).toEqual([]);
  });

  test("a compiled coroutine that throws before its first await and is dropped is reported", async () => {
    (() => {
      // What a compiled step returns for `throw` before any suspension (f.d is still null).
      const d = coThrow(null, new TypeError("thrown at once"), coSite("early", "early.ts", 3));
      expect(d.called).toBe(true);
    })();
    expect((await flushUnhandledFailures()).map((f) => f.getErrorMessage())).toEqual(["thrown at once"]);
  });

  test("a failed coroutine nobody waits for is reported with its coroutine chain", async () => {
    (() => {
      const inner = inlineCallbacks(function* innerGen() {
        yield succeed(1);
        throw new TypeError("deep in a coroutine");
      });
      inlineCallbacks(function* outerGen() {
        yield inner();
      })();
    })();
    const reported = await flushUnhandledFailures();
    expect(reported).toHaveLength(1);
    expect(reported[0]!.getCoroutineTrace().map((s) => s.name)).toEqual(["innerGen", "outerGen"]);
    expect(formatted(events[1]!)).toMatch(/TypeError: deep in a coroutine[\s\S]*at async innerGen[\s\S]*at async outerGen/);
  });

  test("a failure held by a paused Deferred is not reported", async () => {
    (() => {
      const d = new Deferred<number>();
      d.pause();
      d.errback(new Error("paused"));
    })();
    expect(await flushUnhandledFailures()).toEqual([]);
  });

  test("a failure that reaches the end of a chain again after being handled is reported", async () => {
    (() => {
      const d = fail(new Error("first"));
      d.addErrback(() => undefined);
      d.addCallback(() => {
        throw new Error("second");
      });
    })();
    const reported = await flushUnhandledFailures();
    expect(reported.map((f) => f.getErrorMessage())).toEqual(["second"]);
  });

  test("logError as the last errback logs once, and again at collection", async () => {
    (() => {
      fail(new Error("twice")).addErrback(logError);
    })();
    expect(messages()).toEqual(["critical failure twice"]);
    await flushUnhandledFailures();
    expect(messages()).toEqual(["critical failure twice", "critical Unhandled error in Deferred:", "critical failure twice"]);
  });
});

describe("R9: debug mode", () => {
  test("AlreadyCalledError names the creation and first-invocation stacks", () => {
    setDebugging(true);
    function createIt(): Deferred<number> {
      return new Deferred<number>();
    }
    function fireIt(d: Deferred<number>): void {
      d.callback(1);
    }
    const d = createIt();
    fireIt(d);
    let error: unknown;
    try {
      d.callback(2);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AlreadyCalledError);
    const message = (error as Error).message;
    expect(message).toMatch(/ C: Deferred was created:\n C:.*createIt/);
    expect(message).toMatch(/ I: First Invoker was:\n I:.*fireIt/);
  });

  test("the first invoker of succeed() and of a coroutine that finished at once is their caller", () => {
    setDebugging(true);
    function succeedIt(): Deferred<number> {
      return succeed(1);
    }
    function finishIt(): Deferred<number> {
      return coReturn(null, 2);
    }
    for (const [make, caller] of [
      [succeedIt, "succeedIt"],
      [finishIt, "finishIt"],
    ] as const) {
      let error: unknown;
      try {
        make().callback(3);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AlreadyCalledError);
      const [created, invoked] = (error as Error).message.split(" I: First Invoker was:");
      expect(created).toMatch(new RegExp(`at ${caller} `));
      expect(invoked).toMatch(new RegExp(`at ${caller} `));
      expect(invoked).not.toMatch(/firedWith/);
    }
  });

  test("without debug mode AlreadyCalledError carries no stacks", () => {
    const d = succeed(1);
    expect(() => d.callback(2)).toThrow(/^the Deferred was already called$/);
  });

  test("the unhandled report includes the debug stacks", async () => {
    setDebugging(true);
    (function makeLostDeferred() {
      fail(new Error("debugged"));
    })();
    await flushUnhandledFailures();
    expect(events).toHaveLength(2);
    expect(events[1]!.text).toMatch(/^\(debug: {2}C: Deferred was created:\n C:.*makeLostDeferred/s);
    expect(events[1]!.text).toContain(" I: First Invoker was:");
  });
});
