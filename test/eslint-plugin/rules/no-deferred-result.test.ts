import rule from "../../../eslint-plugin/rules/no-deferred-result.js";
import { typedTester } from "../rule-tester.js";

const DECLS = `import { Deferred, inlineCallbacks, returnValue } from "deferred-coroutine";
declare function fetchUser(): Deferred<string>;
declare const d: Deferred<number>;
declare const other: Deferred<number>;`;

typedTester().run("no-deferred-result", rule, {
  valid: [
    `${DECLS}
const f = inlineCallbacks(function* () { return yield fetchUser(); });
d.callback(42);`,
    `${DECLS}
const g = inlineCallbacks(function* () { const u = yield fetchUser(); returnValue(u); });
// A plain function may return a Deferred; so may an async function.
function plain() { return fetchUser(); }
async function native() { return fetchUser(); }
const h = inlineCallbacks(function* () { const inner = () => fetchUser(); yield inner(); });`,
    // callback() on something that is not a Deferred.
    `${DECLS}
declare const emitter: { callback(x: unknown): void };
emitter.callback(other);`,
  ],
  invalid: [
    {
      code: `${DECLS}
const f2 = inlineCallbacks(function* () { returnValue(fetchUser()); });`,
      errors: [
        {
          messageId: "returnValueDeferred",
          line: 5,
          column: 55,
          endColumn: 66,
          suggestions: [
            { messageId: "yieldIt", output: `${DECLS}
const f2 = inlineCallbacks(function* () { return yield fetchUser(); });` },
          ],
        },
      ],
    },
    {
      code: `${DECLS}
d.callback(other);`,
      errors: [
        {
          messageId: "callbackWithDeferred",
          line: 5,
          column: 12,
          suggestions: [{ messageId: "chainIt", output: `${DECLS}
other.chainDeferred(d);` }],
        },
      ],
    },
    {
      code: `${DECLS}
const f3 = inlineCallbacks(function* () { if (x) return d; yield d; return x ? d : other; });`,
      errors: [
        {
          messageId: "returnDeferred",
          line: 5,
          column: 57,
          suggestions: [{ messageId: "yieldIt", output: `${DECLS}
const f3 = inlineCallbacks(function* () { if (x) return yield d; yield d; return x ? d : other; });` }],
        },
        {
          messageId: "returnDeferred",
          line: 5,
          column: 76,
          suggestions: [{ messageId: "yieldIt", output: `${DECLS}
const f3 = inlineCallbacks(function* () { if (x) return d; yield d; return yield (x ? d : other); });` }],
        },
      ],
    },
    {
      // returnValue outside statement position: reported without a rewrite.
      code: `${DECLS}
const f4 = inlineCallbacks(function* () { x && returnValue(d); yield d; });`,
      errors: [{ messageId: "returnValueDeferred", line: 5, column: 60, suggestions: [] }],
    },
  ],
});
