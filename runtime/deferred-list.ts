/**
 * Collections of Deferreds: `DeferredList`, `gatherResults` and `race`
 * (Twisted's `twisted.internet.defer` containers).
 *
 * Each member is watched by adding one stage (`addCallbacks`) to it, so the
 * container is "not special": stages added to a member *before* it joined
 * change what the container sees, and stages added *after* see what the
 * container's stage returned.
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { FailureGroup, FirstError } from "./errors.js";
import { Failure } from "./failure.js";
import { ensureDeferred } from "./interop.js";
import { log } from "./log.js";

/** One member's outcome in a {@link DeferredList} result: `[true, value]` or `[false, failure]`. */
export type DeferredListResult<T> = [success: true, value: T] | [success: false, failure: Failure];

/** Options of {@link DeferredList}. */
export interface DeferredListOptions {
  /**
   * Fire as soon as one member succeeds, with `[value, index]`. An empty list
   * then never fires; if every member fails, the list still fires (with
   * callback) with the full result list.
   * @default false
   */
  fireOnOneCallback?: boolean;
  /**
   * Fail as soon as one member fails, with a {@link FirstError} wrapping that
   * member's Failure and its index.
   * @default false
   */
  fireOnOneErrback?: boolean;
  /**
   * After recording a member's failure, continue that member's chain with
   * `undefined`, so the failure is not reported as unhandled and later stages
   * on the member do not see it. Does not stop `fireOnOneErrback`.
   * @default false
   */
  consumeErrors?: boolean;
}

/** A Deferred or anything {@link ensureDeferred} accepts (a Promise, a thenable). */
export type DeferredLike<T> = Deferred<T> | PromiseLike<T>;

/**
 * A Deferred that collects the results of several Deferreds.
 *
 * By default it fires, once every member has fired, with one
 * `[success, valueOrFailure]` pair per member **in input order** — never with
 * an error. An empty list fires at once with `[]`. Members that already fired
 * are recorded inside the constructor, so a list of fired Deferreds has fired
 * by the time `new DeferredList(...)` returns.
 *
 * The type parameter `R` is the result type; it defaults to the plain list.
 * With `fireOnOneCallback` declare it as `[T, number] | DeferredListResult<T>[]`.
 *
 * Members may be Promises or thenables: they are adopted with
 * `ensureDeferred` (so they report asynchronously, as Promises do).
 *
 * @throws NotACoroutineError (from `ensureDeferred`) if a member is neither a
 *   Deferred nor a thenable.
 */
export class DeferredList<T, R = DeferredListResult<T>[]> extends Deferred<R> {
  /** The tracked members, in input order. */
  readonly deferredList: Deferred<T>[];
  /** The result in progress: `undefined` for members that have not fired yet. */
  readonly resultList: (DeferredListResult<T> | undefined)[];
  /** Number of members that have fired. */
  finishedCount = 0;
  readonly fireOnOneCallback: boolean;
  readonly fireOnOneErrback: boolean;
  readonly consumeErrors: boolean;

  /**
   * @param deferredList - the members.
   * @param options - see {@link DeferredListOptions}.
   */
  constructor(deferredList: Iterable<DeferredLike<T>>, options: DeferredListOptions = {}) {
    super();
    const members = Array.from(deferredList, (d) => (d instanceof Deferred ? d : ensureDeferred(d)));
    this.deferredList = members;
    this.resultList = new Array(members.length).fill(undefined);
    this.fireOnOneCallback = options.fireOnOneCallback ?? false;
    this.fireOnOneErrback = options.fireOnOneErrback ?? false;
    this.consumeErrors = options.consumeErrors ?? false;
    if (members.length === 0 && !this.fireOnOneCallback) {
      this.callback([] as unknown as R);
    }
    // The flags above are set before any member is watched: a member that has
    // already fired runs our stage right here, inside addCallbacks.
    for (let index = 0; index < members.length; index++) {
      members[index].addCallbacks(
        (value: T) => this.memberFired(index, true, value),
        (failure: Failure) => this.memberFired(index, false, failure),
      );
    }
  }

  private memberFired(index: number, succeeded: boolean, result: unknown): unknown {
    this.resultList[index] = [succeeded, result] as DeferredListResult<T>;
    this.finishedCount++;
    if (!this.called) {
      if (succeeded && this.fireOnOneCallback) {
        this.callback([result, index] as unknown as R);
      } else if (!succeeded && this.fireOnOneErrback) {
        this.errback(new Failure(new FirstError(result as Failure, index)));
      } else if (this.finishedCount === this.resultList.length) {
        this.callback(this.resultList as unknown as R);
      }
    }
    if (!succeeded && this.consumeErrors) return undefined;
    // Returning the Failure keeps the member on its error path.
    return result;
  }

  /**
   * Cancels every member, but only while this list has not fired (after
   * `fireOnOneCallback`/`fireOnOneErrback` fired it, this does nothing). An
   * exception thrown by a member's canceller is logged ("Exception raised from
   * user supplied canceller") and the other members are still cancelled.
   */
  override cancel(): void {
    if (this.called) return;
    for (const d of this.deferredList) {
      try {
        d.cancel();
      } catch (e) {
        log("critical", "Exception raised from user supplied canceller", new Failure(e));
      }
    }
  }
}

/**
 * Waits for every Deferred and fires with their values in input order — a
 * join. Fails as soon as one member fails, with a {@link FirstError}
 * (`subFailure`, `index`); the other members are **not** cancelled.
 * Cancelling the result cancels every member (then it fails with
 * `FirstError` of the first member's `CancelledError`).
 *
 * @param deferredList - the members (Deferreds, Promises or thenables).
 * @param consumeErrors - continue failed members with `undefined` once
 *   recorded, so their failures are not reported as unhandled.
 */
export function gatherResults<T>(
  deferredList: Iterable<DeferredLike<T>>,
  consumeErrors = false,
): Deferred<T[]> {
  const d = new DeferredList<T>(deferredList, { fireOnOneErrback: true, consumeErrors });
  return d.addCallback((results: DeferredListResult<T>[]) => results.map((r) => r[1] as T));
}

/**
 * Takes the first success among several Deferreds and cancels the rest.
 *
 * Fires with `[index, value]` of the first member to succeed; every other
 * member is then cancelled (never the winner). If every member fails, fails
 * with a {@link FailureGroup} holding their Failures in input order. Member
 * results are consumed: each member continues with `undefined`, so member
 * failures are never reported as unhandled. A member that has already
 * succeeded wins inside the `race()` call. `race([])` never fires.
 * Cancelling the result cancels every member (it then usually fails with a
 * `FailureGroup` of `CancelledError`s, unless a canceller supplies a value,
 * which can still win).
 *
 * @param ds - the members (Deferreds, Promises or thenables).
 */
export function race<T>(ds: Iterable<DeferredLike<T>>): Deferred<[index: number, value: T]> {
  const members = Array.from(ds, (d) => (d instanceof Deferred ? d : ensureDeferred(d)));
  let winner: Deferred<T> | undefined;
  const failures: { index: number; failure: Failure }[] = [];
  const result = new Deferred<[number, T]>(() => {
    for (const d of members) d.cancel();
  });
  members.forEach((member, index) => {
    member.addCallbacks(
      (value: T): undefined => {
        if (winner === undefined) {
          winner = member;
          for (const d of members) if (d !== winner) d.cancel();
          result.callback([index, value]);
        }
        return undefined;
      },
      (failure: Failure): undefined => {
        failures.push({ index, failure });
        if (failures.length === members.length) {
          failures.sort((a, b) => a.index - b.index);
          result.errback(new Failure(new FailureGroup(failures.map((f) => f.failure))));
        }
        return undefined;
      },
    );
  });
  return result;
}
