import rule from "../../../eslint-plugin/rules/no-swallowed-cancellation.js";
import { untypedTester } from "../rule-tester.js";

const IMPORT = 'import { inlineCallbacks, CancelledError, TimeoutError } from "deferred-coroutine";';

untypedTester().run("no-swallowed-cancellation", rule, {
  valid: [
    `${IMPORT}
const f = inlineCallbacks(function* () { try { yield work(); } catch (e) { if (e instanceof CancelledError) throw e; log.err(e); } });`,
    `d.addErrback((f) => { f.trap(TimeoutError); });`,
    // Rethrows after logging; passes the Failure on; names CancelledError.
    `${IMPORT}
async function a() { try { await work(); } catch (e) { log(e); throw e; } }
d.addErrback((f) => { log(f); return f; });
d.addErrback((f) => f);
d.addBoth((r) => { cleanup(); return r; });
d.addErrback((f) => f.check(CancelledError) ? f : null);`,
    // No await in the try: cancellation cannot arrive there.
    `async function b() { try { parse(); } catch (e) { log(e); } await work(); }`,
    // Not a coroutine.
    `function c() { try { work(); } catch (e) {} }`,
    // A named errback is not inspected.
    `d.addErrback(log.err);`,
  ],
  invalid: [
    {
      code: `${IMPORT}
const f = inlineCallbacks(function* () { try { yield work(); } catch (e) { log.err(e); } });`,
      errors: [
        {
          messageId: "catchSwallows",
          line: 2,
          column: 64,
          suggestions: [
            {
              messageId: "rethrowCancelled",
              output: `${IMPORT}
const f = inlineCallbacks(function* () { try { yield work(); } catch (e) { if (e instanceof CancelledError) throw e; log.err(e); } });`,
            },
          ],
        },
      ],
    },
    {
      code: `d.addErrback(() => null);`,
      errors: [
        {
          messageId: "errbackSwallows",
          line: 1,
          column: 14,
          suggestions: [
            {
              messageId: "passCancelled",
              output: `d.addErrback((failure) => { if (failure.check(CancelledError)) return failure; return null; });
import { CancelledError } from "deferred-coroutine";`.replace(/^(.*)\n(.*)$/, "$2\n$1"),
            },
          ],
        },
      ],
    },
    {
      // catch without a binding, in an async function; namespace import reused.
      code: `import * as dc from "deferred-coroutine";
async function load() { try { await get(); } catch { retry(); } }`,
      errors: [
        {
          messageId: "catchSwallows",
          line: 2,
          column: 46,
          suggestions: [
            {
              messageId: "rethrowCancelled",
              output: `import * as dc from "deferred-coroutine";
async function load() { try { await get(); } catch (error) { if (error instanceof dc.CancelledError) throw error; retry(); } }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IMPORT}
d.addCallbacks(render, function (f) { log(f); });
d.addBoth(() => cleanup());`,
      errors: [
        {
          messageId: "errbackSwallows",
          line: 2,
          column: 24,
          suggestions: [
            {
              messageId: "passCancelled",
              output: `${IMPORT}
d.addCallbacks(render, function (f) { if (f.check(CancelledError)) return f; log(f); });
d.addBoth(() => cleanup());`,
            },
          ],
        },
        { messageId: "errbackSwallows", line: 3, column: 11, suggestions: [] },
      ],
    },
  ],
});
