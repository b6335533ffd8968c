import { afterEach, describe, expect, test, vi } from "vitest";
import { addLogObserver, defaultLogObserver, emitLogEvent, Failure, formatLogEvent, logError, removeLogObserver, type LogEvent } from "../../runtime/index.js";

const added: ((e: LogEvent) => void)[] = [];
function observe(fn: (e: LogEvent) => void): void {
  added.push(fn);
  addLogObserver(fn);
}
afterEach(() => {
  for (const fn of added.splice(0)) removeLogObserver(fn);
  vi.restoreAllMocks();
});

describe("logging", () => {
  test("observers receive every event in registration order", () => {
    const seen: string[] = [];
    observe((e) => seen.push(`a:${e.text}`));
    observe((e) => seen.push(`b:${e.text}`));
    emitLogEvent({ level: "info", text: "one" });
    expect(seen).toEqual(["a:one", "b:one"]);
  });

  test("a removed observer receives nothing more and a throwing observer does not stop the others", () => {
    const seen: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const thrower = (): void => {
      throw new Error("observer broke");
    };
    observe(thrower);
    const keep = (e: LogEvent): void => {
      seen.push(e.text);
    };
    observe(keep);
    emitLogEvent({ level: "warn", text: "x" });
    removeLogObserver(keep);
    emitLogEvent({ level: "warn", text: "y" });
    expect(seen).toEqual(["x"]);
    expect(String(write.mock.calls[0]?.[0])).toContain("observer broke");
  });

  test("with no observer the default observer writes the event and the traceback to stderr", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const f = new Failure(new Error("to stderr"));
    emitLogEvent({ level: "critical", text: "header", failure: f });
    expect(write).toHaveBeenCalledTimes(1);
    const text = String(write.mock.calls[0]![0]);
    expect(text.startsWith("[critical] header\nError: to stderr")).toBe(true);
    expect(formatLogEvent({ level: "info", text: "", failure: f })).toBe(f.getTraceback());
    expect(typeof defaultLogObserver).toBe("function");
  });

  test("logError logs the failure as a critical event and returns it", () => {
    const seen: LogEvent[] = [];
    observe((e) => seen.push(e));
    const f = new Failure(new Error("logged"));
    expect(logError(f)).toBe(f);
    expect(seen).toEqual([{ level: "critical", text: "", failure: f }]);
  });
});
