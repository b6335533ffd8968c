/**
 * Host async context for coroutine resumption (R12).
 *
 * A suspended coroutine must resume inside the Node `AsyncLocalStorage`
 * context it had when it suspended, not inside the context of whoever fires
 * the awaited Deferred. On Node this is an `AsyncResource` created at the
 * frame's first suspension and entered around every resumed step. As in
 * Twisted (one context per coroutine invocation), changes the coroutine makes
 * to its context (`enterWith`) persist across its awaits. Ready awaits never
 * suspend, so they pay nothing. Elsewhere (browsers) there is no context and
 * the step runs directly.
 *
 * Entering a resource costs about as much as the rest of a suspension, so it
 * is only done once some `AsyncLocalStorage` is in use: a probe at first use
 * detects stores enabled before this module loaded, and `run`/`enterWith` on
 * `AsyncLocalStorage.prototype` are wrapped to notice later ones. A coroutine
 * that suspended before any store existed resumes in its firer's context.
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
interface AsyncHooksModule {
  AsyncResource?: AsyncResourceClass;
  AsyncLocalStorage?: { prototype: Record<string, unknown> };
}

/** `undefined`: not looked up yet; `null`: no async context on this host. */
let Resource: AsyncResourceClass | null | undefined;
/** Whether any AsyncLocalStorage has been used (monotonic). */
let storesInUse = false;
const RESOURCE_OPTIONS = { requireManualDestroy: true };

function noticeStores(proto: Record<string, unknown>, name: string): void {
  const original = proto[name];
  if (typeof original !== "function") return;
  proto[name] = function (this: unknown, ...args: unknown[]): unknown {
    storesInUse = true;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

function lookUp(): AsyncResourceClass | null {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const hooks = proc?.getBuiltinModule?.("node:async_hooks") as AsyncHooksModule | undefined;
    const R = hooks?.AsyncResource;
    if (typeof R !== "function") return null;
    const proto = hooks!.AsyncLocalStorage?.prototype;
    if (proto !== undefined) {
      noticeStores(proto, "run");
      noticeStores(proto, "enterWith");
    }
    // An enabled store propagates itself onto every new resource as an extra
    // symbol-keyed property (Node's own two are the async ids).
    if (Object.getOwnPropertySymbols(new R("DeferredCoroutineProbe", RESOURCE_OPTIONS)).length > 2) storesInUse = true;
    return R;
  } catch {
    return null;
  }
}

/** Snapshot the current async context, or `null` when there is none worth entering. @internal */
export function captureContext(): unknown {
  if (Resource === undefined) Resource = lookUp();
  return Resource === null || !storesInUse ? null : new Resource("DeferredCoroutine", RESOURCE_OPTIONS);
}

/** Call `fn(a, b, c)` inside the context `ctx` returned by {@link captureContext}. @internal */
export function runInContext<A, B, C, R>(ctx: unknown, fn: (a: A, b: B, c: C) => R, a: A, b: B, c: C): R {
  return (ctx as AsyncResourceLike).runInAsyncScope(fn, null, a, b, c);
}
