/**
 * `Failure`: Twisted's wrapper around a thrown value. A Deferred's error path
 * carries Failures; errbacks receive them. Anything can be thrown in
 * JavaScript, so a Failure wraps any value, not only `Error`s.
 *
 * Construction is deliberately cheap (two field stores): the stack of an
 * `Error` is only formatted when a Failure is about to be stored for
 * unhandled-error reporting ({@link Failure.cleanFailure}) or printed.
 *
 * @module
 */

/** Static description of a coroutine: what a traceback line names. */
export interface CoroutineSite {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

/** One coroutine a thrown value passed through, innermost first when walked from the end. */
interface SiteNode {
  readonly site: CoroutineSite;
  readonly next: SiteNode | null;
  /** Number of nodes from this one to the end of the list. */
  readonly depth: number;
}

/**
 * Longest chain kept per thrown value (far beyond any real await depth; the
 * tests cross 100 000 coroutines). Why a bound: a value thrown again and
 * again (a preallocated error) would otherwise grow its chain by one node per
 * rejection for as long as it lives. Deeper chains keep their innermost
 * levels; adding to a full chain is a single WeakMap lookup.
 */
const MAX_CHAIN = 1_000_000;

/**
 * The coroutines each thrown object has propagated out of, as a linked list
 * (newest = outermost first) so that adding a level is O(1) however deep the
 * chain. Keyed weakly by the thrown value: the chain belongs to the error,
 * whichever Failure wraps it later. Primitive thrown values carry no chain.
 */
const coroutineChains = new WeakMap<object, SiteNode>();

/**
 * Record that `value` propagated out of the coroutine described by `site`.
 * Called by the coroutine driver when a coroutine or inlineCallbacks
 * generator finishes with an exception. @internal
 */
export function recordCoroutineSite(value: unknown, site: CoroutineSite): void {
  if ((typeof value === "object" && value !== null) || typeof value === "function") {
    const next = coroutineChains.get(value) ?? null;
    if (next !== null && next.depth >= MAX_CHAIN) return;
    coroutineChains.set(value, { site, next, depth: next === null ? 1 : next.depth + 1 });
  }
}

/** The coroutines `value` propagated out of, innermost first. */
export function coroutineTrace(value: unknown): CoroutineSite[] {
  const out: CoroutineSite[] = [];
  if ((typeof value === "object" && value !== null) || typeof value === "function") {
    for (let n = coroutineChains.get(value) ?? null; n !== null; n = n.next) out.push(n.site);
    out.reverse();
  }
  return out;
}

/** A class to match against, or a class name (matched along the prototype chain). */
export type FailureType = Function | string;

function describeValue(value: unknown): string {
  if (value instanceof Error) return value.message === "" ? value.name : `${value.name}: ${value.message}`;
  try {
    return `${typeof value === "object" && value !== null ? (value.constructor?.name ?? "Object") : typeof value}: ${String(value)}`;
  } catch {
    return typeof value;
  }
}

/** A thrown value, as it travels along a Deferred's error path. */
export class Failure {
  /** The thrown value (usually an `Error`). */
  readonly value: unknown;
  /**
   * The value's formatted stack once {@link cleanFailure} read it; `undefined`
   * before, `null` when the value has no string stack.
   */
  private stackText: string | null | undefined;
  /**
   * @internal Set when a Promise observer (`then`, native `await`) received
   * this failure: it then counts as handled for unhandled-error reporting.
   */
  _observed: boolean;

  /**
   * Wrap `value`. Wrapping a Failure copies it (same `value`), as Twisted does.
   */
  constructor(value: unknown) {
    if (value instanceof Failure) {
      this.value = value.value;
      this.stackText = value.stackText;
    } else {
      this.value = value;
      this.stackText = undefined;
    }
    this._observed = false;
  }

  /**
   * The constructor of the value (`value.constructor`), or `undefined` for
   * `null`, `undefined` and other values without one.
   */
  get type(): Function | undefined {
    const v = this.value;
    if (v === null || v === undefined) return undefined;
    const ctor = (v as { constructor?: unknown }).constructor;
    return typeof ctor === "function" ? ctor : undefined;
  }

  /**
   * The first of `types` the value is an instance of (subclasses match), or
   * `null`. A string matches the `name` of any constructor on the value's
   * prototype chain.
   */
  check(...types: FailureType[]): FailureType | null {
    const v = this.value;
    for (const t of types) {
      if (typeof t === "function") {
        if (v instanceof (t as new (...a: never[]) => unknown)) return t;
      } else if (typeof t === "string" && v !== null && v !== undefined) {
        for (let p = Object.getPrototypeOf(v); p !== null; p = Object.getPrototypeOf(p)) {
          const ctor = Object.prototype.hasOwnProperty.call(p, "constructor") ? p.constructor : undefined;
          if (typeof ctor === "function" && ctor.name === t) return t;
        }
      }
    }
    return null;
  }

  /**
   * Like {@link check}, but when nothing matches it re-throws the original
   * value, so an errback can say which errors it handles and let the rest
   * continue down the error path.
   * @throws the wrapped value when it matches none of `types`.
   */
  trap(...types: FailureType[]): FailureType {
    const match = this.check(...types);
    if (match === null) throw this.value;
    return match;
  }

  /** The error's message (`String(value)` for non-Errors); empty for an Error without one. */
  getErrorMessage(): string {
    const v = this.value;
    if (v instanceof Error) return v.message;
    try {
      return String(v);
    } catch {
      return typeof v;
    }
  }

  /** Throw the wrapped value again. @throws the wrapped value, always. */
  raiseException(): never {
    throw this.value;
  }

  /**
   * Format the value's stack now and keep the text (Twisted's `cleanFailure`).
   *
   * Why: V8 keeps the frames an `Error` captured, and the receivers and
   * functions they reference, until its `stack` is first read. A stored
   * Failure would then keep alive whatever was on the stack when it was
   * thrown, often its own Deferred, and the unhandled-error report (which
   * waits for that Deferred to be collected) would never come. Idempotent.
   */
  cleanFailure(): void {
    if (this.stackText !== undefined) return;
    this.stackText = null;
    const v = this.value;
    if (typeof v === "object" && v !== null) {
      try {
        const s = (v as { stack?: unknown }).stack;
        if (typeof s === "string") this.stackText = s;
      } catch {
        // A throwing `stack` getter: report the value without a stack.
      }
    }
  }

  /**
   * The coroutines (compiled `@deferredCoroutine` functions and
   * inlineCallbacks generators) the value propagated out of, innermost first.
   */
  getCoroutineTrace(): CoroutineSite[] {
    return coroutineTrace(this.value);
  }

  /**
   * A printable traceback: the value's stack (or `Type: message`), followed
   * by one `    at async <name> (<file>:<line>)` line per coroutine the
   * failure propagated through, innermost first.
   */
  getTraceback(): string {
    this.cleanFailure();
    let text = this.stackText ?? describeValue(this.value);
    for (const site of coroutineTrace(this.value)) {
      text += `\n    at async ${site.name} (${site.file}:${site.line})`;
    }
    return text;
  }

  /** `[Failure <Type>: <message>]`. */
  toString(): string {
    return `[Failure ${describeValue(this.value)}]`;
  }
}
