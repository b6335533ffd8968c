import { describe, expect, test } from "vitest";
import { AlreadyCalledError, CancelledError, Deferred, Failure, TimeoutError, inlineCallbacks, succeed } from "../../runtime/index.js";
import { Clock } from "../../runtime/clock.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

function describeResult(r: unknown): unknown {
  return r instanceof Failure ? (r.value as Error).name : r;
}

describe("R5: cancel()", () => {
  test("without a canceller the Deferred fails with CancelledError and the next producer call is swallowed once", () => {
    const d = new Deferred<number>();
    d.cancel();
    expect(failureResultOf(d, CancelledError).value).toBeInstanceOf(CancelledError);
    expect(() => d.callback(1)).not.toThrow();
    expect(() => d.callback(2)).toThrow(AlreadyCalledError);
  });

  test("a canceller that fires the Deferred decides the outcome", () => {
    const d = new Deferred<string>((self) => self.callback("from canceller"));
    d.cancel();
    expect(successResultOf(d)).toBe("from canceller");
  });

  test("with a canceller that does not fire, a later producer callback raises AlreadyCalledError", () => {
    const calls: unknown[] = [];
    const d = new Deferred<number>((self) => calls.push(self));
    d.cancel();
    expect(calls).toEqual([d]);
    expect(failureResultOf(d, CancelledError)).toBeInstanceOf(Failure);
    expect(() => d.callback(1)).toThrow(AlreadyCalledError);
  });

  test("an exception from the canceller propagates out of cancel() and leaves the Deferred unfired", () => {
    const d = new Deferred<number>(() => {
      throw new RangeError("canceller broke");
    });
    expect(() => d.cancel()).toThrow("canceller broke");
    expect(d.called).toBe(false);
  });

  test("a paused unfired Deferred is fired by cancel() but its callbacks wait for unpause", () => {
    const events: unknown[] = [];
    const d = new Deferred<number>();
    d.pause();
    d.addBoth((r) => events.push(describeResult(r)));
    d.cancel();
    expect(d.called).toBe(true);
    expect(events).toEqual([]);
    d.unpause();
    expect(events).toEqual(["CancelledError"]);
  });

  test("cancelling a Deferred that waits on another forwards to the innermost one", () => {
    const cancelled: string[] = [];
    const leaf = new Deferred<number>(() => cancelled.push("leaf"));
    const middle = succeed(0).addCallback(() => leaf);
    const top = succeed(0).addCallback(() => middle);
    top.cancel();
    expect(cancelled).toEqual(["leaf"]);
    expect(failureResultOf(top, CancelledError)).toBeInstanceOf(Failure);
  });

  test("cancelling a fired Deferred that is not waiting does nothing", () => {
    const d = succeed(1);
    d.cancel();
    expect(successResultOf(d)).toBe(1);
  });

  test("the canceller is dropped once the Deferred fires", () => {
    const d = new Deferred<number>(() => undefined);
    d.callback(1);
    expect(d._canceller).toBe(null);
  });
});

describe("R10: addTimeout", () => {
  test("stages before addTimeout see CancelledError, stages after see TimeoutError", () => {
    const clock = new Clock();
    const events: unknown[] = [];
    const d = new Deferred<number>();
    d.addBoth((r) => {
      events.push(["before", describeResult(r)]);
      return r;
    });
    d.addTimeout(5, clock);
    d.addBoth((r) => {
      events.push(["after", describeResult(r)]);
      return r;
    });
    clock.advance(4.999);
    expect(events).toEqual([]);
    clock.advance(0.001);
    expect(events).toEqual([
      ["before", "CancelledError"],
      ["after", "TimeoutError"],
    ]);
    const f = failureResultOf(d, TimeoutError);
    expect((f.value as TimeoutError).timeout).toBe(5);
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  test("a canceller that supplies a value wins over the timeout", () => {
    const clock = new Clock();
    const d = new Deferred<string>((self) => self.callback("canceller-value"));
    d.addTimeout(1, clock);
    clock.advance(1);
    expect(successResultOf(d)).toBe("canceller-value");
  });

  test("onTimeoutCancel converts the result only on timeout", () => {
    const clock = new Clock();
    const d = new Deferred<unknown>();
    d.addTimeout(1, clock, (r, t) => ["converted", describeResult(r), t]);
    clock.advance(1);
    expect(successResultOf(d)).toEqual(["converted", "CancelledError", 1]);
    const e = new Deferred<unknown>();
    e.addTimeout(1, clock, () => "never");
    e.cancel();
    expect(failureResultOf(e, CancelledError)).toBeInstanceOf(Failure);
  });

  test("firing before the timeout cancels the timer; an already-fired Deferred's timer is cancelled at once", () => {
    const clock = new Clock();
    const d = new Deferred<number>();
    d.addTimeout(3, clock);
    expect(clock.getDelayedCalls()).toHaveLength(1);
    d.callback(1);
    expect(clock.getDelayedCalls()).toEqual([]);
    expect(successResultOf(d)).toBe(1);
    succeed(2).addTimeout(1, clock);
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  test("an explicit cancel gives a plain CancelledError and cancels the timer", () => {
    const clock = new Clock();
    const d = new Deferred<number>();
    d.addTimeout(1, clock);
    d.cancel();
    expect(failureResultOf(d, CancelledError).value).not.toBeInstanceOf(TimeoutError);
    expect(clock.getDelayedCalls()).toEqual([]);
  });
});

describe("R5: cancelling inlineCallbacks and coroutines", () => {
  test("CancelledError is thrown at the yield; the generator may recover and await more", () => {
    const events: unknown[] = [];
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    const g = inlineCallbacks(function* () {
      try {
        yield a;
      } catch (e) {
        events.push(["caught", (e as Error).name]);
        const x = (yield b) as number;
        events.push(["b", x]);
        return x * 2;
      }
      return -1;
    });
    const d = g();
    d.addBoth((r) => events.push(["outer", describeResult(r)]));
    d.cancel();
    expect(events).toEqual([["caught", "CancelledError"]]);
    expect(d.called).toBe(true);
    expect(a.called).toBe(true);
    b.callback(21);
    expect(events).toEqual([["caught", "CancelledError"], ["b", 21], ["outer", 42]]);
  });

  test("a second cancel forwards to what the generator now awaits", () => {
    const events: unknown[] = [];
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    const d = inlineCallbacks(function* () {
      try {
        yield a;
      } catch {
        return (yield b) as number;
      }
    })();
    d.addBoth((r) => events.push(describeResult(r)));
    d.cancel();
    expect(events).toEqual([]);
    d.cancel();
    expect(b.called).toBe(true);
    expect(events).toEqual(["CancelledError"]);
  });

  test("cancel propagates through nested generators to the innermost awaited Deferred", () => {
    const events: unknown[] = [];
    const leaf = new Deferred<number>(() => events.push("leaf-cancelled"));
    const inner = inlineCallbacks(function* () {
      return (yield leaf) as number;
    });
    const outer = inlineCallbacks(function* () {
      try {
        return (yield inner()) as number;
      } catch (e) {
        events.push(["outer caught", (e as Error).name]);
        return "recovered";
      }
    });
    const d = outer();
    d.addBoth((r) => events.push(describeResult(r)));
    d.cancel();
    expect(events).toEqual(["leaf-cancelled", ["outer caught", "CancelledError"], "recovered"]);
  });

  test("a timeout on an inlineCallbacks Deferred gives TimeoutError outside and CancelledError inside", () => {
    const clock = new Clock();
    const seen: string[] = [];
    const d = inlineCallbacks(function* () {
      try {
        yield new Deferred();
      } catch (e) {
        seen.push((e as Error).name);
        throw e;
      }
    })();
    d.addTimeout(2, clock);
    assertNoResult(d);
    clock.advance(2);
    expect(seen).toEqual(["CancelledError"]);
    expect(failureResultOf(d, TimeoutError)).toBeInstanceOf(Failure);
  });
});
