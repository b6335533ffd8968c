import { describe, expect, test } from "vitest";
import {
  CancelledError,
  Deferred,
  Failure,
  NotACoroutineError,
  ensureDeferred,
  execute,
  fail,
  maybeDeferred,
  succeed,
} from "../../runtime/index.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe("succeed and fail", () => {
  test("succeed gives an already-fired Deferred", () => {
    const d = succeed("v");
    expect(d.called).toBe(true);
    expect(successResultOf(d)).toBe("v");
  });

  test("fail wraps a thrown value and keeps a Failure as is", () => {
    const err = new Error("e");
    expect(failureResultOf(fail(err)).value).toBe(err);
    const f = new Failure(err);
    expect(failureResultOf(fail(f))).toBe(f);
    expect(failureResultOf(fail("a string")).value).toBe("a string");
  });
});

describe("maybeDeferred", () => {
  test("passes a returned Deferred through as the same object", () => {
    const d = new Deferred<number>();
    expect(maybeDeferred(() => d)).toBe(d);
  });

  test("turns a return value, a thrown value and a returned Failure into Deferreds", () => {
    expect(successResultOf(maybeDeferred((a: number, b: number) => a + b, 1, 2))).toBe(3);
    const err = new Error("thrown");
    expect(
      failureResultOf(
        maybeDeferred(() => {
          throw err;
        }),
      ).value,
    ).toBe(err);
    expect(failureResultOf(maybeDeferred(() => new Failure(err))).value).toBe(err);
  });

  test("adopts the Promise of an async function", async () => {
    const d = maybeDeferred(async () => 7);
    assertNoResult(d);
    await tick();
    expect(successResultOf(d)).toBe(7);
  });
});

describe("execute", () => {
  test("wraps the return value without unwrapping, and a returned Deferred is refused", () => {
    const p = Promise.resolve(1);
    expect(successResultOf(execute(() => p))).toBe(p);
    expect(failureResultOf(execute(() => new Deferred()), TypeError).getErrorMessage()).toMatch(/maybeDeferred/);
    expect(
      failureResultOf(
        execute(() => {
          throw new RangeError("r");
        }),
        RangeError,
      ),
    ).toBeInstanceOf(Failure);
  });
});

describe("R11: ensureDeferred and Deferred.fromCoroutine", () => {
  test("ensureDeferred is the identity on a Deferred", () => {
    const d = new Deferred();
    expect(ensureDeferred(d)).toBe(d);
    expect(Deferred.fromCoroutine(d)).toBe(d);
  });

  test("a generator is driven like inlineCallbacks", () => {
    function* gen(): Generator<unknown, number, any> {
      return ((yield succeed(2)) as number) * 3;
    }
    expect(successResultOf(ensureDeferred(gen()))).toBe(6);
  });

  test("a generator that throws before its first yield gives a failed Deferred", () => {
    function* gen(): Generator<unknown, number, any> {
      if (Math.random() < 2) throw new SyntaxError("early");
      return (yield 1) as number;
    }
    expect(failureResultOf(Deferred.fromCoroutine(gen()), SyntaxError)).toBeInstanceOf(Failure);
  });

  test("a native Promise is adopted", async () => {
    const d = ensureDeferred((async () => "done")());
    await tick();
    expect(successResultOf(d)).toBe("done");
  });

  test("anything else raises NotACoroutineError, a TypeError", () => {
    expect(() => ensureDeferred(5 as never)).toThrow(NotACoroutineError);
    expect(() => ensureDeferred({} as never)).toThrow(/is not a coroutine or a Deferred/);
    expect(new NotACoroutineError()).toBeInstanceOf(TypeError);
    async function* agen(): AsyncGenerator<number> {
      yield 1;
    }
    expect(() => Deferred.fromCoroutine(agen() as never)).toThrow(NotACoroutineError);
  });
});

describe("Deferred.fromFuture", () => {
  test("fires with the Promise's value or failure", async () => {
    const ok = Deferred.fromFuture(Promise.resolve(3));
    const err = new Error("rejected");
    const bad = Deferred.fromFuture(Promise.reject(err));
    await tick();
    expect(successResultOf(ok)).toBe(3);
    expect(failureResultOf(bad).value).toBe(err);
  });

  test("cancelling a plain Promise's Deferred fails it at once and ignores the late outcome", async () => {
    let resolve!: (v: number) => void;
    const d = Deferred.fromFuture(new Promise<number>((r) => (resolve = r)));
    d.cancel();
    expect(failureResultOf(d, CancelledError)).toBeInstanceOf(Failure);
    resolve(1);
    await tick();
    expect(d.result).toBe(undefined);
  });

  test("cancelling calls the thenable's cancel() and then waits for its eventual outcome", async () => {
    const events: string[] = [];
    let reject!: (e: unknown) => void;
    const p = new Promise<number>((_r, j) => (reject = j)) as Promise<number> & { cancel(): void };
    p.cancel = () => {
      events.push("cancel called");
      reject(new Error("aborted by cancel"));
    };
    const d = Deferred.fromFuture(p);
    d.cancel();
    expect(events).toEqual(["cancel called"]);
    assertNoResult(d);
    await tick();
    expect(failureResultOf(d).getErrorMessage()).toBe("aborted by cancel");
  });

  test("a thenable that calls back synchronously gives an already-fired Deferred and later calls are ignored", () => {
    const d = Deferred.fromFuture({
      then(ok: (v: number) => void, err: (e: unknown) => void) {
        ok(1);
        ok(2);
        err(new Error("ignored"));
        return undefined as never;
      },
    } as PromiseLike<number>);
    expect(successResultOf(d)).toBe(1);
  });

  test("a non-thenable is refused at the call", () => {
    expect(() => Deferred.fromFuture(5 as never)).toThrow(TypeError);
  });
});
