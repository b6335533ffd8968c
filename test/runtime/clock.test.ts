import { describe, expect, it } from "vitest";
import { Clock } from "../../runtime/clock.js";
import { AlreadyCalled, AlreadyCancelled } from "../../runtime/errors.js";

describe("Clock", () => {
  it("starts at 0 seconds and moves only when advanced", () => {
    const clock = new Clock();
    expect(clock.seconds()).toBe(0);
    clock.advance(1.5);
    expect(clock.seconds()).toBe(1.5);
    clock.pump([0.25, 0.25]);
    expect(clock.seconds()).toBe(2);
  });

  it("runs a call once its time is reached, with its arguments, and not before", () => {
    const clock = new Clock();
    const seen: unknown[] = [];
    const call = clock.callLater(2, (a: number, b: string) => seen.push([a, b, clock.seconds()]), 1, "x");
    expect(call.getTime()).toBe(2);
    clock.advance(1.999);
    expect(seen).toEqual([]);
    expect(call.active()).toBe(true);
    clock.advance(0.001);
    expect(seen).toEqual([[1, "x", 2]]);
    expect(call.active()).toBe(false);
    expect(call.called).toBe(true);
  });

  it("marks a call as called before its function runs", () => {
    const clock = new Clock();
    let activeInside: boolean | undefined;
    const call = clock.callLater(1, () => {
      activeInside = call.active();
    });
    clock.advance(1);
    expect(activeInside).toBe(false);
  });

  it("runs calls due at the same time in the order they were scheduled", () => {
    const clock = new Clock();
    const order: string[] = [];
    for (const name of ["a", "b", "c", "d"]) clock.callLater(1, () => order.push(name));
    clock.callLater(0.5, () => order.push("early"));
    clock.advance(1);
    expect(order).toEqual(["early", "a", "b", "c", "d"]);
  });

  it("runs a due call scheduled during advance in the same advance", () => {
    const clock = new Clock();
    const order: string[] = [];
    clock.callLater(1, () => {
      order.push("first");
      clock.callLater(0, () => order.push("zero-delay"));
      clock.callLater(1, () => order.push("later"));
    });
    clock.advance(1);
    expect(order).toEqual(["first", "zero-delay"]);
    clock.advance(1);
    expect(order).toEqual(["first", "zero-delay", "later"]);
  });

  it("lets an exception escape advance and leaves the other due calls pending", () => {
    const clock = new Clock();
    const order: string[] = [];
    clock.callLater(1, () => order.push("a"));
    clock.callLater(1, () => {
      throw new Error("boom");
    });
    clock.callLater(1, () => order.push("c"));
    expect(() => clock.advance(1)).toThrow("boom");
    expect(order).toEqual(["a"]);
    expect(clock.getDelayedCalls()).toHaveLength(1);
    clock.advance(0);
    expect(order).toEqual(["a", "c"]);
  });

  it("does not run a cancelled call and forgets it", () => {
    const clock = new Clock();
    const order: string[] = [];
    const call = clock.callLater(1, () => order.push("cancelled"));
    clock.callLater(1, () => order.push("kept"));
    call.cancel();
    expect(call.active()).toBe(false);
    expect(call.func).toBeUndefined();
    expect(clock.getDelayedCalls()).toHaveLength(1);
    clock.advance(1);
    expect(order).toEqual(["kept"]);
  });

  it("lists pending calls soonest first, without the called and cancelled ones", () => {
    const clock = new Clock();
    const c3 = clock.callLater(3, () => {});
    const c1 = clock.callLater(1, () => {});
    const c2 = clock.callLater(2, () => {});
    expect(clock.getDelayedCalls()).toEqual([c1, c2, c3]);
    c2.cancel();
    clock.advance(1);
    expect(clock.getDelayedCalls()).toEqual([c3]);
  });

  it("orders a call moved later by reset after a call scheduled in between", () => {
    const clock = new Clock();
    const log: [string, number][] = [];
    const a = clock.callLater(1, () => log.push(["a", clock.seconds()]));
    a.reset(3);
    clock.callLater(2, () => log.push(["b", clock.seconds()]));
    clock.pump([1, 1, 1]);
    expect(log).toEqual([
      ["b", 2],
      ["a", 3],
    ]);
  });

  it("orders calls after a reset made inside a running call", () => {
    const clock = new Clock();
    const log: [string, number][] = [];
    const b = clock.callLater(2, () => log.push(["b", clock.seconds()]));
    clock.callLater(1, () => b.reset(3));
    clock.callLater(3, () => log.push(["c", clock.seconds()]));
    clock.pump(Array(10).fill(0.5));
    expect(log).toEqual([
      ["c", 3],
      ["b", 4],
    ]);
  });

  it("moves a call earlier with reset and later with delay", () => {
    const clock = new Clock();
    const times: number[] = [];
    const call = clock.callLater(10, () => times.push(clock.seconds()));
    clock.advance(1);
    call.reset(2);
    expect(call.getTime()).toBe(3);
    call.delay(1.5);
    expect(call.getTime()).toBe(4.5);
    call.delay(-0.5);
    expect(call.getTime()).toBe(4);
    clock.advance(2.9);
    expect(times).toEqual([]);
    clock.advance(0.1);
    expect(times).toEqual([4]);
  });

  it("accepts a negative delay() total, which moves the call earlier", () => {
    const clock = new Clock();
    const times: number[] = [];
    const call = clock.callLater(5, () => times.push(clock.seconds()));
    call.delay(-3);
    expect(call.getTime()).toBe(2);
    clock.advance(2);
    expect(times).toEqual([2]);
  });

  it("raises AlreadyCalled on cancel, reset or delay after the call ran", () => {
    const clock = new Clock();
    const call = clock.callLater(0, () => {});
    clock.advance(0);
    expect(() => call.cancel()).toThrow(AlreadyCalled);
    expect(() => call.reset(1)).toThrow(AlreadyCalled);
    expect(() => call.delay(1)).toThrow(AlreadyCalled);
  });

  it("raises AlreadyCancelled on cancel, reset or delay after a cancel", () => {
    const clock = new Clock();
    const call = clock.callLater(1, () => {});
    call.cancel();
    expect(() => call.cancel()).toThrow(AlreadyCancelled);
    expect(() => call.reset(1)).toThrow(AlreadyCancelled);
    expect(() => call.delay(1)).toThrow(AlreadyCancelled);
  });

  it("refuses a negative or NaN delay and a non-function at the call", () => {
    const clock = new Clock();
    expect(() => clock.callLater(-1, () => {})).toThrow(TypeError);
    expect(() => clock.callLater(Number.NaN, () => {})).toThrow(TypeError);
    expect(() => clock.callLater(1, "nope" as unknown as () => void)).toThrow(TypeError);
    expect(clock.getDelayedCalls()).toEqual([]);
  });

  it("keeps FIFO order among many equal-time calls interleaved with others", () => {
    const clock = new Clock();
    const order: number[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = i % 7;
      clock.callLater(t, () => order.push(i));
    }
    for (let t = 0; t < 7; t++) for (let i = 0; i < 200; i++) if (i % 7 === t) expected.push(i);
    clock.advance(10);
    expect(order).toEqual(expected);
  });

  it("describes a call with its function name and arguments", () => {
    const clock = new Clock();
    function tick(_n: number) {}
    const call = clock.callLater(1.5, tick, 7);
    expect(String(call)).toBe("<DelayedCall [in 1.5s] called=false cancelled=false tick(7)>");
  });
});
