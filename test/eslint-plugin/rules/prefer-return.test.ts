import rule from "../../../eslint-plugin/rules/prefer-return.js";
import { untypedTester } from "../rule-tester.js";

const IMPORT = 'import { inlineCallbacks, returnValue } from "deferred-coroutine";';

untypedTester().run("prefer-return", rule, {
  valid: [
    `${IMPORT}
const f = inlineCallbacks(function* () { return yield get(); });`,
    `${IMPORT}
const g = inlineCallbacks(function* () { const v = yield get(); return v + 1; });`,
    // Not in statement position, or not directly in the generator: other rules' business.
    `${IMPORT}
const h = inlineCallbacks(function* () { const x = yield get(); x && returnValue(x); });
function helper() { returnValue(1); }`,
  ],
  invalid: [
    {
      code: `${IMPORT}
const f2 = inlineCallbacks(function* () { const v = yield get(); returnValue(v); });`,
      output: `${IMPORT}
const f2 = inlineCallbacks(function* () { const v = yield get(); return v; });`,
      errors: [{ messageId: "preferReturn", line: 2, column: 66, endColumn: 80 }],
    },
    {
      code: `${IMPORT}
const f3 = inlineCallbacks(function* () { if (c) { returnValue(1); } yield d; });`,
      output: `${IMPORT}
const f3 = inlineCallbacks(function* () { if (c) { return 1; } yield d; });`,
      errors: [{ messageId: "preferReturn", line: 2, column: 52 }],
    },
    {
      // No argument, and an unbraced `if` consequent.
      code: `${IMPORT}
const f4 = inlineCallbacks(function* () { yield d; if (done) returnValue() });`,
      output: `${IMPORT}
const f4 = inlineCallbacks(function* () { yield d; if (done) return; });`,
      errors: [{ messageId: "preferReturn", line: 2, column: 62 }],
    },
    {
      // Inside try/catch the catch receives returnValue's exception today: only a suggestion.
      code: `${IMPORT}
const f5 = inlineCallbacks(function* () { try { returnValue(yield d); } catch (e) { log(e); } });`,
      output: null,
      errors: [
        {
          messageId: "preferReturn",
          line: 2,
          column: 49,
          suggestions: [
            {
              messageId: "replaceWithReturn",
              output: `${IMPORT}
const f5 = inlineCallbacks(function* () { try { return yield d; } catch (e) { log(e); } });`,
            },
          ],
        },
      ],
    },
    {
      // Two arguments cannot become one return value.
      code: `${IMPORT}
const f6 = inlineCallbacks(function* () { yield d; returnValue(1, 2); });`,
      output: null,
      errors: [{ messageId: "preferReturn", line: 2, column: 52 }],
    },
  ],
});
