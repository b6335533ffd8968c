/**
 * A small logging API, the runtime's equivalent of `twisted.logger`.
 *
 * The runtime logs "Unhandled error in Deferred:" reports, `logError` calls
 * and errors it cannot hand to anyone else. Observers receive every event
 * synchronously, in registration order. While no observer is registered,
 * events go to {@link defaultLogObserver}, which writes them to stderr (or
 * `console.error` where there is no `process.stderr`, e.g. in browsers).
 *
 * @module
 */
import type { Failure } from "./failure.js";

/** Severity of a {@link LogEvent}, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "critical";

/** One log event. */
export interface LogEvent {
  readonly level: LogLevel;
  /** The message; may be empty when the event only carries a failure. */
  readonly text: string;
  /** The failure the event is about, if any. */
  readonly failure?: Failure;
}

/** Receives log events; an exception it throws is written to stderr and ignored. */
export type LogObserver = (event: LogEvent) => void;

const observers: LogObserver[] = [];

/**
 * Register `observer` to receive every later event. While at least one
 * observer is registered, the default stderr observer is silent.
 * Adding the same observer twice has no further effect.
 */
export function addLogObserver(observer: LogObserver): void {
  if (typeof observer !== "function") throw new TypeError("addLogObserver: observer must be a function");
  if (!observers.includes(observer)) observers.push(observer);
}

/** Stop sending events to `observer`; unknown observers are ignored. */
export function removeLogObserver(observer: LogObserver): void {
  const i = observers.indexOf(observer);
  if (i >= 0) observers.splice(i, 1);
}

/** The text `defaultLogObserver` prints for an event: its text, then the failure's traceback. */
export function formatLogEvent(event: LogEvent): string {
  const parts: string[] = [];
  if (event.text !== "") parts.push(event.text);
  if (event.failure !== undefined) parts.push(event.failure.getTraceback());
  return parts.join("\n");
}

function writeStderr(text: string): void {
  const stderr = (globalThis as { process?: { stderr?: { write?: (s: string) => unknown } } }).process?.stderr;
  if (stderr !== undefined && typeof stderr.write === "function") stderr.write(text + "\n");
  else console.error(text);
}

/** Writes `[level] text` and the failure's traceback to stderr. */
export function defaultLogObserver(event: LogEvent): void {
  writeStderr(`[${event.level}] ${formatLogEvent(event)}`);
}

/** Publish an event to the registered observers (or to stderr if there are none). */
export function emitLogEvent(event: LogEvent): void {
  if (observers.length === 0) {
    defaultLogObserver(event);
    return;
  }
  // A copy, so an observer that (un)registers observers does not skip anyone.
  for (const observer of observers.slice()) {
    try {
      observer(event);
    } catch (e) {
      writeStderr(`[critical] log observer raised: ${String(e instanceof Error ? e.stack : e)}`);
    }
  }
}

/** Shorthand for `emitLogEvent({ level, text, failure })`. */
export function log(level: LogLevel, text: string, failure?: Failure): void {
  emitLogEvent(failure === undefined ? { level, text } : { level, text, failure });
}
