/**
 * Runs a fixture natively and transformed, with the awaited values of the
 * fixture coming from `v(x)` / `fl(error)`:
 *
 * - "plain":   `v(x)` is `x` itself (a non-thenable; a failure is an already-failed Deferred);
 * - "ready":   `v(x)` is an already-fired Deferred;
 * - "pending": `v(x)` is a Deferred that the harness fires later, one per turn,
 *              in creation order, after the microtask queue is empty.
 *
 * A fixture exports `run()`, which returns the promise or Deferred to compare;
 * it can push anything into the global-looking `log` array.
 */
import * as runtime from "../../../runtime/index.js";

export type Mode = "plain" | "ready" | "pending";
export const modes: readonly Mode[] = ["plain", "ready", "pending"];

export interface Outcome {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
  readonly log: unknown[];
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Engine errors carry engine-specific messages; user errors must match exactly. */
export function describeError(e: unknown): string {
  if (e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError) return e.name;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `thrown ${typeof e}: ${String(e)}`;
}

/** Evaluates CommonJS `js` with the harness globals and settles its `run()`. */
export async function runModule(js: string, mode: Mode): Promise<Outcome & { syncSettled: boolean }> {
  const log: unknown[] = [];
  const queue: (() => void)[] = [];
  const later = <T>(fire: (d: runtime.Deferred<T>) => void): runtime.Deferred<T> => {
    const d = new runtime.Deferred<T>();
    queue.push(() => fire(d));
    return d;
  };
  const v = (x: unknown) => (mode === "plain" ? x : mode === "ready" ? runtime.succeed(x) : later((d) => d.callback(x)));
  const fl = (e: unknown) => (mode === "pending" ? later((d) => d.errback(e as Error)) : runtime.fail(e as Error));
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled snippet runs as CommonJS and may require Node built-ins
  const req = (id: string) => (id === "deferred-coroutine" ? runtime : require(id));
  new Function("require", "exports", "module", "v", "fl", "log", js)(req, mod.exports, mod, v, fl, log);
  const run = mod.exports.run as () => unknown;
  let outcome: Outcome | undefined;
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    return { ok: false, error: `run() threw synchronously: ${describeError(e)}`, log, syncSettled: true };
  }
  let syncSettled = false;
  if (result instanceof runtime.Deferred) {
    // Observe the Deferred without a Promise in between, to see synchronous completion.
    result.addCallbacks(
      (value: unknown) => {
        outcome = { ok: true, value, log };
        return undefined;
      },
      (failure: runtime.Failure) => {
        outcome = { ok: false, error: describeError(failure.value), log };
        return undefined;
      },
    );
    syncSettled = outcome !== undefined;
  } else {
    Promise.resolve(result).then(
      (value) => (outcome = { ok: true, value, log }),
      (e) => (outcome = { ok: false, error: describeError(e), log }),
    );
  }
  for (let i = 0; i < 100_000 && (outcome === undefined || queue.length > 0); i++) {
    await turn();
    queue.shift()?.();
  }
  await turn();
  if (!outcome) return { ok: false, error: "never settled", log, syncSettled };
  return { ...outcome, syncSettled };
}
