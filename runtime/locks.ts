/**
 * Concurrency primitives for event-driven code: `DeferredLock`,
 * `DeferredSemaphore` and `DeferredQueue` (Twisted's, with the same
 * contracts).
 *
 * Hand-over is synchronous: `release()` and `put()` fire the oldest waiter's
 * Deferred before they return, so the waiter's callbacks run inside the
 * releasing call. Waiters are served first-in, first-out. Cancelling a
 * waiting `acquire()`/`get()` removes it from the queue and fails it with
 * `CancelledError`.
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { QueueOverflow, QueueUnderflow } from "./errors.js";
import { maybeDeferred, succeed } from "./interop.js";

/** What {@link DeferredLock} and {@link DeferredSemaphore} share: `waiting` and `run`. */
abstract class ConcurrencyPrimitive {
  /** Deferreds of pending `acquire()` calls, oldest first. */
  readonly waiting: Deferred<this>[] = [];

  /**
   * Acquires, fires with this primitive (synchronously if it is free).
   * Cancelling the returned Deferred while it waits removes it from the queue.
   */
  abstract acquire(): Deferred<this>;

  /**
   * Releases. If someone is waiting, the oldest waiter gets the lock or token
   * synchronously, inside this call.
   * @throws Error if nothing is held (releasing an unlocked lock, or a
   *   semaphore more often than it was acquired).
   */
  abstract release(): void;

  /**
   * Acquires, calls `f(...args)` (through `maybeDeferred`, so it may return a
   * value, a Deferred, a Promise or throw), and releases once its result is
   * known — on success and on failure. Fires with `f`'s result, or fails with
   * its error.
   */
  run<A extends unknown[], R>(f: (...args: A) => R | PromiseLike<R>, ...args: A): Deferred<Awaited<R>> {
    return this.acquire().addCallback(() =>
      maybeDeferred(f, ...args).addBoth((result: unknown) => {
        this.release();
        return result;
      }),
    ) as unknown as Deferred<Awaited<R>>;
  }

  protected readonly cancelAcquire = (d: Deferred<this>): void => {
    // The canceller only runs while `d` is unfired, i.e. still in `waiting`:
    // release() removes a Deferred before firing it.
    const i = this.waiting.indexOf(d);
    if (i >= 0) this.waiting.splice(i, 1);
  };
}

/**
 * A lock for event-driven code: at most one holder at a time.
 *
 * @example
 * ```ts
 * const lock = new DeferredLock();
 * lock.run(writeFile, path, data); // later writers wait their turn
 * ```
 */
export class DeferredLock extends ConcurrencyPrimitive {
  /** True while someone holds the lock. Read it; never assign it. */
  locked = false;

  /** Fires with the lock once it is free: at once if it is unlocked, else after the waiters before it. */
  acquire(): Deferred<this> {
    const d = new Deferred<this>(this.cancelAcquire);
    if (this.locked) {
      this.waiting.push(d);
    } else {
      this.locked = true;
      d.callback(this);
    }
    return d;
  }

  /**
   * Releases the lock; the oldest waiter (if any) acquires it synchronously.
   * @throws Error if the lock is not locked.
   */
  release(): void {
    if (!this.locked) throw new Error("Tried to release an unlocked lock");
    this.locked = false;
    const next = this.waiting.shift();
    if (next !== undefined) {
      this.locked = true;
      next.callback(this);
    }
  }
}

/**
 * A semaphore: at most `limit` holders at a time. For limiting parallelism,
 * `run(f)` is the usual entry point.
 */
export class DeferredSemaphore extends ConcurrencyPrimitive {
  /** How many more holders may acquire now (`limit` minus current holders). */
  tokens: number;
  /** The maximum number of simultaneous holders. */
  readonly limit: number;

  /**
   * @param tokens - the limit, an integer `>= 1`.
   * @throws RangeError if `tokens < 1`.
   */
  constructor(tokens: number) {
    super();
    if (!(tokens >= 1)) throw new RangeError("DeferredSemaphore requires tokens >= 1");
    this.tokens = tokens;
    this.limit = tokens;
  }

  /** Fires with the semaphore once a token is available (at once if one is free). */
  acquire(): Deferred<this> {
    const d = new Deferred<this>(this.cancelAcquire);
    if (this.tokens === 0) {
      this.waiting.push(d);
    } else {
      this.tokens--;
      d.callback(this);
    }
    return d;
  }

  /**
   * Returns a token; the oldest waiter (if any) takes it synchronously.
   * @throws Error if more tokens would be returned than were taken.
   */
  release(): void {
    if (!(this.tokens < this.limit)) throw new Error("Someone released me too many times: too many tokens!");
    this.tokens++;
    const next = this.waiting.shift();
    if (next !== undefined) {
      this.tokens--;
      next.callback(this);
    }
  }
}

/**
 * An event-driven FIFO queue: `get()` returns a Deferred that fires with the
 * next item, at once if one is stored.
 */
export class DeferredQueue<T> {
  /** Deferreds of pending `get()` calls, oldest first. */
  readonly waiting: Deferred<T>[] = [];
  /** Stored items, oldest first. */
  readonly pending: T[] = [];

  /**
   * @param size - most items stored at once; `put` beyond it throws
   *   {@link QueueOverflow}. `undefined`: no limit.
   * @param backlog - most `get()`s waiting at once; `get` beyond it throws
   *   {@link QueueUnderflow}. `undefined`: no limit.
   */
  constructor(
    readonly size?: number,
    readonly backlog?: number,
  ) {}

  /**
   * Adds an item: hands it to the oldest waiting `get()` synchronously (its
   * callbacks run inside `put`), or stores it.
   * @throws QueueOverflow if nobody waits and `size` items are stored.
   */
  put(obj: T): void {
    const waiter = this.waiting.shift();
    if (waiter !== undefined) {
      waiter.callback(obj);
    } else if (this.size === undefined || this.pending.length < this.size) {
      this.pending.push(obj);
    } else {
      throw new QueueOverflow();
    }
  }

  /**
   * Takes the oldest item: an already-fired Deferred if one is stored, else a
   * Deferred that the next `put` fires. Cancelling a waiting `get()` removes it
   * from the queue.
   * @throws QueueUnderflow if nothing is stored and `backlog` gets already wait.
   */
  get(): Deferred<T> {
    if (this.pending.length > 0) return succeed(this.pending.shift() as T);
    if (this.backlog === undefined || this.waiting.length < this.backlog) {
      const d: Deferred<T> = new Deferred<T>((cancelled: Deferred<T>) => {
        const i = this.waiting.indexOf(cancelled);
        if (i >= 0) this.waiting.splice(i, 1);
      });
      this.waiting.push(d);
      return d;
    }
    throw new QueueUnderflow();
  }
}
