/**
 * Unhandled-error reporting, Twisted's `DebugInfo.__del__` for JavaScript.
 *
 * When a Deferred's callback loop stops with a Failure as its result, the
 * Failure is recorded in the Deferred's {@link DebugInfo}, and the DebugInfo
 * is registered with a `FinalizationRegistry` keyed on the Deferred. If the
 * Deferred is garbage-collected while the record still holds a Failure, two
 * events are logged, as Twisted does: critical `"Unhandled error in
 * Deferred:"`, then the failure itself.
 *
 * The held value (the DebugInfo) must never reference the Deferred, or the
 * Deferred could never be collected: it holds only the Failure and, in debug
 * mode, stack texts.
 *
 * @module
 */
import type { Failure } from "./failure.js";
import { log } from "./log.js";

/**
 * Per-Deferred bookkeeping, created lazily (a Deferred that never stops on a
 * failure and is created outside debug mode never gets one). @internal
 */
export class DebugInfo {
  /** The stack that created the Deferred (debug mode only). */
  creator: string | null = null;
  /** The stack that first fired the Deferred (debug mode only). */
  invoker: string | null = null;
  /** The Failure to report if the Deferred is collected; `null` once handled. */
  failResult: Failure | null = null;
  /** Whether this record is registered with the finalization registry. */
  registered = false;

  /** Twisted's `_getDebugTracebacks`: ` C:`/` I:` prefixed stacks, or "". */
  getDebugTracebacks(): string {
    let info = "";
    if (this.creator !== null) {
      info += " C: Deferred was created:\n C:" + this.creator.trimEnd().replace(/\n/g, "\n C:") + "\n";
    }
    if (this.invoker !== null) {
      info += " I: First Invoker was:\n I:" + this.invoker.trimEnd().replace(/\n/g, "\n I:") + "\n";
    }
    return info;
  }
}

let reportCount = 0;
const reportListeners = new Set<(failure: Failure) => void>();

/** Call `listener` with the failure of every later report (testing.ts). @internal */
export function addReportListener(listener: (failure: Failure) => void): () => void {
  reportListeners.add(listener);
  return () => reportListeners.delete(listener);
}

/** How many unhandled-error reports have been logged so far. @internal */
export function unhandledReportCount(): number {
  return reportCount;
}

function report(info: DebugInfo): void {
  const failure = info.failResult;
  if (failure === null) return;
  info.failResult = null;
  reportCount++;
  log("critical", "Unhandled error in Deferred:");
  const debug = info.getDebugTracebacks();
  log("critical", debug === "" ? "" : `(debug: ${debug})`, failure);
  for (const listener of reportListeners) listener(failure);
}

const registry: FinalizationRegistry<DebugInfo> | null =
  typeof FinalizationRegistry === "function" ? new FinalizationRegistry(report) : null;

/** Targets and their records waiting for {@link registerPending}: target, info, target, info, … */
const pending: (object | DebugInfo)[] = [];
let flushQueued = false;
/** A long synchronous run registers (or drops) every this many entries, so waiting never holds many Deferreds. */
const FLUSH_AT = 512;

/**
 * Arrange for `info` to be reported when `target` (its Deferred) is
 * collected. Registers at most once per DebugInfo, and cleans the failure
 * it registers ({@link Failure.cleanFailure}). @internal
 *
 * Registration waits a little — until the end of the current job (a
 * microtask) or until a few hundred others wait: a failure handled before
 * then — `await fail(e)`, an errback added right after `errback()` — never
 * touches the registry, whose `register` costs more than the rest of a failed
 * Deferred's life. A target cannot be collected while it waits, so no report
 * is lost.
 */
export function watchForCollection(target: object, info: DebugInfo): void {
  if (registry === null) return;
  if (info.registered) {
    // A new failure of a watched Deferred: it must not keep its stack's frames.
    info.failResult?.cleanFailure();
    return;
  }
  info.registered = true;
  pending.push(target, info);
  if (pending.length >= FLUSH_AT) registerPending();
  else if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(endOfJob);
  }
}

function endOfJob(): void {
  flushQueued = false;
  registerPending();
}

/**
 * Register every watch waiting for the end of the job now: a forced
 * collection (`flushUnhandledFailures`) must not find a Deferred still held
 * by the waiting list. @internal
 */
export function registerPending(): void {
  for (let i = 0; i < pending.length; i += 2) {
    const info = pending[i + 1] as DebugInfo;
    // Handled meanwhile: not registered, so a later failure of the same
    // Deferred registers afresh.
    const failure = info.failResult;
    if (failure === null) info.registered = false;
    else {
      failure.cleanFailure();
      registry!.register(pending[i]!, info);
    }
  }
  pending.length = 0;
}
