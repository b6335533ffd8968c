/**
 * The queue of pending timed calls of the reactor and of `Clock`, ordered by
 * (`_key`, `_seq`): the call's time as its owner sees it, then an order number
 * (scheduling order, unless the owner assigns one). Each call keeps its
 * position in `_slot`, so removing a cancelled call and moving a call earlier
 * need no search.
 *
 * Two structures share the work:
 * - a FIFO *run* of calls whose times never decrease in scheduling order —
 *   the usual case (the same delay, or growing delays, from a clock that only
 *   moves forward), where pushing and popping are O(1) and memory is read in
 *   order;
 * - a binary min-heap for every call that would break that order, O(log n).
 * `pop` takes the earlier of the two heads.
 *
 * The reactor keys calls by `time`, not `getTime()`: a postponement
 * (`delayedTime`) is applied lazily when the call reaches the front, as
 * Twisted's reactor does. Equal times keep scheduling order (Twisted's heap does
 * not promise that; FIFO is a stricter, compatible choice). `Clock` keys calls
 * by `getTime()` and assigns order numbers itself when calls move.
 *
 * `_slot` encoding: `>= 0` heap index; `<= -2` the run, absolute position
 * `-2 - _slot`; `-1` not queued.
 *
 * @module
 */
import type { DelayedCall } from "./delayed-call.js";

/** A priority queue of {@link DelayedCall}s. @internal */
export class TimerQueue {
  private readonly heap: DelayedCall[] = [];
  /** The run; removed entries are null. Index i holds absolute position `runBase + i`. */
  private run: (DelayedCall | null)[] = [];
  private runBase = 0;
  /** Index in `run` of the first live entry (when `runLive > 0`). */
  private runHead = 0;
  private runLive = 0;
  /**
   * Key and order number of the last call appended to the run (copied: the
   * call itself may be re-keyed later).
   */
  private runLastKey = -Infinity;
  private runLastSeq = -Infinity;
  /** Next order number for `push` (counts up) and `pushFirst` (counts down). */
  private nextSeq = 0;
  private firstSeq = 0;

  /** Number of queued calls. */
  get size(): number {
    return this.heap.length + this.runLive;
  }

  /** The soonest call, or undefined. */
  peek(): DelayedCall | undefined {
    const h = this.heap[0];
    const r = this.runLive > 0 ? this.run[this.runHead]! : undefined;
    if (h === undefined) return r;
    if (r === undefined) return h;
    return before(r, h) ? r : h;
  }

  /** All queued calls, in no particular order. */
  toArray(): DelayedCall[] {
    const live = this.run.filter((c): c is DelayedCall => c !== null);
    return this.heap.concat(live);
  }

  /** Queues `call` at `key` (default: `call.time`), behind every call queued with the same key. */
  push(call: DelayedCall, key: number = call.time): void {
    call._key = key;
    call._seq = this.nextSeq++;
    this.insert(call);
  }

  /** Queues `call` at `key`, ahead of every call queued so far with the same key. */
  pushFirst(call: DelayedCall, key: number): void {
    call._key = key;
    call._seq = --this.firstSeq;
    this.insert(call);
  }

  /** Removes and returns the soonest call. */
  pop(): DelayedCall | undefined {
    const top = this.peek();
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes `call` if it is queued here; a no-op otherwise. */
  remove(call: DelayedCall): void {
    const slot = call._slot;
    if (slot >= 0) {
      if (this.heap[slot] === call) this.heapRemoveAt(slot);
      return;
    }
    if (slot > -2) return;
    const i = -2 - slot - this.runBase;
    if (this.run[i] !== call) return;
    this.run[i] = null;
    call._slot = -1;
    this.runLive--;
    if (this.runLive === 0) {
      this.runBase += this.run.length;
      this.run = [];
      this.runHead = 0;
      this.runLastKey = -Infinity;
      this.runLastSeq = -Infinity;
    } else if (i === this.runHead) {
      while (this.run[this.runHead] === null) this.runHead++;
      this.compactRun();
    }
  }

  /** Re-keys `call` to the smaller `key` (default: `call.time`), keeping its order number. */
  movedEarlier(call: DelayedCall, key: number = call.time): void {
    const slot = call._slot;
    call._key = key;
    if (slot >= 0) {
      if (this.heap[slot] === call) this.siftUp(slot);
    } else if (slot <= -2) {
      // An earlier time may break the run's order: move the call to the heap.
      this.remove(call);
      this.heapPush(call);
    }
  }

  private insert(call: DelayedCall): void {
    const key = call._key;
    if (key > this.runLastKey || (key === this.runLastKey && call._seq > this.runLastSeq)) {
      call._slot = -2 - (this.runBase + this.run.length);
      this.run.push(call);
      if (this.runLive === 0) this.runHead = this.run.length - 1;
      this.runLive++;
      this.runLastKey = key;
      this.runLastSeq = call._seq;
    } else {
      this.heapPush(call);
    }
  }

  /** Drops the removed prefix of the run once it is large, so memory does not grow. */
  private compactRun(): void {
    if (this.runHead < 1024 || this.runHead * 2 < this.run.length) return;
    this.run = this.run.slice(this.runHead);
    this.runBase += this.runHead;
    this.runHead = 0;
  }

  private heapPush(call: DelayedCall): void {
    const i = this.heap.length;
    this.heap.push(call);
    call._slot = i;
    this.siftUp(i);
  }

  private heapRemoveAt(i: number): void {
    const items = this.heap;
    items[i]._slot = -1;
    const last = items.pop()!;
    if (i === items.length) return;
    items[i] = last;
    last._slot = i;
    this.siftDown(i);
    this.siftUp(last._slot);
  }

  private siftUp(i: number): void {
    const items = this.heap;
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
    const items = this.heap;
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
  return a._key < b._key || (a._key === b._key && a._seq < b._seq);
}
