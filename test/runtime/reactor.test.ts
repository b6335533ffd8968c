import { afterEach, describe, expect, it } from "vitest";
import { DelayedCall } from "../../runtime/delayed-call.js";
import { Deferred } from "../../runtime/deferred.js";
import { addLogObserver, removeLogObserver, type LogEvent } from "../../runtime/log.js";
import {
  HostReactor,
  ReactorAlreadyRunning,
  ReactorNotRestartable,
  ReactorNotRunning,
  reactor as defaultReactor,
} from "../../runtime/reactor.js";

/** Fires after `n` host macrotasks (setImmediate turns) — no timing assumptions. */
function hostTurns(n = 1): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve();
      else setImmediate(() => step(left - 1));
    };
    step(n);
  });
}

/** A Deferred fired by a reactor call with `delay`, to wait on in tests. */
function after(r: HostReactor, delay: number): Deferred<void> {
  const d = new Deferred<void>();
  r.callLater(delay, () => d.callback(undefined));
  return d;
}

function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((t) => t === "Timeout").length;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function captureLog(): LogEvent[] {
  const events: LogEvent[] = [];
  const observer = (e: LogEvent): void => {
    events.push(e);
  };
  addLogObserver(observer);
  cleanups.push(() => removeLogObserver(observer));
  return events;
}

describe("HostReactor timed calls", () => {
  it("runs a zero-delay call later, never inside callLater, with its arguments", async () => {
    const r = new HostReactor();
    const seen: unknown[] = [];
    r.callLater(0, (a: number, b: string) => seen.push([a, b]), 1, "two");
    expect(seen).toEqual([]);
    await after(r, 0);
    expect(seen).toEqual([[1, "two"]]);
  });

  it("measures time in seconds since the epoch", () => {
    const r = new HostReactor();
    expect(Math.abs(r.seconds() - Date.now() / 1000)).toBeLessThan(5);
  });

  it("runs calls due at the same time in the order they were made", async () => {
    const r = new HostReactor();
    const order: number[] = [];
    for (let i = 0; i < 50; i++) r.callLater(0.001, () => order.push(i));
    await after(r, 0.001);
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("runs a call made by a running timed call on a later iteration, after the host had a turn", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const done = new Deferred<void>();
    r.callLater(0, () => {
      order.push("a");
      r.callLater(0, () => {
        order.push("c");
        done.callback(undefined);
      });
      setImmediate(() => order.push("host turn"));
    });
    r.callLater(0, () => order.push("b"));
    await done;
    expect(order).toEqual(["a", "b", "host turn", "c"]);
  });

  it("logs an exception from a timed call as 'while handling timed call' and runs the others", async () => {
    const events = captureLog();
    const r = new HostReactor();
    const order: string[] = [];
    r.callLater(0, () => {
      throw new Error("kaboom");
    });
    r.callLater(0, () => order.push("after"));
    await after(r, 0);
    expect(order).toEqual(["after"]);
    const logged = events.filter((e) => e.text === "while handling timed call");
    expect(logged).toHaveLength(1);
    expect(logged[0].failure?.getErrorMessage()).toBe("kaboom");
  });

  it("logs where a failing call was created when DelayedCall.debug is on", async () => {
    const events = captureLog();
    DelayedCall.debug = true;
    cleanups.push(() => {
      DelayedCall.debug = false;
    });
    const r = new HostReactor();
    function scheduleFailingCall(): void {
      r.callLater(0, () => {
        throw new Error("debug me");
      });
    }
    scheduleFailingCall();
    await after(r, 0);
    expect(events.map((e) => e.text.split("\n")[0])).toEqual([
      "while handling timed call",
      " C: previous exception occurred in a DelayedCall created here:",
    ]);
    expect(events[1].text).toContain("scheduleFailingCall");
  });

  it("does not run a cancelled call", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const call = r.callLater(0, () => order.push("cancelled"));
    r.callLater(0, () => order.push("kept"));
    call.cancel();
    await after(r, 0);
    expect(order).toEqual(["kept"]);
    expect(r.getDelayedCalls()).toEqual([]);
  });

  it("arms one host timer for many calls and none once they are cancelled", () => {
    const r = new HostReactor();
    const before = activeTimeouts();
    const calls = Array.from({ length: 1000 }, (_, i) => r.callLater(100 + i, () => {}));
    expect(activeTimeouts()).toBe(before + 1);
    expect(r.getDelayedCalls()).toHaveLength(1000);
    for (const c of calls) c.cancel();
    expect(activeTimeouts()).toBe(before);
    expect(r.getDelayedCalls()).toEqual([]);
  });

  it("arms no host timer once every call has run, so the process can exit", async () => {
    const r = new HostReactor();
    const before = activeTimeouts();
    await after(r, 0);
    await hostTurns();
    expect(activeTimeouts()).toBe(before);
  });

  it("runs a call moved earlier by reset before a call that was due sooner", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const late = r.callLater(60, () => order.push("reset"));
    r.callLater(0.02, () => order.push("other"));
    late.reset(0);
    expect(late.getTime()).toBeLessThan(r.seconds() + 1);
    await after(r, 0.03);
    expect(order).toEqual(["reset", "other"]);
  });

  it("runs a call postponed by delay after a call due in between", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const first = r.callLater(0.001, () => order.push("postponed"));
    r.callLater(0.01, () => order.push("between"));
    first.delay(0.02);
    await after(r, 0.04);
    expect(order).toEqual(["between", "postponed"]);
  });

  it("refuses a negative or NaN delay and a non-function at the call", () => {
    const r = new HostReactor();
    expect(() => r.callLater(-0.5, () => {})).toThrow(TypeError);
    expect(() => r.callLater(Number.NaN, () => {})).toThrow(TypeError);
    expect(() => r.callLater(0, 42 as unknown as () => void)).toThrow(TypeError);
    expect(r.getDelayedCalls()).toEqual([]);
  });

  it("is the default reactor instance exported by the module", () => {
    expect(defaultReactor).toBeInstanceOf(HostReactor);
  });
});

describe("HostReactor lifecycle", () => {
  it("fires startup triggers before → during → after, running becoming true during", () => {
    const r = new HostReactor();
    const order: string[] = [];
    r.addSystemEventTrigger("after", "startup", () => order.push(`after running=${r.running}`));
    r.addSystemEventTrigger("during", "startup", () => order.push(`during`));
    r.addSystemEventTrigger("before", "startup", () => order.push(`before running=${r.running}`));
    r.callWhenRunning((x: string) => order.push(`callWhenRunning ${x}`), "arg");
    r.run({ installSignalHandlers: false });
    cleanups.push(() => r.stop());
    expect(order).toEqual(["before running=false", "during", "after running=true", "callWhenRunning arg"]);
    expect(r.running).toBe(true);
  });

  it("calls a callWhenRunning function at once while running", () => {
    const r = new HostReactor();
    r.run({ installSignalHandlers: false });
    cleanups.push(() => r.stop());
    const seen: number[] = [];
    expect(r.callWhenRunning((n: number) => seen.push(n), 7)).toBeUndefined();
    expect(seen).toEqual([7]);
  });

  it("fires shutdown on the next iteration after stop, then the run Deferred", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const stopped = r.run({ installSignalHandlers: false });
    stopped.addCallback(() => {
      order.push("run returned");
    });
    r.addSystemEventTrigger("before", "shutdown", () => order.push(`before running=${r.running}`));
    r.addSystemEventTrigger("after", "shutdown", () => order.push(`after running=${r.running}`));
    r.callLater(0, () => {
      order.push("timed call");
      r.stop();
      order.push("stop returned");
    });
    await stopped;
    expect(order).toEqual(["timed call", "stop returned", "before running=true", "after running=false", "run returned"]);
    expect(r.running).toBe(false);
  });

  it("waits for a Deferred returned by a before-shutdown trigger", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const stopped = r.run({ installSignalHandlers: false });
    r.addSystemEventTrigger("before", "shutdown", () => {
      order.push("before");
      const d = new Deferred<void>();
      r.callLater(0.005, () => {
        order.push("cleanup finished");
        d.callback(undefined);
      });
      return d;
    });
    r.addSystemEventTrigger("during", "shutdown", () => order.push("during"));
    r.stop();
    await stopped;
    expect(order).toEqual(["before", "cleanup finished", "during"]);
  });

  it("logs a throwing trigger and still runs the others", async () => {
    const events = captureLog();
    const r = new HostReactor();
    const order: string[] = [];
    r.addSystemEventTrigger("before", "startup", () => {
      throw new Error("bad trigger");
    });
    r.addSystemEventTrigger("before", "startup", () => order.push("second"));
    const stopped = r.run({ installSignalHandlers: false });
    expect(order).toEqual(["second"]);
    expect(events.map((e) => e.failure?.getErrorMessage())).toContain("bad trigger");
    r.stop();
    await stopped;
  });

  it("returns a removable trigger ID from callWhenRunning before the reactor runs", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const id = r.callWhenRunning(() => order.push("removed"));
    r.callWhenRunning(() => order.push("kept"));
    r.removeSystemEventTrigger(id!);
    const stopped = r.run({ installSignalHandlers: false });
    expect(order).toEqual(["kept"]);
    r.stop();
    await stopped;
  });

  it("refuses an unknown phase and a non-function trigger", () => {
    const r = new HostReactor();
    expect(() => r.addSystemEventTrigger("sometime" as "before", "startup", () => {})).toThrow(TypeError);
    expect(() => r.addSystemEventTrigger("before", "startup", null as unknown as () => void)).toThrow(TypeError);
  });

  it("removes a trigger so it does not run", async () => {
    const r = new HostReactor();
    const order: string[] = [];
    const id = r.addSystemEventTrigger("during", "startup", () => order.push("removed"));
    r.removeSystemEventTrigger(id);
    expect(() => r.removeSystemEventTrigger(id)).toThrow(Error);
    const stopped = r.run({ installSignalHandlers: false });
    expect(order).toEqual([]);
    r.stop();
    await stopped;
  });

  it("refuses to stop when not running, to run twice, and to run again after stopping", async () => {
    const r = new HostReactor();
    expect(() => r.stop()).toThrow(ReactorNotRunning);
    const stopped = r.run({ installSignalHandlers: false });
    expect(() => r.run({ installSignalHandlers: false })).toThrow(ReactorAlreadyRunning);
    r.stop();
    expect(() => r.stop()).toThrow(ReactorNotRunning);
    await stopped;
    expect(() => r.run({ installSignalHandlers: false })).toThrow(ReactorNotRestartable);
  });

  it("runs no more timed calls after it has stopped", async () => {
    const r = new HostReactor();
    const stopped = r.run({ installSignalHandlers: false });
    r.stop();
    await stopped;
    const order: string[] = [];
    r.callLater(0, () => order.push("never"));
    await hostTurns(3);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual([]);
    expect(r.getDelayedCalls()).toHaveLength(1);
  });

  it("installs SIGINT and SIGTERM handlers while running and removes them when stopped", async () => {
    const r = new HostReactor();
    const before = [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];
    const stopped = r.run();
    expect([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")]).toEqual([before[0] + 1, before[1] + 1]);
    r.stop();
    await stopped;
    expect([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")]).toEqual(before);
  });

  it("keeps the process alive while running and lets it go once stopped", async () => {
    const r = new HostReactor();
    const before = activeTimeouts();
    const stopped = r.run({ installSignalHandlers: false });
    expect(activeTimeouts()).toBe(before + 1);
    r.stop();
    await stopped;
    await hostTurns();
    expect(activeTimeouts()).toBe(before);
  });
});
