import rule from "../../../eslint-plugin/rules/no-misplaced-return-value.js";
import { untypedTester } from "../rule-tester.js";

untypedTester().run("no-misplaced-return-value", rule, {
  valid: [
    `import { inlineCallbacks, returnValue } from "deferred-coroutine";
const f = inlineCallbacks(function* () { const r = yield get(); returnValue(r); });`,
    `import { inlineCallbacks } from "deferred-coroutine";
const g = inlineCallbacks(function* () { return yield get(); });`,
    // A generator wrapped by name, and one decorated as a method.
    `import { inlineCallbacks, returnValue } from "deferred-coroutine";
function* load() { returnValue(yield get()); }
export const loadD = inlineCallbacks(load);
class C { @inlineCallbacks *m() { returnValue(1); } }`,
    // Namespace import.
    `import * as dc from "deferred-coroutine";
const f = dc.inlineCallbacks(function* () { dc.returnValue(yield get()); });`,
    // Someone else's returnValue.
    `function returnValue(x: unknown) { return x; }
function helper(x: unknown) { returnValue(x); }`,
  ],
  invalid: [
    {
      code: `import { returnValue } from "deferred-coroutine";
function helper(x: unknown) { returnValue(x); }`,
      errors: [{ messageId: "notInGenerator", line: 2, column: 31, endColumn: 45 }],
    },
    {
      code: `import { inlineCallbacks, returnValue as rv } from "deferred-coroutine";
const h = inlineCallbacks(function* () { items.forEach(i => rv(i)); yield d; });`,
      errors: [{ messageId: "inNestedFunction", line: 2, column: 61 }],
    },
    {
      // A generator that inlineCallbacks does not drive, and an async function.
      code: `import { returnValue } from "deferred-coroutine";
function* plain() { returnValue(1); }
async function native() { returnValue(2); }`,
      errors: [
        { messageId: "notInGenerator", line: 2, column: 21 },
        { messageId: "notInGenerator", line: 3, column: 27 },
      ],
    },
    {
      code: `import * as dc from "deferred-coroutine";
const f = dc.inlineCallbacks(function* () { const g = function* () { dc.returnValue(1); }; yield g; });`,
      errors: [{ messageId: "inNestedFunction", line: 2, column: 70 }],
    },
  ],
});
