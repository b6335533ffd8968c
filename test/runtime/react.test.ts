import { afterEach, describe, expect, it } from "vitest";
import { Deferred } from "../../runtime/deferred.js";
import { succeed } from "../../runtime/interop.js";
import { addLogObserver, removeLogObserver, type LogEvent } from "../../runtime/log.js";
import { SystemExit, react } from "../../runtime/react.js";
import { HostReactor } from "../../runtime/reactor.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function captureLog(): LogEvent[] {
  const events: LogEvent[] = [];
  const observer = (e: LogEvent): void => void events.push(e);
  addLogObserver(observer);
  cleanups.push(() => removeLogObserver(observer));
  return events;
}

/** Runs `main` under react on a fresh reactor; resolves with the exit codes passed to `exit` and the event order. */
async function reactOnce(
  main: (r: HostReactor, ...argv: string[]) => unknown,
  argv: string[] = [],
): Promise<{ codes: number[]; order: string[]; reactor: HostReactor }> {
  const r = new HostReactor();
  const codes: number[] = [];
  const order: string[] = [];
  r.addSystemEventTrigger("after", "shutdown", () => order.push("shutdown"));
  const done = react(main, argv, {
    reactor: r,
    exit: (code) => {
      order.push(`exit ${code}`);
      codes.push(code);
    },
  });
  expect(await done).toBe(codes[0]);
  return { codes, order, reactor: r };
}

describe("react", () => {
  it("runs main with the reactor and argv, then stops the reactor and exits 0 after shutdown", async () => {
    let received: unknown[] = [];
    const { codes, order, reactor } = await reactOnce(
      (r, ...argv) => {
        received = [r, argv];
        const d = new Deferred<void>();
        r.callLater(0.001, () => d.callback(undefined));
        return d;
      },
      ["alice", "secret"],
    );
    expect(received).toEqual([reactor, ["alice", "secret"]]);
    expect(codes).toEqual([0]);
    expect(order).toEqual(["shutdown", "exit 0"]);
    expect(reactor.running).toBe(false);
  });

  it("exits 0 when main has already succeeded synchronously", async () => {
    const { codes } = await reactOnce(() => succeed("done"));
    expect(codes).toEqual([0]);
  });

  it("waits for a Promise returned by an async main", async () => {
    const order: string[] = [];
    const { codes } = await reactOnce(async (r) => {
      await new Promise<void>((resolve) => r.callLater(0.001, resolve));
      order.push("main finished");
    });
    expect(order).toEqual(["main finished"]);
    expect(codes).toEqual([0]);
  });

  it("exits 1 and logs 'main function encountered error' with the failure when main fails", async () => {
    const events = captureLog();
    const { codes } = await reactOnce((r) => {
      const d = new Deferred<void>();
      r.callLater(0, () => d.errback(new TypeError("main broke")));
      return d;
    });
    expect(codes).toEqual([1]);
    const logged = events.filter((e) => e.text === "main function encountered error");
    expect(logged.map((e) => [e.level, e.failure?.getErrorMessage()])).toEqual([["error", "main broke"]]);
  });

  it("exits 1 when main throws synchronously", async () => {
    const events = captureLog();
    const { codes } = await reactOnce(() => {
      throw new Error("thrown at once");
    });
    expect(codes).toEqual([1]);
    expect(events.map((e) => e.failure?.getErrorMessage())).toContain("thrown at once");
  });

  it("exits with the code of a SystemExit failure without logging it", async () => {
    const events = captureLog();
    const { codes } = await reactOnce(async () => {
      throw new SystemExit(3);
    });
    expect(codes).toEqual([3]);
    expect(events).toEqual([]);
  });

  it("exits with code 0 when the reactor is stopped before main finishes", async () => {
    const { codes, order } = await reactOnce((r) => {
      r.callLater(0, () => r.stop());
      return new Deferred<void>();
    });
    expect(codes).toEqual([0]);
    expect(order).toEqual(["shutdown", "exit 0"]);
  });

  it("stops the reactor only once when main finishes during shutdown", async () => {
    const events = captureLog();
    const { codes } = await reactOnce((r) => {
      const d = new Deferred<void>();
      r.addSystemEventTrigger("during", "shutdown", () => d.errback(new Error("failed during shutdown")));
      r.callLater(0, () => r.stop());
      return d;
    });
    expect(codes).toEqual([1]);
    expect(events.map((e) => e.failure?.getErrorMessage())).toEqual(["failed during shutdown"]);
  });
});
