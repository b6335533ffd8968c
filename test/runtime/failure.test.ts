import { describe, expect, test } from "vitest";
import { CancelledError, Failure, TimeoutError } from "../../runtime/index.js";

class MyError extends Error {
  override name = "MyError";
}

describe("Failure", () => {
  test("value and type describe the thrown value", () => {
    const err = new MyError("m");
    const f = new Failure(err);
    expect(f.value).toBe(err);
    expect(f.type).toBe(MyError);
    expect(new Failure("text").type).toBe(String);
    expect(new Failure(undefined).type).toBe(undefined);
    expect(new Failure(null).type).toBe(undefined);
  });

  test("wrapping a Failure copies it", () => {
    const inner = new Failure(new Error("x"));
    const outer = new Failure(inner);
    expect(outer).not.toBe(inner);
    expect(outer.value).toBe(inner.value);
  });

  test("check returns the first matching type, subclasses included, or null", () => {
    const f = new Failure(new MyError("m"));
    expect(f.check(TypeError, Error)).toBe(Error);
    expect(f.check(MyError, Error)).toBe(MyError);
    expect(f.check(TypeError)).toBe(null);
    expect(f.check("MyError")).toBe("MyError");
    expect(f.check("Error")).toBe("Error");
    expect(f.check("TypeError")).toBe(null);
  });

  test("trap returns the match or re-throws the original value", () => {
    const err = new CancelledError();
    const f = new Failure(err);
    expect(f.trap(CancelledError)).toBe(CancelledError);
    let thrown: unknown;
    try {
      f.trap(TimeoutError);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(err);
  });

  test("getErrorMessage gives the message, String(value) for non-Errors, and empty for an Error without one", () => {
    expect(new Failure(new Error("hello")).getErrorMessage()).toBe("hello");
    expect(new Failure(new Error()).getErrorMessage()).toBe("");
    expect(new Failure(42).getErrorMessage()).toBe("42");
  });

  test("raiseException throws the wrapped value itself", () => {
    const err = new Error("again");
    expect(() => new Failure(err).raiseException()).toThrow(err);
  });

  test("getTraceback shows the error's stack, and Type: value for non-Errors", () => {
    const err = new RangeError("out of range");
    expect(new Failure(err).getTraceback()).toBe(err.stack);
    expect(new Failure(7).getTraceback()).toBe("number: 7");
    expect(String(new Failure(new TypeError("t")))).toBe("[Failure TypeError: t]");
  });

  test("cleanFailure keeps the stack text even if the value's stack changes later", () => {
    const err = new Error("e");
    const f = new Failure(err);
    f.cleanFailure();
    const original = err.stack;
    err.stack = "rewritten";
    expect(f.getTraceback()).toBe(original);
  });

  test("a throwing stack getter does not break formatting", () => {
    const odd = {
      get stack(): string {
        throw new Error("no stack for you");
      },
      toString: () => "odd",
    };
    expect(new Failure(odd).getTraceback()).toBe("Object: odd");
  });
});
