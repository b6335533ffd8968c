import { describe, expect, it } from "vitest";
import { Clock } from "../../runtime/clock.js";
import { Deferred } from "../../runtime/deferred.js";
import { CancelledError, QueueOverflow, QueueUnderflow } from "../../runtime/errors.js";
import { DeferredLock, DeferredQueue, DeferredSemaphore } from "../../runtime/locks.js";
import { deferLater } from "../../runtime/task.js";
import { assertNoResult, failureResultOf, successResultOf } from "../../runtime/testing.js";

describe("DeferredLock", () => {
  it("acquires at once when unlocked and fires with the lock", () => {
    const lock = new DeferredLock();
    expect(successResultOf(lock.acquire())).toBe(lock);
    expect(lock.locked).toBe(true);
  });

  it("hands the lock to the oldest waiter synchronously inside release", () => {
    const lock = new DeferredLock();
    const order: string[] = [];
    lock.acquire();
    lock.acquire().addCallback(() => void order.push("first waiter"));
    lock.acquire().addCallback(() => void order.push("second waiter"));
    order.push("before release");
    lock.release();
    order.push("after release");
    expect(order).toEqual(["before release", "first waiter", "after release"]);
    expect(lock.locked).toBe(true);
    lock.release();
    expect(order.at(-1)).toBe("second waiter");
    lock.release();
    expect(lock.locked).toBe(false);
  });

  it("refuses to release an unlocked lock", () => {
    expect(() => new DeferredLock().release()).toThrow("Tried to release an unlocked lock");
  });

  it("removes a cancelled waiter from the queue and fails it with CancelledError", () => {
    const lock = new DeferredLock();
    lock.acquire();
    const cancelled = lock.acquire();
    const next = lock.acquire();
    cancelled.cancel();
    failureResultOf(cancelled, CancelledError);
    expect(lock.waiting).toEqual([next]);
    lock.release();
    expect(successResultOf(next)).toBe(lock);
  });

  it("runs a function under the lock and releases it when its Deferred fires, even on failure", () => {
    const clock = new Clock();
    const lock = new DeferredLock();
    const order: string[] = [];
    const first = lock.run((name: string) => deferLater(clock, 1, () => `${name} done`), "first");
    const second = lock.run(() => {
      order.push(`second runs at ${clock.seconds()}`);
      throw new Error("second failed");
    });
    const third = lock.run(() => "third");
    assertNoResult(second);
    clock.advance(1);
    expect(successResultOf(first)).toBe("first done");
    expect(order).toEqual(["second runs at 1"]);
    expect(failureResultOf(second).getErrorMessage()).toBe("second failed");
    expect(successResultOf(third)).toBe("third");
    expect(lock.locked).toBe(false);
  });
});

describe("DeferredSemaphore", () => {
  it("allows `tokens` holders at once and queues the rest in order", () => {
    const sem = new DeferredSemaphore(2);
    const ds = [sem.acquire(), sem.acquire(), sem.acquire(), sem.acquire()];
    expect(ds.map((d) => d.called)).toEqual([true, true, false, false]);
    expect(sem.tokens).toBe(0);
    sem.release();
    expect(ds.map((d) => d.called)).toEqual([true, true, true, false]);
    expect(sem.tokens).toBe(0);
    sem.release();
    sem.release();
    expect(sem.tokens).toBe(1);
    expect(sem.limit).toBe(2);
  });

  it("refuses fewer than one token and releasing more than was acquired", () => {
    expect(() => new DeferredSemaphore(0)).toThrow(RangeError);
    const sem = new DeferredSemaphore(1);
    expect(() => sem.release()).toThrow("too many tokens");
  });

  it("limits how many runs are in progress at once", () => {
    const sem = new DeferredSemaphore(2);
    let inProgress = 0;
    let most = 0;
    const gates = Array.from({ length: 5 }, () => new Deferred<void>());
    const runs = gates.map((gate) =>
      sem.run(() => {
        inProgress++;
        most = Math.max(most, inProgress);
        return gate.addCallback(() => void inProgress--);
      }),
    );
    for (const gate of gates) gate.callback(undefined);
    expect(runs.every((r) => r.called)).toBe(true);
    expect(most).toBe(2);
    expect(sem.tokens).toBe(2);
  });

  it("removes a cancelled waiter so the next one gets the token", () => {
    const sem = new DeferredSemaphore(1);
    sem.acquire();
    const cancelled = sem.acquire();
    const next = sem.acquire();
    cancelled.cancel();
    failureResultOf(cancelled, CancelledError);
    sem.release();
    expect(successResultOf(next)).toBe(sem);
  });
});

describe("DeferredQueue", () => {
  it("returns stored items first-in first-out", () => {
    const q = new DeferredQueue<number>();
    q.put(1);
    q.put(2);
    expect(successResultOf(q.get())).toBe(1);
    expect(successResultOf(q.get())).toBe(2);
  });

  it("hands a put item to the oldest waiting get synchronously", () => {
    const q = new DeferredQueue<string>();
    const order: string[] = [];
    q.get().addCallback((x: string) => void order.push(`first got ${x}`));
    q.get().addCallback((x: string) => void order.push(`second got ${x}`));
    q.put("a");
    order.push("put returned");
    q.put("b");
    expect(order).toEqual(["first got a", "put returned", "second got b"]);
    expect(q.pending).toEqual([]);
  });

  it("throws QueueOverflow when putting beyond size", () => {
    const q = new DeferredQueue<number>(1);
    q.put(1);
    expect(() => q.put(2)).toThrow(QueueOverflow);
    expect(q.pending).toEqual([1]);
  });

  it("throws QueueUnderflow when more than backlog gets would wait", () => {
    const q = new DeferredQueue<number>(undefined, 1);
    q.get();
    expect(() => q.get()).toThrow(QueueUnderflow);
  });

  it("removes a cancelled get so the next put goes to the next getter", () => {
    const q = new DeferredQueue<number>();
    const cancelled = q.get();
    const next = q.get();
    cancelled.cancel();
    failureResultOf(cancelled, CancelledError);
    q.put(7);
    expect(successResultOf(next)).toBe(7);
  });
});
