import rule from "../../../eslint-plugin/rules/yield-deferred-only.js";
import { typedTester } from "../rule-tester.js";

const DECLS = `import { Deferred, inlineCallbacks } from "deferred-coroutine";
declare function fetchUser(): Deferred<string>;`;

typedTester().run("yield-deferred-only", rule, {
  valid: [
    `${DECLS}
const f = inlineCallbacks(function* () { const u = yield fetchUser(); });`,
    `${DECLS}
const g = inlineCallbacks(function* () { yield Promise.resolve(1); });`,
    // Delegating to a generator of Deferreds; any-typed values are not judged.
    `${DECLS}
function* steps() { yield fetchUser(); }
declare const unknownThing: any;
const h = inlineCallbacks(function* () { yield* steps(); yield unknownThing; });`,
    // Plain generators may yield anything.
    `function* numbers() { yield 1; yield; }`,
    // A union that may be a Deferred is accepted.
    `${DECLS}
declare const maybe: Deferred<number> | number;
const k = inlineCallbacks(function* () { yield maybe; });`,
  ],
  invalid: [
    {
      code: `${DECLS}
const f2 = inlineCallbacks(function* () { const u = yield fetchUser; });`,
      errors: [
        {
          messageId: "uncalledFunction",
          data: { call: "fetchUser()" },
          line: 3,
          column: 59,
          endColumn: 68,
          suggestions: [{ messageId: "callIt", output: `${DECLS}
const f2 = inlineCallbacks(function* () { const u = yield fetchUser(); });` }],
        },
      ],
    },
    {
      code: `${DECLS}
const f3 = inlineCallbacks(function* () { const n = yield 42; yield; });`,
      errors: [
        { messageId: "notDeferred", data: { type: "`42`" }, line: 3, column: 59 },
        { messageId: "notDeferred", data: { type: "bare `undefined`" }, line: 3, column: 63 },
      ],
    },
    {
      code: `${DECLS}
const f4 = inlineCallbacks(function* () { yield* [fetchUser(), fetchUser()]; });`,
      errors: [{ messageId: "delegateNotGenerator", data: { type: "`Deferred<string>[]`" }, line: 3, column: 50 }],
    },
  ],
});
