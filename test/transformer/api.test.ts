import ts from "typescript";
import { describe, expect, it, vi } from "vitest";
import { createTransformer, transformSource } from "../../transformer/api.js";
import { TransformError } from "../../transformer/core/diagnostics.js";

describe("transformSource", () => {
  it("returns TypeScript's syntax errors as TS-coded diagnostics with line and column", () => {
    const { diagnostics } = transformSource("const a = ;\n", { ts, fileName: "s.ts" });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.category} ${d.code}`)).toEqual(["s.ts:1:11 error TS1109"]);
  });

  it("returns a version 3 source map for the file and no sourceMappingURL comment", () => {
    const { code, map } = transformSource("export const a: number = 1;\n", { ts, fileName: "m.ts", sourceMap: true });
    expect(code).toBe("export const a = 1;\n");
    expect(map).toMatchObject({ version: 3, file: "m.js", sources: ["m.ts"], sourcesContent: ["export const a: number = 1;\n"] });
    expect(map!.mappings.length).toBeGreaterThan(0);
    expect(transformSource("export const a = 1;", { ts }).map).toBeUndefined();
  });

  it("accepts target and module as tsconfig names or enum values", () => {
    const src = "export const f = async () => 1;\n";
    expect(transformSource(src, { ts, target: "ES2015", module: "CommonJS" }).code).toContain("__awaiter");
    expect(transformSource(src, { ts, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS }).code).toContain("exports.f = f;");
  });

  it("refuses options of the wrong type with a TypeError", () => {
    expect(() => transformSource("", { ts, runtimeModule: 3 as unknown as string })).toThrow(TypeError);
    expect(() => transformSource("", { ts, target: "ES1999" })).toThrow(/invalid compiler options/);
  });

  it("reports a mark it cannot compile instead of throwing, and leaves the function as written", () => {
    const { code, diagnostics } = transformSource("/** @deferredCoroutine */\nfunction* g() {}\n", { ts, fileName: "g.ts" });
    expect(diagnostics.map((d) => d.code)).toEqual(["DC1004"]);
    expect(code).toBe('"use strict";\n/** @deferredCoroutine */\nfunction* g() { }\n');
  });
});

describe("createTransformer", () => {
  const compile = (code: string, factory: ts.TransformerFactory<ts.SourceFile>) =>
    ts.transpileModule(code, { fileName: "c.ts", compilerOptions: { target: ts.ScriptTarget.ES2022 }, transformers: { before: [factory] } });

  it("throws a TransformError listing the file's errors as file:line:column when no callback is given", () => {
    const code = "class A {\n  /** @deferredCoroutine */ constructor() {}\n}\n";
    let error: unknown;
    try {
      compile(code, createTransformer({ ts }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransformError);
    expect((error as Error).message).toMatch(/^deferred-coroutine transform failed:\nc\.ts:2:29 - error DC1003: the @deferredCoroutine tag cannot mark a constructor/);
  });

  it("prints warnings with console.warn and does not throw for them", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      compile("// @deferredCoroutin\nasync function f() {}\n", createTransformer({ ts }));
      expect(warn.mock.calls).toEqual([["c.ts:1:4 - warning DC1005: unknown tag @deferredCoroutin: did you mean @deferredCoroutine? The function is not compiled as a Deferred coroutine"]]);
    } finally {
      warn.mockRestore();
    }
  });

  it("hands every diagnostic to onDiagnostic instead of throwing", () => {
    const seen: string[] = [];
    compile("/** @deferredCoroutine */ function f() {}\n", createTransformer({ ts, onDiagnostic: (d) => seen.push(`${d.line}:${d.column} ${d.code}`) }));
    expect(seen).toEqual(["1:27 DC1001"]);
  });
});
