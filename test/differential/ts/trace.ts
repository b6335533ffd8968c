/**
 * Shared trace helpers for the TypeScript side of the differential scenarios:
 * the twin of `python/_trace.py`. Both must render every value identically
 * (see ../README.md, "Trace format"); change them together.
 */
import { Deferred, Failure, FailureGroup, FirstError } from "../../../runtime/index.js";

/** What a scenario gets: `emit` one trace line; `collect` forces unhandled-error reports now. */
export interface Trace {
  emit(line: string): void;
  /** Python: `gc.collect()`; here: `flushUnhandledFailures()` from runtime/testing.ts. */
  collect(): Promise<void>;
}

/** Python's `ValueError`: scenarios raise it where the Python twin does. */
export class ValueError extends Error {
  override name = "ValueError";
}

/** Python's `RuntimeError`. */
export class RuntimeError extends Error {
  override name = "RuntimeError";
}

/**
 * Errors whose message is part of the trace: the scenarios raise them, so the
 * text is the same on both sides. Every other error (the runtime's own) prints
 * its class name only: the two implementations' messages are not meant to match.
 * Exact classes, not subclasses, as `type(e) in USER_ERRORS` in Python.
 */
const USER_ERRORS: readonly Function[] = [ValueError, RuntimeError];

/** `Name: message` for a scenario's own error, `Name` for any other thrown value. */
export function exc(e: unknown): string {
  if (e instanceof FirstError) return `FirstError(index=${e.index}, ${err(e.subFailure)})`;
  if (e instanceof FailureGroup) return `FailureGroup(${e.failures.map(err).join(", ")})`;
  if (e instanceof Error) {
    return USER_ERRORS.includes(e.constructor) ? `${e.name}: ${e.message}` : e.name;
  }
  return `thrown ${fmt(e)}`;
}

/** The error held by a Failure, formatted by {@link exc}. */
export function err(f: unknown): string {
  return f instanceof Failure ? exc(f.value) : `not a Failure: ${fmt(f)}`;
}

/** A language-neutral rendering of a value (README, "Values"). */
export function fmt(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  // Python prints integral floats as ints here too, and both languages print
  // other floats as the shortest round-tripping decimal.
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(fmt).join(", ")}]`;
  if (v instanceof Failure) return `<Failure ${err(v)}>`;
  if (v instanceof Error) return `<${exc(v)}>`;
  if (v instanceof Deferred) return "<Deferred>";
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return `<${name ?? typeof v}>`;
}
