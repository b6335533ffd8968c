/**
 * Differential tests: every scenario is written twice, in Python against
 * Debian's Twisted (`python/<name>.py`) and in TypeScript against our runtime
 * (`ts/<name>.ts`). Both print a language-neutral trace, one event per line
 * (see README.md); a scenario passes when the traces are equal line by line.
 *
 * Scenarios listed in `pending.json` are known to differ (a runtime bug or a
 * missing module, with the reason): their test asserts that they *still*
 * differ, so the list cannot rot — a fixed scenario fails until it is removed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";

import type { Trace } from "./ts/trace.js";

/** Debian's interpreter, where python3-twisted lives (not the `python3` on PATH). */
const PYTHON = "/usr/bin/python3";
const HERE = __dirname;
const PY_DIR = join(HERE, "python");
const TS_DIR = join(HERE, "ts");

/** Scenario files are kebab-case; helpers (`_trace.py`, `trace.ts`) are not scenarios. */
function scenarioNames(dir: string, ext: string, helpers: readonly string[]): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.startsWith("_") && !helpers.includes(f))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

const pyNames = scenarioNames(PY_DIR, ".py", []);
const tsNames = scenarioNames(TS_DIR, ".ts", ["trace.ts"]);
const pending = JSON.parse(readFileSync(join(HERE, "pending.json"), "utf8")) as Record<string, string>;

/** The first line of a Python scenario's docstring: its one-sentence spec, used as the test title. */
function titleOf(name: string): string {
  const text = readFileSync(join(PY_DIR, `${name}.py`), "utf8");
  const match = /^"""(.*)$/m.exec(text);
  return match?.[1]?.trim().replace(/\.$/, "") ?? name;
}

interface PythonResult {
  lines: string[];
  error: string | null;
}

/** Runs every Python scenario in one fresh interpreter; nothing is cached between test runs. */
function runPython(names: readonly string[]): Record<string, PythonResult> {
  const out = execFileSync(PYTHON, ["-B", join(PY_DIR, "_run.py"), ...names], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONHASHSEED: "0" },
  });
  return JSON.parse(out) as Record<string, PythonResult>;
}

interface RuntimeHooks {
  addLogObserver: (o: (e: LogEventLike) => void) => void;
  removeLogObserver: (o: (e: LogEventLike) => void) => void;
  flushUnhandledFailures: () => unknown;
  err: (f: unknown) => string;
}

interface LogEventLike {
  level: string;
  text: string;
  failure?: unknown;
}

/** Loaded lazily so that a runtime module that does not load yet fails each scenario, not the file. */
async function loadHooks(): Promise<RuntimeHooks> {
  const runtime = (await import("../../runtime/index.js")) as unknown as RuntimeHooks;
  const testing = (await import("../../runtime/testing.js")) as unknown as RuntimeHooks;
  const trace = (await import("./ts/trace.js")) as unknown as RuntimeHooks;
  return {
    addLogObserver: runtime.addLogObserver,
    removeLogObserver: runtime.removeLogObserver,
    flushUnhandledFailures: testing.flushUnhandledFailures,
    err: trace.err,
  };
}

/**
 * Runs one TypeScript scenario the way `_run.py` runs a Python one: reports
 * left by earlier scenarios are flushed and dropped, then log events are
 * traced while the scenario runs and while a final flush reports what it left
 * unhandled. A throw ends the trace with a `!! threw` line, so it shows in the
 * diff at the point where it happened.
 */
async function runTs(name: string): Promise<string[]> {
  const lines: string[] = [];
  let hooks: RuntimeHooks;
  try {
    hooks = await loadHooks();
  } catch (e) {
    return [`!! runtime did not load: ${describeThrown(e)}`];
  }
  const discard = (): void => {};
  hooks.addLogObserver(discard);
  try {
    await hooks.flushUnhandledFailures();
  } finally {
    hooks.removeLogObserver(discard);
  }
  const observe = (event: LogEventLike): void => {
    lines.push(event.failure !== undefined ? `log failure ${hooks.err(event.failure)}` : `log ${event.level}: ${event.text}`);
  };
  const trace: Trace = {
    emit: (line: string) => {
      lines.push(line);
    },
    collect: async () => {
      await hooks.flushUnhandledFailures();
    },
  };
  hooks.addLogObserver(observe);
  try {
    const scenario = (await import(pathToFileURL(join(TS_DIR, `${name}.ts`)).href)) as {
      run: (t: Trace) => void | Promise<void>;
    };
    await scenario.run(trace);
    await trace.collect();
  } catch (e) {
    lines.push(`!! threw ${describeThrown(e)}`);
  } finally {
    hooks.removeLogObserver(observe);
  }
  return lines;
}

function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** A readable account of where two traces part, for the failure message. */
function firstDifference(expected: readonly string[], actual: readonly string[]): string {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      return `line ${i + 1}: Twisted ${JSON.stringify(expected[i] ?? "<end>")}, ours ${JSON.stringify(actual[i] ?? "<end>")}`;
    }
  }
  return "no difference";
}

describe("differential: our runtime against Twisted (Debian python3-twisted)", () => {
  let python: Record<string, PythonResult> = {};

  beforeAll(() => {
    python = runPython(pyNames);
  });

  test("there are at least 30 scenarios and each one is written in both languages", () => {
    expect(pyNames.length).toBeGreaterThanOrEqual(30);
    expect(tsNames).toEqual(pyNames);
  });

  test("pending.json names existing scenarios, each with a reason", () => {
    for (const [name, reason] of Object.entries(pending)) {
      expect(pyNames, `pending.json: ${name} is not a scenario`).toContain(name);
      expect(typeof reason === "string" && reason.length > 10, `pending.json: ${name} needs a reason`).toBe(true);
    }
  });

  test("the reference interpreter has Twisted", () => {
    expect(existsSync(PYTHON)).toBe(true);
    const version = execFileSync(PYTHON, ["-c", "import twisted; print(twisted.__version__)"], { encoding: "utf8" });
    expect(version.trim()).toMatch(/^\d+\.\d+/);
  });

  for (const name of pyNames) {
    const reason = pending[name];
    const title = `${name}: ${titleOf(name)}${reason === undefined ? "" : " [pending: must still differ]"}`;
    test(title, async () => {
      const py = python[name];
      expect(py, `no Python result for ${name}`).toBeDefined();
      if (py === undefined) return;
      // A Python scenario must never throw: its trace is the specification.
      expect(py.error, `Python scenario ${name} raised`).toBeNull();
      expect(py.lines.length, `Python scenario ${name} printed nothing`).toBeGreaterThan(0);
      const ours = await runTs(name);
      if (reason === undefined) {
        expect(ours, `${name} differs from Twisted at ${firstDifference(py.lines, ours)}`).toEqual(py.lines);
      } else {
        expect(
          ours,
          `${name} now matches Twisted: remove it from test/differential/pending.json (it was pending because: ${reason})`,
        ).not.toEqual(py.lines);
      }
    });
  }
});
