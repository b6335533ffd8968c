// One example per lint rule of the plugin: the ❌ case the rule reports (see
// Problems, where its fix or suggestion can be applied) next to the ✅ shape.
import type { Example } from "./index.js";

function rule(id: string, title: string, code: string, extra: Partial<Example> = {}): Example {
  return { id: `rule-${id}`, group: "Lint rules", title: `${id}: ${title}`, rule: `deferred-coroutine/${id}`, code, ...extra };
}

export const ruleExamples: Example[] = [
  rule(
    "no-coroutine-callback",
    "callLater with a coroutine",
    `import { reactor, ensureDeferred, logError } from "deferred-coroutine";

async function refresh(): Promise<void> {
  console.log("refreshing");
}

// ❌ the reactor calls refresh() and drops the returned Promise: its errors vanish.
reactor.callLater(0.1, refresh);

// ✅ keep the Deferred and handle its errors:
reactor.callLater(0.2, () => {
  ensureDeferred(refresh()).addErrback(logError);
});
`,
  ),
  rule(
    "no-floating-deferred",
    "a Deferred nobody handles",
    `import { Deferred, fail } from "deferred-coroutine";

function fetchUser(id: number): Deferred<string> {
  return id > 0 ? new Deferred<string>() : fail(new Error("no such user"));
}

// ❌ the failure is only reported when the Deferred is garbage-collected:
fetchUser(0);

// ✅ end the chain with an errback:
fetchUser(0).addErrback((f) => console.log("handled:", f.getErrorMessage()));
`,
  ),
  rule(
    "no-misplaced-return-value",
    "returnValue in a nested callback",
    `import { inlineCallbacks, returnValue, succeed, logError } from "deferred-coroutine";

const first = inlineCallbacks(function* () {
  const items: number[] = yield succeed([1, 2, 3]);
  // ❌ returnValue inside a callback does not return from the generator:
  // items.forEach((i) => returnValue(i));
  // ✅
  return items[0];
});

function helper(x: number): void {
  returnValue(x); // ❌ not inside an inlineCallbacks generator
}

first()
  .addCallback((v) => console.log("first =", v))
  .addErrback(logError);
void helper;
`,
  ),
  rule(
    "prefer-return",
    "returnValue(x) where return x works",
    `import { inlineCallbacks, returnValue, succeed, logError } from "deferred-coroutine";

const load = inlineCallbacks(function* () {
  const v: number = yield succeed(41);
  returnValue(v + 1); // ❌ autofix: return v + 1;
});

load()
  .addCallback((v) => console.log("loaded", v))
  .addErrback(logError);
`,
  ),
  rule(
    "no-deferred-result",
    "a Deferred as a Deferred's result",
    `import { Deferred, inlineCallbacks, succeed, logError } from "deferred-coroutine";

function fetchUser(): Deferred<string> {
  return succeed("alice");
}

const outer = inlineCallbacks(function* () {
  // ❌ returns the Deferred itself; suggestion: return (yield fetchUser())
  return fetchUser();
});

outer()
  .addCallback((v) => console.log("result:", v))
  .addErrback(logError);
`,
  ),
  rule(
    "yield-deferred-only",
    "yield of a value that is not a Deferred",
    `import { Deferred, inlineCallbacks, succeed, logError } from "deferred-coroutine";

function fetchUser(): Deferred<string> {
  return succeed("bob");
}

const show = inlineCallbacks(function* () {
  const user: unknown = yield fetchUser; // ❌ forgot (): resumes at once with the function
  const ok: string = yield fetchUser(); // ✅
  console.log(typeof user, ok);
});

show().addErrback(logError);
`,
  ),
  rule(
    "valid-deferred-coroutine",
    "a mark that marks nothing",
    `import { ensureDeferred, succeed, logError } from "deferred-coroutine";

// ❌ a misspelled tag marks nothing: load() stays a native async function.
//    Fix: @deferredCoroutine. (The rule also reports a tag on a function that
//    is not async, and inlineCallbacks given something other than function*.)
/** @deferedCoroutine */
async function load(): Promise<number> {
  return await succeed(1);
}

ensureDeferred(load())
  .addCallback((v) => console.log("loaded", v))
  .addErrback(logError);
`,
  ),
  rule(
    "no-double-fire",
    "firing a Deferred twice",
    `import { Deferred, AlreadyCalledError, logError } from "deferred-coroutine";

const d = new Deferred<string>();
d.addCallback((v) => console.log("fired with", v)).addErrback(logError);
d.callback("first");
try {
  d.callback("second"); // ❌ AlreadyCalledError
} catch (e) {
  console.log(e instanceof AlreadyCalledError ? "AlreadyCalledError, as the rule warned" : String(e));
}
`,
  ),
  rule(
    "no-swallowed-cancellation",
    "a catch-all that eats CancelledError",
    `import { Deferred, CancelledError, ensureDeferred } from "deferred-coroutine";

const work = new Deferred<void>();

/** @deferredCoroutine */
async function job(): Promise<void> {
  try {
    await work;
  } catch (e) {
    console.log("caught", String(e)); // ❌ cancellation is swallowed: the job carries on
  }
  console.log("job kept running after cancel()");
}

/** @deferredCoroutine */
async function fixedJob(): Promise<void> {
  try {
    await new Deferred<void>();
  } catch (e) {
    if (e instanceof CancelledError) throw e; // ✅
    console.log("caught", String(e));
  }
}

ensureDeferred(job()).cancel();
ensureDeferred(fixedJob()).addErrback((f) => console.log("fixedJob:", f.type?.name)).cancel();
`,
    { settings: { lint: "strict" } },
  ),
  rule(
    "no-blocking-call-in-coroutine",
    "a blocking call inside a coroutine",
    `import { deferLater, reactor } from "deferred-coroutine";

declare function readFileSync(path: string, encoding: string): string;

/** @deferredCoroutine */
async function load(): Promise<string> {
  if (Math.random() > 2) return readFileSync("/etc/hosts", "utf8"); // ❌ blocks the reactor
  return await deferLater(reactor, 0.1, () => "read without blocking"); // ✅
}

void load().then((v) => console.log(v));
`,
  ),
  rule(
    "no-busy-wait",
    "polling in a loop",
    `import { Deferred, deferLater, reactor, ensureDeferred, logError } from "deferred-coroutine";

let ready = false;
reactor.callLater(0.3, () => (ready = true));

/** @deferredCoroutine */
async function waitPolling(): Promise<void> {
  while (!ready) {
    await deferLater(reactor, 0.1); // ❌ wakes up every 0.1 s for nothing
  }
  console.log("ready (polled)");
}

// ✅ wait on a Deferred that fires when the state changes.
const readyD = new Deferred<void>();
reactor.callLater(0.3, () => readyD.callback(undefined));
readyD.addCallback(() => console.log("ready (signalled)")).addErrback(logError);

ensureDeferred(waitPolling()).addErrback(logError);
`,
    { settings: { lint: "strict" } },
  ),
];
