import rule from "../../../eslint-plugin/rules/no-double-fire.js";
import { untypedTester } from "../rule-tester.js";

untypedTester().run("no-double-fire", rule, {
  valid: [
    `if (err) d.errback(err); else d.callback(v);`,
    `d.callback(v); d = new Deferred();  d.callback(w);`,
    // Returning right after firing makes the paths exclusive.
    `function done(ok: boolean) { if (ok) { d.callback(1); return; } d.errback(new Error("no")); }`,
    `for (const job of jobs) { const d = new Deferred(); d.callback(job); }`,
    `for (const x of xs) { if (x) { d.callback(x); break; } }`,
    // The idiomatic shape: compute in the try, fire after it.
    `function run() { let v; try { v = compute(); } catch (e) { d.errback(e); return; } d.callback(v); }`,
    // Each function has its own code path.
    `d.addCallback(() => { other.callback(1); }); other.callback(2);`,
    // Node-style callbacks take two arguments: not a Deferred.
    `opts.callback(null, 1); opts.callback(null, 2);`,
    // Different Deferreds.
    `a.callback(1); b.callback(2); this.x.callback(3); this.y.errback(4);`,
  ],
  invalid: [
    {
      code: `d.callback(v); d.callback(w);`,
      errors: [{ messageId: "alreadyFired", data: { key: "d", method: "callback" }, line: 1, column: 16, endColumn: 29 }],
    },
    {
      code: `if (ok) d.callback(v);
d.callback(null);`,
      errors: [{ messageId: "alreadyFired", line: 2, column: 1 }],
    },
    {
      code: `function f() { this.result.callback(1); if (x) { this.result.errback(new Error("late")); } }`,
      errors: [{ messageId: "alreadyFired", data: { key: "this.result", method: "errback" }, line: 1, column: 50 }],
    },
    {
      // The loop fires the same Deferred on its second iteration.
      code: `for (const x of xs) { d.callback(x); }`,
      errors: [{ messageId: "alreadyFired", line: 1, column: 23 }],
    },
    {
      code: `while (more()) { if (x) d.errback(e); }`,
      errors: [{ messageId: "alreadyFired", data: { key: "d", method: "errback" }, line: 1, column: 25 }],
    },
    {
      code: `try { d.callback(compute()); } catch (e) { d.errback(e); }`,
      errors: [{ messageId: "fireInsideTry", data: { key: "d", method: "callback" }, line: 1, column: 7, endColumn: 28 }],
    },
    {
      code: `function g() { try { d.callback(1); next(); } catch (e) { log(e); d.errback(e); } d.callback(2); }`,
      errors: [
        { messageId: "fireInsideTry", line: 1, column: 22 },
        { messageId: "alreadyFired", line: 1, column: 83 },
      ],
    },
  ],
});
