import rule from "../../../eslint-plugin/rules/no-floating-deferred.js";
import { typedTester } from "../rule-tester.js";

const DECLS = `import { Deferred, inlineCallbacks, logError } from "deferred-coroutine";
declare function fetchUser(id: number): Deferred<string>;
declare function render(user: string): void;
declare function fetchNative(): Promise<string>;`;

const USER_TYPES = [
  'import { Deferred } from "deferred-coroutine";',
  "class Request extends Deferred<string> {}",
  "class Task<T> { then(fn: (v: T) => void) {} }",
  "declare function request(): Request;",
  "declare function task(): Task<number>;",
  "request();",
  "task();",
  "void request();",
];

/** The two suggestions for the floating expression on (0-based) line `index`. */
function userTypeSuggestions(index: number, statement: string, prefix: string) {
  const operand = statement.replace(/^void /, "");
  const before = prefix === "void " ? "void " : "";
  const withLine = (text: string, extraImport: boolean) => {
    const lines = [...USER_TYPES];
    lines[index] = `${before}${text};`;
    if (extraImport) lines.splice(1, 0, 'import { logError } from "deferred-coroutine";');
    return lines.join("\n");
  };
  return [
    { messageId: "addErrback" as const, output: withLine(`${operand}.addErrback(logError)`, true) },
    { messageId: "addVoid" as const, output: withLine(`void ${operand}`, false) },
  ];
}

typedTester().run("no-floating-deferred", rule, {
  valid: [
    `${DECLS}
const f = inlineCallbacks(function* () { yield fetchUser(1); });`,
    `${DECLS}
fetchUser(1).addCallback(render).addErrback(logError);`,
    `${DECLS}
async function g() { await fetchUser(1); return fetchUser(2); }
const kept = fetchUser(3);
void fetchUser(4);
fetchUser(5).addBoth(() => 0);
fetchUser(6).catch(() => 0);`,
    // A Deferred held in a variable or field is its owner's to handle: adding to its chain
    // is the everyday idiom. So is handing a fresh Deferred's result on with chainDeferred.
    `${DECLS}
declare const other: Deferred<string>;
class Owner { d = fetchUser(0); start() { this.d.addCallback(render); } }
const d = fetchUser(1);
d.addCallback(render);
d.addCallbacks(render, logError);
fetchUser(2).addCallback(render).chainDeferred(other);`,
    // Native Promises are typescript-eslint's no-floating-promises' business.
    `${DECLS}
fetchNative();`,
    // A user Deferred type is only checked when configured.
    `class Task<T> { then(fn: (v: T) => void) {} }
declare function job(): Task<number>;
job();`,
    // A method that returns its receiver (`this`) is a link of the chain, not a new Deferred.
    `${DECLS}
class Tracked<T> extends Deferred<T> { track(): this { return this; } }
declare const t: Tracked<number>;
t.track().addCallback(render as never);`,
    // The same file in the default project (no tsconfig), with the declarations referenced.
    {
      code: `/// <reference path="./deferred-coroutine.d.ts" />
import { Deferred, logError } from "deferred-coroutine";
declare const d: Deferred<number>;
d.addErrback(logError);`,
      filename: "script.ts",
    },
  ],
  invalid: [
    {
      code: `${DECLS}
fetchUser(1);`,
      errors: [
        {
          messageId: "floating",
          line: 5,
          column: 1,
          endColumn: 13,
          suggestions: [
            { messageId: "addErrback", output: `${DECLS}
fetchUser(1).addErrback(logError);` },
            { messageId: "addVoid", output: `${DECLS}
void fetchUser(1);` },
          ],
        },
      ],
    },
    {
      code: `${DECLS}
fetchUser(1).addCallbacks(render, logError);`,
      errors: [
        {
          messageId: "errbackMissesCallback",
          line: 5,
          column: 1,
          suggestions: [
            { messageId: "addErrback", output: `${DECLS}
fetchUser(1).addCallbacks(render, logError).addErrback(logError);` },
          ],
        },
      ],
    },
    {
      // Inside coroutines the first suggestion awaits or yields.
      code: `${DECLS}
async function a() { fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2) : fetchUser(3); });`,
      errors: [
        {
          messageId: "floating",
          line: 5,
          column: 22,
          suggestions: [
            { messageId: "addAwait", output: `${DECLS}
async function a() { await fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2) : fetchUser(3); });` },
            { messageId: "addErrback", output: `${DECLS}
async function a() { fetchUser(1).addCallback(render).addErrback(logError); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2) : fetchUser(3); });` },
            { messageId: "addVoid", output: `${DECLS}
async function a() { void fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2) : fetchUser(3); });` },
          ],
        },
        {
          messageId: "floating",
          line: 6,
          column: 47,
          suggestions: [
            { messageId: "addYield", output: `${DECLS}
async function a() { fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? yield fetchUser(2) : fetchUser(3); });` },
            { messageId: "addErrback", output: `${DECLS}
async function a() { fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2).addErrback(logError) : fetchUser(3); });` },
            { messageId: "addVoid", output: `${DECLS}
async function a() { fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? void fetchUser(2) : fetchUser(3); });` },
          ],
        },
        {
          messageId: "floating",
          line: 6,
          column: 62,
          suggestions: [
            { messageId: "addYield", output: `${DECLS}
async function a() { fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2) : yield fetchUser(3); });` },
            { messageId: "addErrback", output: `${DECLS}
async function a() { fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2) : fetchUser(3).addErrback(logError); });` },
            { messageId: "addVoid", output: `${DECLS}
async function a() { fetchUser(1).addCallback(render); }
const b = inlineCallbacks(function* () { ok ? fetchUser(2) : void fetchUser(3); });` },
          ],
        },
      ],
    },
    {
      // A subclass of Deferred, a configured user type, and `void` when not accepted.
      code: USER_TYPES.join("\n"),
      options: [{ deferredTypes: [{ name: "Task" }], ignoreVoid: false }],
      errors: [
        { messageId: "floating", line: 6, column: 1, suggestions: userTypeSuggestions(5, "request()", "") },
        { messageId: "floating", line: 7, column: 1, suggestions: userTypeSuggestions(6, "task()", "") },
        { messageId: "floating", line: 8, column: 6, suggestions: userTypeSuggestions(7, "void request()", "void ") },
      ],
    },
  ],
});
