import { afterEach, expect, test } from "vitest";
import { Deferred, addLogObserver, inlineCallbacks, removeLogObserver, succeed, type LogEvent } from "../../runtime/index.js";

const relay = inlineCallbacks(function* (prev: Deferred<number>) {
  return ((yield prev) as number) + 1;
});

interface Attempt {
  leaf: Deferred<number>;
  top: Deferred<number>;
  tried: boolean;
  threw: boolean;
}

function makeAttempt(): Attempt {
  const leaf = new Deferred<number>();
  let top: Deferred<number> = leaf;
  for (let i = 0; i < 3; i++) {
    top = relay(top);
    const inner = top;
    top = succeed(0).addCallback(() => inner);
  }
  return { leaf, top, tried: false, threw: false };
}

/** Has its final result: fired, not paused, not waiting on another Deferred. */
function finished(d: Deferred<unknown>): boolean {
  return d.called && d.paused === 0 && !(d.result instanceof Deferred);
}

const attempts: Attempt[] = [];
let depth = 0;
let deepest = -1;

/** Recurse until the stack overflows, then fire one attempt at each of the deepest levels while unwinding. */
function descend(): void {
  depth++;
  try {
    descend();
  } catch (e) {
    if (deepest < 0) deepest = depth;
    const a = attempts[deepest - depth];
    depth--;
    if (a === undefined) return;
    a.tried = true;
    try {
      a.leaf.callback(1);
    } catch {
      a.threw = true;
    }
    throw e;
  }
}

const logged: LogEvent[] = [];
const observer = (e: LogEvent): void => {
  logged.push(e);
};
afterEach(() => removeLogObserver(observer));

test("a stack overflow while firing never leaves a chain unfinished without telling anyone", () => {
  addLogObserver(observer);
  for (let i = 0; i < 400; i++) attempts.push(makeAttempt());
  try {
    descend();
  } catch {}
  expect(attempts.every((a) => a.tried)).toBe(true);
  for (const a of attempts) {
    if (!a.leaf.called) {
      // The overflow happened before the Deferred fired: the firer got the error.
      expect(a.threw).toBe(true);
    } else if (!finished(a.top)) {
      // Fired but the chain did not finish: it must have been thrown to the firer or logged.
      expect(a.threw || logged.some((e) => e.level === "critical")).toBe(true);
    }
  }
  // Some attempts overflowed, and the shallower ones completed normally.
  expect(attempts.some((a) => a.threw || !finished(a.top))).toBe(true);
  expect(finished(attempts.at(-1)!.top)).toBe(true);
  expect(attempts.at(-1)!.top.result).toBe(4);
});
