/**
 * Debug mode (Twisted's `Deferred.debug`): when on, Deferreds created
 * afterwards record the stack that created them, and every Deferred records
 * the stack that first fired it. Both appear in `AlreadyCalledError` messages
 * and in "Unhandled error in Deferred" reports. It costs a stack capture per
 * Deferred, so leave it off in production.
 *
 * @module
 */

/** Internal switch read on hot paths; use {@link setDebugging} to change it. */
export const debugState = { on: false };

/** Turn debug mode on or off (affects Deferreds created or fired afterwards). */
export function setDebugging(on: boolean): void {
  debugState.on = Boolean(on);
}

/** Whether debug mode is on. */
export function getDebugging(): boolean {
  return debugState.on;
}

/**
 * The current stack as text, without the `Error` header line and without the
 * innermost `skip` frames (the runtime's own). Only called in debug mode.
 */
export function captureStack(skip: number): string {
  const stack = new Error().stack ?? "";
  const lines = stack.split("\n");
  return lines.slice(2 + skip).join("\n");
}
