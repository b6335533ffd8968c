import rule from "../../../eslint-plugin/rules/no-coroutine-callback.js";
import { typedTester, untypedTester } from "../rule-tester.js";

const IMPORT = 'import { reactor } from "deferred-coroutine";';
const ADDED = 'import { ensureDeferred, logError } from "deferred-coroutine";';

untypedTester().run("no-coroutine-callback", rule, {
  valid: [
    `${IMPORT}
async function refresh() {}
reactor.callLater(1, () => { ensureDeferred(refresh()).addErrback(logError); });`,
    `${IMPORT}
function tickSync(): void {}
reactor.callLater(1, tickSync);`,
    // LoopingCall, deferLater and "before" triggers wait for the returned Deferred.
    `import { reactor, deferLater, LoopingCall } from "deferred-coroutine";
async function refresh() {}
deferLater(reactor, 1, refresh);
new LoopingCall(refresh).start(5);
reactor.addSystemEventTrigger("before", "shutdown", refresh);`,
    // A local binding named setTimeout is not the timer.
    `function schedule(setTimeout: (fn: () => void) => void) { setTimeout(async () => {}); }`,
    // Without checkTypes, a parameter's type is not consulted.
    `function later(load: () => Promise<void>) { setTimeout(load, 10); }`,
    // A generator that inlineCallbacks does not drive is not a coroutine.
    `setTimeout(function* () {}, 1);`,
    // A shadowed import is not the runtime's.
    `import { succeed } from "deferred-coroutine";
function f(succeed: () => void) { setTimeout(succeed); }`,
  ],
  invalid: [
    {
      code: `${IMPORT}
async function refresh() {}
reactor.callLater(1, refresh);`,
      errors: [
        {
          messageId: "coroutinePassed",
          data: { name: "`refresh`", scheduler: "callLater" },
          line: 3,
          column: 22,
          endColumn: 29,
          suggestions: [
            {
              messageId: "wrapInHandler",
              output: `${IMPORT}
${ADDED}
async function refresh() {}
reactor.callLater(1, () => { ensureDeferred(refresh()).addErrback(logError); });`,
            },
          ],
        },
      ],
    },
    {
      // A decorated coroutine method handed to a user scheduler.
      code: `import { deferredCoroutine } from "deferred-coroutine";
class Users {
  @deferredCoroutine async fetchUser() {}
  start(loop: { callSoon(fn: () => void): void }) { loop.callSoon(this.fetchUser); }
}`,
      options: [{ schedulers: [{ name: "callSoon", argument: 0 }] }],
      errors: [
        {
          messageId: "coroutinePassed",
          line: 4,
          column: 67,
          suggestions: [
            {
              messageId: "wrapInHandler",
              output: `import { deferredCoroutine } from "deferred-coroutine";
${ADDED}
class Users {
  @deferredCoroutine async fetchUser() {}
  start(loop: { callSoon(fn: () => void): void }) { loop.callSoon(() => { ensureDeferred(this.fetchUser()).addErrback(logError); }); }
}`,
            },
          ],
        },
      ],
    },
    {
      // An inline async arrow; the namespace import is reused by the suggestion.
      code: `import * as dc from "deferred-coroutine";
setTimeout(async () => { await dc.succeed(1); }, 5);`,
      errors: [
        {
          messageId: "coroutinePassed",
          line: 2,
          column: 12,
          suggestions: [
            {
              messageId: "wrapInHandler",
              output: `import * as dc from "deferred-coroutine";
setTimeout(() => { dc.ensureDeferred((async () => { await dc.succeed(1); })()).addErrback(dc.logError); }, 5);`,
            },
          ],
        },
      ],
    },
    {
      // Calling the coroutine passes its Deferred, not a function.
      code: `${IMPORT}
async function refresh() {}
reactor.callLater(0, refresh());`,
      errors: [
        {
          messageId: "calledCoroutinePassed",
          data: { name: "`refresh(…)`", scheduler: "callLater" },
          line: 3,
          column: 22,
          suggestions: [
            {
              messageId: "wrapInHandler",
              output: `${IMPORT}
${ADDED}
async function refresh() {}
reactor.callLater(0, () => { ensureDeferred(refresh()).addErrback(logError); });`,
            },
          ],
        },
      ],
    },
    {
      // "after" triggers drop the result; arguments passed on leave no safe wrapper.
      code: `import { reactor, maybeDeferred as md } from "deferred-coroutine";
reactor.addSystemEventTrigger("after", "shutdown", md, () => 1);`,
      errors: [{ messageId: "coroutinePassed", data: { name: "`md`", scheduler: 'addSystemEventTrigger("after", …)' }, line: 2, column: 52, suggestions: [] }],
    },
    {
      // inlineCallbacks(...) returns a coroutine function; process.nextTick drops its Deferred.
      code: `import { inlineCallbacks as ic, ensureDeferred as ed, logError } from "deferred-coroutine";
const step = ic(function* () { yield 1; });
process.nextTick(step);
reactor.callWhenRunning(step.bind(null));`,
      errors: [
        {
          messageId: "coroutinePassed",
          data: { name: "`step`", scheduler: "process.nextTick" },
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: "wrapInHandler",
              output: `import { inlineCallbacks as ic, ensureDeferred as ed, logError } from "deferred-coroutine";
const step = ic(function* () { yield 1; });
process.nextTick(() => { ed(step()).addErrback(logError); });
reactor.callWhenRunning(step.bind(null));`,
            },
          ],
        },
        {
          messageId: "coroutinePassed",
          data: { name: "`step.bind(…)`", scheduler: "callWhenRunning" },
          line: 4,
          column: 25,
          suggestions: [
            {
              messageId: "wrapInHandler",
              output: `import { inlineCallbacks as ic, ensureDeferred as ed, logError } from "deferred-coroutine";
const step = ic(function* () { yield 1; });
process.nextTick(step);
reactor.callWhenRunning(() => { ed((step.bind(null))()).addErrback(logError); });`,
            },
          ],
        },
      ],
    },
    {
      // A function tagged in a comment, and a user-declared coroutine API.
      code: `/** @deferredCoroutine */
async function crawl() {}
queueMicrotask(crawl);
setInterval(api.poll, 1000, "x");`,
      options: [{ coroutines: ["api.poll"] }],
      errors: [
        { messageId: "coroutinePassed", line: 3, column: 16, suggestions: [{ messageId: "wrapInHandler", output: `import { ensureDeferred, logError } from "deferred-coroutine";
/** @deferredCoroutine */
async function crawl() {}
queueMicrotask(() => { ensureDeferred(crawl()).addErrback(logError); });
setInterval(api.poll, 1000, "x");` }] },
        { messageId: "coroutinePassed", line: 4, column: 13, suggestions: [] },
      ],
    },
  ],
});

typedTester().run("no-coroutine-callback (checkTypes)", rule, {
  valid: [
    // checkTypes off: the same code as the invalid cases below is accepted.
    `import { reactor, Deferred } from "deferred-coroutine";
declare function load(): Deferred<number>;
reactor.callLater(1, load);`,
    {
      code: `import { reactor } from "deferred-coroutine";
declare function tick(): void;
declare const anything: any;
reactor.callLater(1, tick);
reactor.callLater(1, anything);`,
      options: [{ checkTypes: true }],
    },
  ],
  invalid: [
    {
      code: `import { reactor, Deferred } from "deferred-coroutine";
declare function load(): Deferred<number>;
reactor.callLater(1, load);`,
      options: [{ checkTypes: true }],
      errors: [{ messageId: "coroutinePassed", line: 3, column: 22, suggestions: [{ messageId: "wrapInHandler", output: `import { reactor, Deferred } from "deferred-coroutine";
import { ensureDeferred, logError } from "deferred-coroutine";
declare function load(): Deferred<number>;
reactor.callLater(1, () => { ensureDeferred(load()).addErrback(logError); });` }] }],
    },
    {
      code: `function later(load: () => Promise<void>, pending: Promise<void>) { setTimeout(load, 10); setTimeout(pending as any as Promise<void>); }`,
      options: [{ checkTypes: true }],
      errors: [
        { messageId: "coroutinePassed", line: 1, column: 80, suggestions: [{ messageId: "wrapInHandler", output: `import { ensureDeferred, logError } from "deferred-coroutine";
function later(load: () => Promise<void>, pending: Promise<void>) { setTimeout(() => { ensureDeferred(load()).addErrback(logError); }, 10); setTimeout(pending as any as Promise<void>); }` }] },
        { messageId: "calledCoroutinePassed", line: 1, column: 102, suggestions: [{ messageId: "wrapInHandler", output: `import { ensureDeferred, logError } from "deferred-coroutine";
function later(load: () => Promise<void>, pending: Promise<void>) { setTimeout(load, 10); setTimeout(() => { ensureDeferred(pending as any as Promise<void>).addErrback(logError); }); }` }] },
      ],
    },
  ],
});
