import ts from "typescript";
import { describe, expect, it } from "vitest";
import { detectMarks, mayHaveMarks } from "../../../transformer/core/detect.js";
import { formatDiagnostic } from "../../../transformer/core/diagnostics.js";

/** Names (or `line:col` for anonymous functions) of the marked functions, and the formatted diagnostics. */
function detect(code: string, runtimeModule = "deferred-coroutine") {
  const sf = ts.createSourceFile("m.ts", code, ts.ScriptTarget.ES2022, true);
  const { marks, diagnostics } = detectMarks(ts, sf, { runtimeModule });
  const names = [...marks.values()].map(({ fn, byTag, decorators, wrapper }) => {
    const name = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : undefined;
    const { line, character } = sf.getLineAndCharacterOfPosition(fn.getStart(sf));
    const how = [byTag && "tag", decorators.length > 0 && "decorator", wrapper && "wrapper"].filter(Boolean).join("+");
    return `${name ?? `${line + 1}:${character + 1}`} (${how})`;
  });
  return { names, diagnostics: diagnostics.map(formatDiagnostic) };
}

describe("the @deferredCoroutine tag", () => {
  it("marks a function declaration preceded by a JSDoc tag", () => {
    expect(detect(`/** @deferredCoroutine */\nasync function crawl() {}\nasync function other() {}`)).toEqual({ names: ["crawl (tag)"], diagnostics: [] });
  });

  it("marks a function declaration preceded by a // line tag among other comments", () => {
    const code = `// fetches pages\n// @deferredCoroutine\n/* eslint-disable */\nasync function crawl() {}`;
    expect(detect(code).names).toEqual(["crawl (tag)"]);
  });

  it("marks exported and default-exported declarations through the tag before export", () => {
    const code = [
      `/** Crawls.\n * @deferredCoroutine\n */\nexport async function a() {}`,
      `/** @deferredCoroutine */ export default async function b() {}`,
    ].join("\n");
    expect(detect(code).names).toEqual(["a (tag)", "b (tag)"]);
  });

  it("marks an arrow or function expression preceded inline by the tag", () => {
    const code = `const f = /** @deferredCoroutine */ async () => 1;\nrun(/* @deferredCoroutine */ async function g() {});`;
    expect(detect(code).names).toEqual(["1:37 (tag)", "g (tag)"]);
  });

  it("marks the single async initializer of a const or let statement", () => {
    const code = `/** @deferredCoroutine */\nexport const f = async (x: number) => x;\n// @deferredCoroutine\nlet g = (async function named() {}) as any;`;
    expect(detect(code).names).toEqual(["2:18 (tag)", "named (tag)"]);
  });

  it("marks class methods, static and private methods, and object literal methods", () => {
    const code = `class A {\n  /** @deferredCoroutine */ async m() {}\n  // @deferredCoroutine\n  static async s() {}\n  /** @deferredCoroutine */ async #p() {}\n  async plain() {}\n}\nconst o = { /** @deferredCoroutine */ async om() {}, /** @deferredCoroutine */ prop: async () => 2 };`;
    expect(detect(code).names).toEqual(["m (tag)", "s (tag)", "#p (tag)", "om (tag)", "8:86 (tag)"]);
  });

  it("marks the implementation when the tag is on the first overload signature", () => {
    const code = `/** @deferredCoroutine */\nfunction f(a: string): Promise<string>;\nfunction f(a: number): Promise<number>;\nasync function f(a: any) { return a; }`;
    const { names, diagnostics } = detect(code);
    expect(names).toEqual(["f (tag)"]);
    expect(diagnostics).toEqual([]);
  });

  it("does not see the tag inside strings, templates or regular expressions", () => {
    const code = "const s = '@deferredCoroutine';\nconst t = `/* @deferredCoroutine */`;\nconst r = /@deferredCoroutine/;\nasync function f() {}";
    expect(detect(code)).toEqual({ names: [], diagnostics: [] });
  });

  it("does not take a tag followed by more name characters, such as @deferredCoroutine-compiled", () => {
    expect(detect(`/** @deferredCoroutine-compiled */\nasync function f() {}`)).toEqual({ names: [], diagnostics: [] });
  });
});

describe("diagnostics about marks", () => {
  it("reports a tag on a non-async function at the function's line and column", () => {
    const { names, diagnostics } = detect(`\n/** @deferredCoroutine */\nfunction sync() {}`);
    expect(names).toEqual([]);
    expect(diagnostics).toEqual(["m.ts:3:1 - error DC1001: the @deferredCoroutine tag marks a function that is not async; add the async keyword or remove the mark"]);
  });

  it("reports a tag on a getter, a setter and a constructor", () => {
    const code = `class A {\n  /** @deferredCoroutine */ get x() { return 1; }\n  /** @deferredCoroutine */ set x(v) {}\n  /** @deferredCoroutine */ constructor() {}\n}`;
    expect(detect(code).diagnostics.map((d) => d.slice(0, d.indexOf(":", 12)))).toEqual(["m.ts:2:29 - error DC1002", "m.ts:3:29 - error DC1002", "m.ts:4:29 - error DC1003"]);
  });

  it("reports a tag on a generator and on an async generator", () => {
    const code = `/** @deferredCoroutine */ function* g() {}\n/** @deferredCoroutine */ async function* h() {}`;
    const { names, diagnostics } = detect(code);
    expect(names).toEqual([]);
    expect(diagnostics.map((d) => d.split(" - ")[1]!.slice(0, 12))).toEqual(["error DC1004", "error DC1004"]);
  });

  it("warns about a misspelled tag and names the right spelling", () => {
    const { names, diagnostics } = detect(`/** @deferedCoroutine */\nasync function f() {}\n// @DeferredCoroutine\nasync function g() {}`);
    expect(names).toEqual([]);
    expect(diagnostics).toEqual([
      "m.ts:1:5 - warning DC1005: unknown tag @deferedCoroutine: did you mean @deferredCoroutine? The function is not compiled as a Deferred coroutine",
      "m.ts:3:4 - warning DC1005: unknown tag @DeferredCoroutine: did you mean @deferredCoroutine? The function is not compiled as a Deferred coroutine",
    ]);
  });

  it("warns about a tag that marks nothing", () => {
    const { diagnostics } = detect(`/** @deferredCoroutine */\nconst x = 5;\nfoo(); // @deferredCoroutine\n`);
    expect(diagnostics.map((d) => /^.*? - \w+ DC\d+/.exec(d)![0])).toEqual([
      "m.ts:1:5 - warning DC1007",
      "m.ts:3:11 - warning DC1007",
    ]);
  });
});

describe("the decorator and the wrapper", () => {
  it("marks methods decorated with the imported decorator, an alias or a namespace member", () => {
    const code = [
      `import { deferredCoroutine, deferredCoroutine as dc } from "deferred-coroutine";`,
      `import * as D from "deferred-coroutine";`,
      `class A { @deferredCoroutine async a() {} @dc static async b() {} @D.deferredCoroutine async #c() {} @other async d() {} }`,
    ].join("\n");
    expect(detect(code).names).toEqual(["a (decorator)", "b (decorator)", "#c (decorator)"]);
  });

  it("ignores a decorator or wrapper of the same name imported from another module or not imported", () => {
    const code = `import { deferredCoroutine } from "other";\nclass A { @deferredCoroutine async a() {} }\nconst f = deferredCoroutine(async () => 1);`;
    expect(detect(code).names).toEqual([]);
  });

  it("resolves the decorator from a custom runtime module", () => {
    const code = `import { deferredCoroutine } from "@my/runtime";\nclass A { @deferredCoroutine async a() {} }`;
    expect(detect(code, "@my/runtime").names).toEqual(["a (decorator)"]);
  });

  it("reports the decorator on a getter and on a class", () => {
    const code = `import { deferredCoroutine } from "deferred-coroutine";\n@deferredCoroutine class A { @deferredCoroutine get x() { return 1; } }`;
    expect(detect(code).diagnostics.map((d) => d.slice(0, d.indexOf(":", 12)))).toEqual(["m.ts:2:1 - error DC1008", "m.ts:2:30 - error DC1002"]);
  });

  it("marks the inline async function of a wrapper call, through an alias, a namespace or require-import", () => {
    const code = [
      `import { deferredCoroutine as wrap } from "deferred-coroutine";`,
      `import R = require("deferred-coroutine");`,
      `const a = wrap(async function a() {});`,
      `const b = R.deferredCoroutine((async function b() {}));`,
      `const c = wrap(function c() { return Promise.resolve(1); });`,
      `const d = wrap(existing);`,
      `const e = /** @deferredCoroutine */ wrap(async function e() {});`,
    ].join("\n");
    expect(detect(code)).toEqual({ names: ["a (wrapper)", "b (wrapper)", "e (wrapper)"], diagnostics: [] });
  });

  it("does not take type-only imports as bindings", () => {
    const code = `import type { deferredCoroutine } from "deferred-coroutine";\nimport { type deferredCoroutine as x } from "deferred-coroutine";\nconst f = x(async () => 1);`;
    expect(detect(code).names).toEqual([]);
  });
});

describe("the quick text test", () => {
  it("lets files without the tag, a near miss or the name through as unmarked", () => {
    expect(mayHaveMarks("export async function f() { return 1 }")).toBe(false);
    expect(mayHaveMarks("/** @deferedCoroutine */")).toBe(true);
    expect(mayHaveMarks("import { deferredCoroutine } from 'deferred-coroutine'")).toBe(true);
  });
});
