/**
 * Host async context for coroutine resumption (R12).
 *
 * A suspended coroutine must resume inside the Node `AsyncLocalStorage`
 * context it had when it suspended, not inside the context of whoever fires
 * the awaited Deferred. On Node this is an `AsyncResource` created at
 * suspension and entered around the resumed step. Ready awaits never suspend,
 * so they pay nothing. Elsewhere (browsers) there is no context and the step
 * runs directly.
 *
 * `node:async_hooks` is looked up through `process.getBuiltinModule` at first
 * use, never imported statically, so bundlers for the browser see no `node:`
 * import.
 *
 * @module
 */

interface AsyncResourceLike {
  runInAsyncScope<R>(fn: (...args: any[]) => R, thisArg?: unknown, ...args: unknown[]): R;
}
type AsyncResourceClass = new (type: string, options?: { requireManualDestroy?: boolean }) => AsyncResourceLike;

/** `undefined`: not looked up yet; `null`: no async context on this host. */
let Resource: AsyncResourceClass | null | undefined;

function lookUp(): AsyncResourceClass | null {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const hooks = proc?.getBuiltinModule?.("node:async_hooks") as { AsyncResource?: AsyncResourceClass } | undefined;
    return typeof hooks?.AsyncResource === "function" ? hooks.AsyncResource : null;
  } catch {
    return null;
  }
}

/** Snapshot the current async context, or `null` where the host has none. @internal */
export function captureContext(): unknown {
  if (Resource === undefined) Resource = lookUp();
  // requireManualDestroy: we never emit destroy, and skipping it keeps the
  // resource off Node's destroy tracking.
  return Resource === null ? null : new Resource("DeferredCoroutine", { requireManualDestroy: true });
}

/** Call `fn(a, b, c)` inside the context `ctx` returned by {@link captureContext}. @internal */
export function runInContext<A, B, C, R>(ctx: unknown, fn: (a: A, b: B, c: C) => R, a: A, b: B, c: C): R {
  return (ctx as AsyncResourceLike).runInAsyncScope(fn, null, a, b, c);
}
