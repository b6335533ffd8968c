import rule from "../../../eslint-plugin/rules/no-blocking-call-in-coroutine.js";
import { untypedTester } from "../rule-tester.js";

untypedTester().run("no-blocking-call-in-coroutine", rule, {
  valid: [
    `async function load() { return await readFile(p, "utf8"); }`,
    `function sync() { return readFileSync(p, "utf8"); }`,
    // A generator inlineCallbacks does not drive is not a coroutine.
    `function* gen() { execSync("ls"); }`,
    {
      code: `async function boot() { return existsSync(p); }`,
      options: [{ allow: ["existsSync"], blockingCalls: [] }],
    },
    // Dotted custom entries match the whole callee only.
    {
      code: `async function q() { other.querySync(); }`,
      options: [{ blockingCalls: ["db.querySync"], allow: [] }],
    },
  ],
  invalid: [
    {
      code: `async function load2() { return readFileSync(p, "utf8"); }`,
      errors: [
        {
          messageId: "blockingCall",
          data: { name: "readFileSync", instead: '`readFile` from "node:fs/promises"' },
          line: 1,
          column: 33,
          endColumn: 56,
        },
      ],
    },
    {
      code: `import { inlineCallbacks } from "deferred-coroutine";
const f = inlineCallbacks(function* () { childProcess.execSync("sleep 1"); yield d; });`,
      errors: [{ messageId: "blockingCall", data: { name: "childProcess.execSync", instead: '`execFile`/`spawn` from "node:child_process" with a callback or a Deferred' }, line: 2, column: 42 }],
    },
    {
      // A Deferred callback, a tagged function, Atomics.wait.
      code: `d.addCallback((r) => fs.writeFileSync(out, r));
/** @deferredCoroutine */
async function wait() { Atomics.wait(view, 0, 0); }`,
      errors: [
        { messageId: "blockingCall", data: { name: "fs.writeFileSync", instead: '`writeFile` from "node:fs/promises"' }, line: 1, column: 22 },
        { messageId: "blockingCall", data: { name: "Atomics.wait", instead: "`Atomics.waitAsync`" }, line: 3, column: 25 },
      ],
    },
    {
      code: `async function q() { db.querySync(); legacyLookup(); }`,
      options: [{ blockingCalls: ["db.querySync", "legacyLookup"], allow: [] }],
      errors: [
        { messageId: "blockingCall", data: { name: "db.querySync", instead: "an asynchronous API" }, line: 1, column: 22 },
        { messageId: "blockingCall", data: { name: "legacyLookup", instead: "an asynchronous API" }, line: 1, column: 38 },
      ],
    },
  ],
});
