import rule from "../../../eslint-plugin/rules/valid-deferred-coroutine.js";
import { untypedTester } from "../rule-tester.js";

untypedTester().run("valid-deferred-coroutine", rule, {
  valid: [
    `import { deferredCoroutine, inlineCallbacks } from "deferred-coroutine";
class A { @deferredCoroutine async load() { await this.db.get(); } }
const f = inlineCallbacks(function* () { yield d; });
const g = deferredCoroutine(async () => 1);`,
    `/** @deferredCoroutine */
export async function crawl() {}
// @deferredCoroutine
const fetchAll = async () => {};
const inline = /** @deferredCoroutine */ async () => {};
class S {
  /** @deferredCoroutine */
  async fetch() {}
}`,
    // A tag anywhere in the comment counts, as in the transform; an address is not a tag.
    `/** Adds. @deferredCoroutine */
async function add() {}
/** Mail support@deferredCoroutine.example. @deprecated */
function helper() {}
/** Functions marked \`@deferredCoroutine\` compile to state machines; \`@deferedCoroutine\` is a typo. */
const limit = 10;
/** @deferredCoroutine */
exports.load = async () => {};
/** @param x the value @returns nothing */
function other(x: number) {}`,
    // Without the import, a decorator named deferredCoroutine is someone else's.
    `declare const deferredCoroutine: any;
class B { @deferredCoroutine load() {} }`,
  ],
  invalid: [
    {
      code: `import { deferredCoroutine } from "deferred-coroutine";
class B { @deferredCoroutine load() { return this.db.get(); } }`,
      errors: [
        {
          messageId: "notAsync",
          line: 2,
          column: 11,
          endColumn: 29,
          suggestions: [
            {
              messageId: "addAsync",
              output: `import { deferredCoroutine } from "deferred-coroutine";
class B { @deferredCoroutine async load() { return this.db.get(); } }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { inlineCallbacks } from "deferred-coroutine";
const g = inlineCallbacks(async function* () { yield d; });`,
      errors: [
        {
          messageId: "asyncGenerator",
          line: 2,
          column: 27,
          suggestions: [
            {
              messageId: "removeAsync",
              output: `import { inlineCallbacks } from "deferred-coroutine";
const g = inlineCallbacks(function* () { yield d; });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { inlineCallbacks as ic } from "deferred-coroutine";
function load() { return 1; }
const a = ic(load);
const b = ic(() => 1);`,
      errors: [
        {
          messageId: "notGenerator",
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: "addStar",
              output: `import { inlineCallbacks as ic } from "deferred-coroutine";
function* load() { return 1; }
const a = ic(load);
const b = ic(() => 1);`,
            },
          ],
        },
        { messageId: "notGenerator", line: 4, column: 14, suggestions: [] },
      ],
    },
    {
      code: `/** @deferredCoroutine */
function crawl() {}`,
      errors: [
        {
          messageId: "notAsync",
          line: 1,
          column: 5,
          endColumn: 23,
          suggestions: [{ messageId: "addAsync", output: `/** @deferredCoroutine */
async function crawl() {}` }],
        },
      ],
    },
    {
      code: `class C {
  /** @deferredCoroutine */
  get value() { return 1; }
  // @deferredCoroutine
  constructor() {}
  // @deferredCoroutine
  async *items() {}
}`,
      errors: [
        { messageId: "accessorMarked", line: 2, column: 7 },
        { messageId: "constructorMarked", line: 4, column: 6 },
        { messageId: "generatorMarked", line: 6, column: 6 },
      ],
    },
    {
      code: `/** @deferedCoroutine */
async function crawl() {}
/**
 * Crawls.
 * @DeferredCoroutine
 */
async function walk() {}`,
      errors: [
        {
          messageId: "misspelledTag",
          data: { name: "deferedCoroutine" },
          line: 1,
          column: 5,
          suggestions: [{ messageId: "fixSpelling", output: `/** @deferredCoroutine */
async function crawl() {}
/**
 * Crawls.
 * @DeferredCoroutine
 */
async function walk() {}` }],
        },
        {
          messageId: "misspelledTag",
          data: { name: "DeferredCoroutine" },
          line: 5,
          column: 4,
          suggestions: [{ messageId: "fixSpelling", output: `/** @deferedCoroutine */
async function crawl() {}
/**
 * Crawls.
 * @deferredCoroutine
 */
async function walk() {}` }],
        },
      ],
    },
    {
      // A quoted tag still marks the function after it, as in the transform.
      code: `/** Crawls (marked \`@deferredCoroutine\`). */
function crawl() {}`,
      errors: [{ messageId: "notAsync", line: 1, column: 21, suggestions: [{ messageId: "addAsync", output: `/** Crawls (marked \`@deferredCoroutine\`). */
async function crawl() {}` }] }],
    },
    {
      code: `// @deferredCoroutine
const limit = 10;
/** @deferredCoroutine */
const a = async () => {}, b = 2;`,
      errors: [
        { messageId: "tagNotOnFunction", line: 1, column: 4 },
        { messageId: "tagNotOnFunction", line: 3, column: 5 },
      ],
    },
    {
      // On a class or a field the decorator has nothing to compile.
      code: `import { deferredCoroutine } from "deferred-coroutine";
@deferredCoroutine class Jobs {
  @deferredCoroutine run = async () => {};
}`,
      errors: [
        { messageId: "decoratorTarget", line: 2, column: 1, endColumn: 19 },
        { messageId: "decoratorTarget", line: 3, column: 3 },
      ],
    },
    {
      code: `import * as dc from "deferred-coroutine";
const f = dc.deferredCoroutine(function () { return 1; });`,
      errors: [
        {
          messageId: "notAsync",
          line: 2,
          column: 32,
          suggestions: [{ messageId: "addAsync", output: `import * as dc from "deferred-coroutine";
const f = dc.deferredCoroutine(async function () { return 1; });` }],
        },
      ],
    },
  ],
});
