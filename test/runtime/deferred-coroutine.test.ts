import { afterEach, describe, expect, test } from "vitest";
import { Deferred, addLogObserver, deferredCoroutine, removeLogObserver, setDebugging, succeed, type LogEvent } from "../../runtime/index.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const seen: LogEvent[] = [];
const observer = (e: LogEvent): void => {
  seen.push(e);
};
afterEach(() => {
  removeLogObserver(observer);
  setDebugging(false);
  seen.length = 0;
});

describe("deferredCoroutine without the transform (runtime fallback)", () => {
  test("the wrapper returns a Deferred of the async function's result", async () => {
    const add = deferredCoroutine(async function add(a: number, b: number) {
      return a + (await succeed(b));
    });
    const d = add(1, 2);
    expect(d).toBeInstanceOf(Deferred);
    assertNoResult(d);
    await tick();
    expect(successResultOf(d)).toBe(3);
    expect(add.name).toBe("add");
    expect(add.length).toBe(2);
  });

  test("a rejection becomes a failure with the thrown value", async () => {
    const err = new Error("inside");
    const d = deferredCoroutine(async () => {
      throw err;
    })();
    await tick();
    expect(failureResultOf(d).value).toBe(err);
  });

  test("a compiled function's Deferred passes through unchanged", () => {
    const inner = new Deferred<number>();
    const wrapped = deferredCoroutine((() => inner) as unknown as () => Promise<number>);
    expect(wrapped()).toBe(inner);
  });

  // The test host does not compile decorator syntax, so the decorator is applied as TypeScript would.
  test("as a standard method decorator the method returns a Deferred", async () => {
    class Spider {
      base = 10;
      async fetch(n: number): Promise<number> {
        return this.base + n;
      }
    }
    const context = { kind: "method", name: "fetch" } as ClassMethodDecoratorContext<Spider, Spider["fetch"]>;
    Spider.prototype.fetch = deferredCoroutine(Spider.prototype.fetch, context);
    const d = new Spider().fetch(5) as unknown as Deferred<number>;
    expect(d).toBeInstanceOf(Deferred);
    await tick();
    expect(successResultOf(d)).toBe(15);
    expect(() => deferredCoroutine((() => 1) as never, { kind: "field" } as never)).toThrow(/only decorate methods/);
  });

  test("as a legacy method decorator it replaces the descriptor's value", async () => {
    const descriptor = { value: async (n: number) => n * 2, writable: true, enumerable: false, configurable: true };
    const out = deferredCoroutine({}, "m", descriptor);
    const d = out.value(4) as Deferred<number>;
    await tick();
    expect(successResultOf(d)).toBe(8);
    expect(out.writable).toBe(true);
  });

  test("in debug mode it says once per function that the transform did not run", async () => {
    addLogObserver(observer);
    setDebugging(true);
    const f = deferredCoroutine(async function slow() {
      return 1;
    });
    f();
    f();
    await tick();
    expect(seen.map((e) => e.text)).toEqual([
      "deferredCoroutine: slow was not compiled by the transform; it runs as a native async function (correct, but slower)",
    ]);
  });

  test("a non-function is refused", () => {
    expect(() => deferredCoroutine(3 as never)).toThrow(TypeError);
  });
});
