/**
 * The reactor's queue of pending timed calls: a binary min-heap ordered by
 * (`time`, scheduling order). Each call keeps its heap index in `_slot`, so
 * removing a cancelled call and moving a call earlier cost O(log n) with no
 * search.
 *
 * Ordering uses `time`, not `getTime()`: a postponement (`delayedTime`) is
 * applied lazily when the call reaches the top, exactly as Twisted's reactor
 * does. Equal times keep scheduling order (Twisted's heap does not promise
 * that; FIFO is a stricter, compatible choice).
 *
 * @module
 */
import type { DelayedCall } from "./delayed-call.js";

/** A min-heap of {@link DelayedCall}s. @internal */
export class TimerHeap {
  private readonly items: DelayedCall[] = [];
  private nextSeq = 0;

  /** Number of queued calls. */
  get size(): number {
    return this.items.length;
  }

  /** The soonest call, or undefined. */
  peek(): DelayedCall | undefined {
    return this.items[0];
  }

  /** All queued calls, in heap (not time) order. */
  toArray(): DelayedCall[] {
    return this.items.slice();
  }

  /** Queues `call`, giving it the next FIFO sequence number. */
  push(call: DelayedCall): void {
    call._seq = this.nextSeq++;
    const i = this.items.length;
    this.items.push(call);
    call._slot = i;
    this.siftUp(i);
  }

  /** Removes and returns the soonest call. */
  pop(): DelayedCall | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    this.removeAt(0);
    return top;
  }

  /** Removes `call` if it is queued here; a no-op otherwise. */
  remove(call: DelayedCall): void {
    const i = call._slot;
    if (i >= 0 && this.items[i] === call) this.removeAt(i);
  }

  /** Restores the order after `call.time` decreased. */
  movedEarlier(call: DelayedCall): void {
    const i = call._slot;
    if (i >= 0 && this.items[i] === call) this.siftUp(i);
  }

  private removeAt(i: number): void {
    const items = this.items;
    const removed = items[i];
    removed._slot = -1;
    const last = items.pop()!;
    if (i === items.length) return;
    items[i] = last;
    last._slot = i;
    this.siftDown(i);
    this.siftUp(last._slot);
  }

  private siftUp(i: number): void {
    const items = this.items;
    const item = items[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent];
      if (!before(item, p)) break;
      items[i] = p;
      p._slot = i;
      i = parent;
    }
    items[i] = item;
    item._slot = i;
  }

  private siftDown(i: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(items[right], items[left]) ? right : left;
      if (!before(items[child], item)) break;
      items[i] = items[child];
      items[i]._slot = i;
      i = child;
    }
    items[i] = item;
    item._slot = i;
  }
}

function before(a: DelayedCall, b: DelayedCall): boolean {
  return a.time < b.time || (a.time === b.time && a._seq < b._seq);
}
