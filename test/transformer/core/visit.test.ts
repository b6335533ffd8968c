import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as runtime from "../../../runtime/index.js";
import { createTransformer, transformSource } from "../../../transformer/api.js";
import { COMPILED_MARKER } from "../../../transformer/core/visit.js";

function compile(code: string, options: Parameters<typeof transformSource>[1] = {}) {
  return transformSource(code, { ts, fileName: "v.ts", ...options });
}

/** Evaluates CommonJS output with "deferred-coroutine" bound to the runtime; returns its exports. */
function evaluate(code: string): Record<string, any> {
  const module = { exports: {} as Record<string, any> };
  const require = (id: string) => {
    if (id === "deferred-coroutine") return runtime;
    throw new Error(`unexpected require(${id})`);
  };
  new Function("require", "exports", "module", code)(require, module.exports, module);
  return module.exports;
}

const SIMPLE = `/** @deferredCoroutine */\nexport async function f(d: PromiseLike<number>) { return (await d) + 1; }\n`;

describe("the visitor", () => {
  it("compiles a marked function into one that returns a fired Deferred for ready values", () => {
    const { code, diagnostics } = compile(SIMPLE, { module: "CommonJS" });
    expect(diagnostics).toEqual([]);
    const d = evaluate(code)["f"](runtime.succeed(41));
    expect(d).toBeInstanceOf(runtime.Deferred);
    expect(runtime.Deferred.prototype.addCallback).toBeDefined();
    const seen: unknown[] = [];
    d.addCallback((v: unknown) => void seen.push(v));
    expect(seen).toEqual([42]);
  });

  it("injects one namespace import of the runtime module after the prologue, marked as compiled", () => {
    const { code } = compile(`"use strict";\nimport { x } from "./x.js";\n${SIMPLE}/** @deferredCoroutine */ export const g = async () => { await 1; };\nx;`);
    const lines = code.split("\n");
    expect(lines[0]).toBe(`"use strict";`);
    expect(lines[1]).toBe(`/* ${COMPILED_MARKER} */`);
    expect(lines[2]).toBe(`import * as $dc from "deferred-coroutine";`);
    expect(code.match(/from "deferred-coroutine"/g)).toHaveLength(1);
  });

  it("gives the runtime import a name that no identifier of the file uses", () => {
    const { code } = compile(`const $dc = 1;\n${SIMPLE}`);
    expect(code).toMatch(/import \* as \$dc_1 from "deferred-coroutine";/);
    expect(code).toContain("const $dc = 1;");
  });

  it("uses the configured runtime module", () => {
    const { code } = compile(SIMPLE, { runtimeModule: "@acme/dc-runtime" });
    expect(code).toMatch(/import \* as \$dc from "@acme\/dc-runtime";/);
  });

  it("turns the injected import into require() for CommonJS modules and scripts", () => {
    expect(compile(SIMPLE, { module: "CommonJS" }).code).toMatch(/const \$dc = require\("deferred-coroutine"\);/);
    const script = compile(`/** @deferredCoroutine */ async function s() { await 0; }`, { module: "CommonJS" }).code;
    expect(script).toMatch(/var \$dc = require\("deferred-coroutine"\);/);
    expect(script).not.toMatch(/^import /m);
  });

  it("leaves a file without marks exactly as TypeScript alone emits it", () => {
    const code = `export async function f(d: Promise<number>) { return (await d) + 1; }\n`;
    const plain = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    expect(compile(code).code).toBe(plain);
  });

  it("changes nothing when run a second time on its own output", () => {
    const once = compile(SIMPLE, { fileName: "v.js" });
    const twice = compile(once.code, { fileName: "v.js" });
    expect(twice.diagnostics).toEqual([]);
    expect(twice.code).toBe(once.code);
  });

  it("changes nothing when two transformer instances run in the same emit", () => {
    const once = compile(SIMPLE).code;
    const out = ts.transpileModule(SIMPLE, {
      fileName: "v.ts",
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      transformers: { before: [createTransformer({ ts }), createTransformer({ ts })] },
    }).outputText;
    expect(out).toBe(once);
  });

  it("removes the @deferredCoroutine decorator and keeps the other decorators in order", () => {
    const code = [
      `import { deferredCoroutine as dc } from "deferred-coroutine";`,
      `const seen: string[] = [];`,
      `function a(m: any, c: any) { seen.push("a " + c.name); return m; }`,
      `function b(m: any, c: any) { seen.push("b " + c.name); return m; }`,
      `export class K { @a @dc @b async m(x: PromiseLike<number>) { return 2 * (await x); } }`,
      `export { seen };`,
    ].join("\n");
    const out = compile(code, { module: "CommonJS" });
    expect(out.diagnostics).toEqual([]);
    expect(out.code).toMatch(/\[a, b\]/);
    expect(out.code).not.toMatch(/\[a, dc, b\]/);
    const mod = evaluate(out.code);
    expect(mod["seen"]).toEqual(["b m", "a m"]);
    const seen: unknown[] = [];
    new mod["K"]().m(runtime.succeed(4)).addCallback((v: unknown) => void seen.push(v));
    expect(seen).toEqual([8]);
  });

  it("replaces the wrapper call by the compiled function, keeping the inferred name", () => {
    const code = `import { deferredCoroutine } from "deferred-coroutine";\nconst twice = deferredCoroutine(async (d: PromiseLike<number>) => 2 * (await d));\nexport { twice };\n`;
    const out = compile(code, { module: "CommonJS" });
    expect(out.diagnostics).toEqual([]);
    expect(out.code).not.toMatch(/deferredCoroutine\)?\(/);
    const twice = evaluate(out.code)["twice"];
    expect(twice.name).toBe("twice");
    const seen: unknown[] = [];
    twice(runtime.succeed(5)).addCallback((v: unknown) => void seen.push(v));
    expect(seen).toEqual([10]);
  });

  it("compiles nested marked functions inner first, each into its own machine", () => {
    const code = [
      `/** @deferredCoroutine */`,
      `export async function outer(d1: PromiseLike<number>, d2: PromiseLike<number>) {`,
      `  const inner = /** @deferredCoroutine */ async (p: PromiseLike<number>) => 2 * (await p);`,
      `  return (await inner(d1)) + (await inner(d2));`,
      `}`,
    ].join("\n");
    const out = compile(code, { module: "CommonJS" });
    expect(out.diagnostics).toEqual([]);
    expect(out.code).not.toMatch(/async /);
    expect(out.code.match(/\.coSite\(/g)).toHaveLength(2);
    const seen: unknown[] = [];
    const pending = new runtime.Deferred<number>();
    evaluate(out.code)["outer"](pending, runtime.succeed(3)).addCallback((v: unknown) => void seen.push(v));
    expect(seen).toEqual([]);
    pending.callback(10);
    expect(seen).toEqual([26]);
  });

  it("reports diagnostics in source order with file, line and column and leaves rejected functions alone", () => {
    const code = `class A {\n  /** @deferredCoroutine */ get x() { return 1; }\n}\n/** @deferedCoroutine */\nasync function g() {}\n`;
    const out = compile(code);
    expect(out.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.category} ${d.code}`)).toEqual(["v.ts:2:29 error DC1002", "v.ts:4:5 warning DC1005"]);
    expect(out.code).toContain("async function g() { }");
    expect(out.code).not.toContain("deferred-coroutine\"");
  });

  it("omits warnings when reportWarnings is false", () => {
    expect(compile(`/** @deferedCoroutine */\nasync function g() {}\n`, { reportWarnings: false }).diagnostics).toEqual([]);
  });
});
