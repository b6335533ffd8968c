// Concept examples: each shows one idea of Deferred coroutines, best read with the
// Timeline tab open.
import type { Example } from "./index.js";

export const conceptExamples: Example[] = [
  {
    id: "ready-vs-pending",
    group: "Concepts",
    title: "Ready vs pending awaits",
    code: `import { Deferred, succeed, ensureDeferred, logError } from "deferred-coroutine";

/** @deferredCoroutine */
async function add(pending: Deferred<number>): Promise<number> {
  const a = await succeed(1); // ready: resumes synchronously, no microtask
  console.log("2. resumed after the ready await, still inside the call");
  const b = await pending; // pending: resumes inside pending.callback()
  console.log("4. resumed by pending.callback()");
  return a + b;
}

const pending = new Deferred<number>();
console.log("1. calling add()");
ensureDeferred(add(pending))
  .addCallback((sum) => console.log("5. sum =", sum))
  .addErrback(logError);
console.log("3. add() is now waiting on the pending Deferred");
pending.callback(41);
console.log("6. done: everything above ran synchronously");
`,
  },
  {
    id: "cancellation",
    group: "Concepts",
    title: "Cancellation through awaits",
    code: `import { Deferred, CancelledError, ensureDeferred } from "deferred-coroutine";

const inner = new Deferred<string>(() => console.log("inner canceller runs"));

/** @deferredCoroutine */
async function fetchPage(): Promise<string> {
  try {
    return await inner;
  } catch (e) {
    if (e instanceof CancelledError) console.log("the await threw CancelledError");
    throw e;
  }
}

const d = ensureDeferred(fetchPage());
d.addErrback((f) => {
  f.trap(CancelledError);
  console.log("outer Deferred failed with CancelledError");
});
d.cancel(); // reaches the innermost awaited Deferred
`,
  },
  {
    id: "three-styles",
    group: "Concepts",
    title: "inlineCallbacks vs @deferredCoroutine vs async/await",
    code: `import { inlineCallbacks, succeed, ensureDeferred, logError } from "deferred-coroutine";

const order: string[] = [];

// 1. Twisted's classic style: a generator driven by inlineCallbacks.
const viaGenerator = inlineCallbacks(function* () {
  const v: number = yield succeed(1);
  order.push("generator resumed");
  return v;
});

// 2. The transform: the same async function, compiled to a Deferred state machine.
/** @deferredCoroutine */
async function viaTransform(): Promise<number> {
  const v = await succeed(2);
  order.push("transformed resumed");
  return v;
}

// 3. Plain async/await: resumes in a microtask, after the synchronous code.
async function viaNative(): Promise<number> {
  const v = await succeed(3);
  order.push("native resumed");
  return v;
}

viaGenerator().addErrback(logError);
ensureDeferred(viaTransform()).addErrback(logError);
void viaNative();
order.push("synchronous code done");
console.log("now:  ", order.join(" → "));
setTimeout(() => console.log("later:", order.join(" → ")), 0);
`,
  },
  {
    id: "deferred-list",
    group: "Concepts",
    title: "DeferredList and gatherResults",
    code: `import { Deferred, DeferredList, gatherResults, logError } from "deferred-coroutine";

// DeferredList waits for all and reports each outcome as [success, result].
const a = new Deferred<number>();
const b = new Deferred<number>();
new DeferredList([a, b], { consumeErrors: true })
  .addCallback((results) => {
    for (const [ok, value] of results) console.log(ok ? "success" : "failure", String(value));
  })
  .addErrback(logError);
a.callback(1);
b.errback(new Error("b broke"));

// gatherResults fails as soon as one fails (FirstError wraps the failure).
const c = new Deferred<number>();
const d = new Deferred<number>();
gatherResults([c, d])
  .addCallback((values) => console.log("gathered", values))
  .addErrback((f) => console.log("gatherResults failed:", f.getErrorMessage()));
c.callback(1);
d.errback(new Error("d broke"));
`,
  },
  {
    id: "timeout-virtual-clock",
    group: "Concepts",
    title: "addTimeout on the virtual clock",
    settings: { clock: "virtual" },
    code: `import { Deferred, TimeoutError, reactor, logError } from "deferred-coroutine";

// With Settings → Clock = "virtual Clock", \`reactor\` runs on a Clock: use the
// Step / Advance 1 s / Run until idle buttons to move time.
const slow = new Deferred<string>();
reactor.callLater(5, () => slow.callback("finally"));
slow
  .addTimeout(2, reactor)
  .addCallback((v) => console.log("result", v))
  .addErrback((f) => {
    f.trap(TimeoutError);
    console.log("timed out at t =", reactor.seconds());
  })
  .addErrback(logError);
console.log("scheduled at t =", reactor.seconds());
`,
  },
  {
    id: "interop",
    group: "Concepts",
    title: "ensureDeferred and asFuture interop",
    code: `import { Deferred, ensureDeferred, logError } from "deferred-coroutine";

async function nativeWork(): Promise<number> {
  return 20;
}

/** @deferredCoroutine */
async function double(): Promise<number> {
  return (await nativeWork()) * 2; // awaiting a native Promise works (one microtask)
}

// A Deferred from a coroutine, and a native Promise from a Deferred.
const d = ensureDeferred(double());
d.asFuture().then((v) => console.log("asFuture resolved with", v));
// And the other way round: a Deferred that follows a Promise.
Deferred.fromFuture(Promise.resolve("from a Promise"))
  .addCallback((v) => console.log(v))
  .addErrback(logError);
`,
  },
  {
    id: "stop-timers",
    group: "Concepts",
    title: "Timers, Stop and runaway loops",
    code: `import { reactor } from "deferred-coroutine";

// Press Stop: the run's iframe is destroyed, and every pending timer with it.
let n = 0;
function tick(): void {
  console.log("tick", ++n);
  reactor.callLater(0.5, tick);
}
tick();

// A synchronous runaway loop would freeze the page; the playground stops it.
// Uncomment to try:
// while (true) {}
`,
  },
];
