/**
 * Deferred callback chains against native Promise `.then` chains, and
 * coroutines (inlineCallbacks, and a hand-written step function in the shape
 * the transform emits) against native async/await, on ready and on pending
 * values.
 *
 * @module
 */
import type { BenchCase } from "./case.js";
import { Deferred, coResult, coReady, coReturn, coSite, coStart, coSuspend, coThenable, coThrow, inlineCallbacks, succeed } from "../runtime/index.js";
import type { Frame } from "../runtime/index.js";

let sink = 0;

function inc(x: number): number {
  return x + 1;
}

// ---- callback chains -------------------------------------------------------

function deferredChain(n: number): void {
  const d = new Deferred<number>();
  for (let i = 0; i < n; i++) d.addCallback(inc);
  d.addCallback((x: number) => {
    sink += x;
  });
  d.callback(0);
}

async function promiseChain(n: number): Promise<void> {
  let p: Promise<number> = Promise.resolve(0);
  for (let i = 0; i < n; i++) p = p.then(inc);
  sink += await p;
}

function deferredChainReturningFired(n: number): void {
  const d = new Deferred<number>();
  for (let i = 0; i < n; i++) d.addCallback((x: number) => succeed(x + 1));
  d.addCallback((x: number) => {
    sink += x;
  });
  d.callback(0);
}

// ---- ready awaits ------------------------------------------------------------

async function nativeReady(n: number): Promise<void> {
  let s = 0;
  for (let i = 0; i < n; i++) s += await i;
  sink += s;
}

const icReady = inlineCallbacks(function* (n: number) {
  let s = 0;
  for (let i = 0; i < n; i++) s += (yield succeed(i)) as number;
  return s;
});

/** `async function sum(n) { let s = 0; for (let i = 0; i < n; i++) s += await i; return s; }`, compiled by hand. */
const sumSite = coSite("sum", "bench/deferred-chains.ts", 1);
interface SumFrame extends Frame {
  n: number;
  s: number;
  i: number;
}
function abiSum(n: number): Deferred<number> {
  const f: SumFrame = { state: 0, step: sum$step, site: sumSite, d: null as any, waitingOn: null, ctx: null, e: false, n, s: 0, i: 0 };
  return coStart(f);
}
function sum$step(f: SumFrame, $v: unknown, $e: boolean): Deferred<any> | undefined {
  try {
    for (;;) {
      switch (f.state) {
        case 0:
          f.s = 0;
          f.i = 0;
        // falls through
        case 1:
          if (!(f.i < f.n)) return coReturn(f.d, f.s);
          $v = f.i;
          if ((typeof $v === "object" && $v !== null) || typeof $v === "function") {
            if (!($v instanceof Deferred)) $v = coThenable($v);
            if ($v instanceof Deferred) {
              if (!coReady($v)) {
                f.state = 2;
                return coSuspend(f, $v);
              }
              $v = coResult($v, f);
              $e = f.e;
            } else $e = false;
          } else $e = false;
        // falls through
        case 2:
          if ($e) throw $v;
          f.s += $v as number;
          f.i++;
          f.state = 1;
          continue;
      }
      return undefined;
    }
  } catch (ex) {
    return coThrow(f.d, ex, f.site);
  }
}

// ---- pending awaits: n suspensions, released one after another --------------

async function nativePending(n: number): Promise<void> {
  const resolvers: ((v: number) => void)[] = [];
  const ps: Promise<number>[] = [];
  for (let i = 0; i < n; i++) ps.push(new Promise<number>((r) => resolvers.push(r)));
  const worker = (async () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += await ps[i]!;
    return s;
  })();
  for (let i = 0; i < n; i++) resolvers[i]!(i);
  sink += await worker;
}

const icPendingWorker = inlineCallbacks(function* (ds: Deferred<number>[]) {
  let s = 0;
  for (let i = 0; i < ds.length; i++) s += (yield ds[i]) as number;
  return s;
});

function icPending(n: number): void {
  const ds: Deferred<number>[] = [];
  for (let i = 0; i < n; i++) ds.push(new Deferred<number>());
  const w = icPendingWorker(ds);
  for (let i = 0; i < n; i++) ds[i]!.callback(i);
  w.addCallback((s: number) => {
    sink += s;
  });
}

/** `async function worker(ds) { let s = 0; for (const d of ds) s += await d; return s; }`, compiled by hand. */
const workerSite = coSite("worker", "bench/deferred-chains.ts", 2);
interface WorkerFrame extends Frame {
  ds: Deferred<number>[];
  s: number;
  i: number;
}
function abiWorker(ds: Deferred<number>[]): Deferred<number> {
  const f: WorkerFrame = { state: 0, step: worker$step, site: workerSite, d: null as any, waitingOn: null, ctx: null, e: false, ds, s: 0, i: 0 };
  return coStart(f);
}
function worker$step(f: WorkerFrame, $v: unknown, $e: boolean): Deferred<any> | undefined {
  try {
    for (;;) {
      switch (f.state) {
        case 0:
          f.s = 0;
          f.i = 0;
        // falls through
        case 1:
          if (!(f.i < f.ds.length)) return coReturn(f.d, f.s);
          $v = f.ds[f.i];
          if ((typeof $v === "object" && $v !== null) || typeof $v === "function") {
            if (!($v instanceof Deferred)) $v = coThenable($v);
            if ($v instanceof Deferred) {
              if (!coReady($v)) {
                f.state = 2;
                return coSuspend(f, $v);
              }
              $v = coResult($v, f);
              $e = f.e;
            } else $e = false;
          } else $e = false;
        // falls through
        case 2:
          if ($e) throw $v;
          f.s += $v as number;
          f.i++;
          f.state = 1;
          continue;
      }
      return undefined;
    }
  } catch (ex) {
    return coThrow(f.d, ex, f.site);
  }
}

function abiPending(n: number): void {
  const ds: Deferred<number>[] = [];
  for (let i = 0; i < n; i++) ds.push(new Deferred<number>());
  const w = abiWorker(ds);
  for (let i = 0; i < n; i++) ds[i]!.callback(i);
  w.addCallback((s: number) => {
    sink += s;
  });
}

export const cases: BenchCase[] = [
  { group: "callback chain, 100 stages", name: "native Promise .then chain", baseline: true, run: (n) => chainMany(n, promiseChain) },
  { group: "callback chain, 100 stages", name: "Deferred addCallback chain", run: (n) => chainMany(n, deferredChain) },
  { group: "callback chain, 100 stages", name: "Deferred, each stage returns succeed(x)", run: (n) => chainMany(n, deferredChainReturningFired) },
  { group: "1000 awaits of ready values", name: "native async/await", baseline: true, run: (n) => repeat(n, nativeReady) },
  { group: "1000 awaits of ready values", name: "inlineCallbacks yielding succeed(i)", run: (n) => repeat(n, (k) => void icReady(k)) },
  { group: "1000 awaits of ready values", name: "coroutine ABI (hand-written step)", run: (n) => repeat(n, (k) => void abiSum(k)) },
  { group: "1000 awaits of pending values", name: "native async/await", baseline: true, run: (n) => repeat(n, nativePending) },
  { group: "1000 awaits of pending values", name: "inlineCallbacks yielding pending Deferreds", run: (n) => repeat(n, icPending) },
  { group: "1000 awaits of pending values", name: "coroutine ABI (hand-written step)", run: (n) => repeat(n, abiPending) },
];

/** n chains of 100 stages each (n = operations; one operation = one chain). */
async function chainMany(n: number, one: (k: number) => void | Promise<void>): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = one(100);
    if (r !== undefined) await r;
  }
}

/** n runs of a 1000-await coroutine. */
async function repeat(n: number, one: (k: number) => void | Promise<void>): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = one(1000);
    if (r !== undefined) await r;
  }
}

export function _sink(): number {
  return sink;
}
