/**
 * Reactor timed calls against raw host timers: schedule 100 000 calls and
 * wait until all have run. The reactor keeps its calls in one heap behind a
 * single host timer; the baseline asks the host for 100 000 timers.
 *
 * @module
 */
import { reactor } from "../runtime/reactor.js";
import type { BenchCase } from "./case.js";

const TIMERS = 100_000;

/** Delays in seconds, 0–5 ms, fixed so every sample schedules the same calls. */
const spread = Array.from({ length: TIMERS }, (_, i) => ((i * 7919) % 5000) / 1e6);

/** Schedules `n` calls with `schedule(i, done)` and resolves once all of them ran. */
function allFired(n: number, schedule: (i: number, fired: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    let left = n;
    const fired = (): void => {
      if (--left === 0) resolve();
    };
    for (let i = 0; i < n; i++) schedule(i, fired);
  });
}

export const cases: BenchCase[] = [
  {
    group: "100 000 timers, delay 0",
    name: "setTimeout",
    baseline: true,
    n: TIMERS,
    run: (n) => allFired(n, (_i, fired) => setTimeout(fired, 0)),
  },
  {
    group: "100 000 timers, delay 0",
    name: "reactor.callLater",
    n: TIMERS,
    run: (n) => allFired(n, (_i, fired) => reactor.callLater(0, fired)),
  },
  {
    group: "100 000 timers, delays 0–5 ms",
    name: "setTimeout",
    baseline: true,
    n: TIMERS,
    run: (n) => allFired(n, (i, fired) => setTimeout(fired, spread[i] * 1000)),
  },
  {
    group: "100 000 timers, delays 0–5 ms",
    name: "reactor.callLater",
    n: TIMERS,
    run: (n) => allFired(n, (i, fired) => reactor.callLater(spread[i], fired)),
  },
  {
    group: "100 000 timers, scheduled then cancelled",
    name: "setTimeout + clearTimeout",
    baseline: true,
    n: TIMERS,
    run: (n) => {
      const handles = new Array<ReturnType<typeof setTimeout>>(n);
      for (let i = 0; i < n; i++) handles[i] = setTimeout(noop, 1000 + i);
      for (let i = 0; i < n; i++) clearTimeout(handles[i]);
    },
  },
  {
    group: "100 000 timers, scheduled then cancelled",
    name: "reactor.callLater + cancel",
    n: TIMERS,
    run: (n) => {
      const calls = new Array<ReturnType<typeof reactor.callLater>>(n);
      for (let i = 0; i < n; i++) calls[i] = reactor.callLater(1 + i / 1000, noop);
      for (let i = 0; i < n; i++) calls[i].cancel();
    },
  },
];

function noop(): void {}
