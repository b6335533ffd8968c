import ts from "typescript";
import { describe, expect, it } from "vitest";
import plugin from "../../transformer/index.js";

const BAD = "export class A {\n  /** @deferredCoroutine */\n  get x() { return 1; }\n}\n";

/** An in-memory program (no lib: these tests only look at emit and transform diagnostics). */
function program(code: string, extra: ts.CompilerOptions = {}) {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, noLib: true, types: [], ...extra };
  const host = ts.createCompilerHost(options);
  const written = new Map<string, string>();
  host.getSourceFile = (name, lang) => (name === "/p.ts" ? ts.createSourceFile(name, code, lang) : undefined);
  host.fileExists = (name) => name === "/p.ts";
  host.writeFile = (name, text) => void written.set(name, text);
  return { program: ts.createProgram(["/p.ts"], options, host), host, written };
}

const format = (diags: readonly ts.Diagnostic[]) =>
  ts.formatDiagnostics(diags, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => "/", getNewLine: () => "\n" });

describe("the ts-patch entry", () => {
  it("as a source transformer, reports through extras.addDiagnostic with the file and position of the mark", () => {
    const { program: p } = program(BAD);
    const added: ts.Diagnostic[] = [];
    const factory = plugin(p, {}, { ts, addDiagnostic: (d) => added.push(d) });
    const result = p.emit(undefined, undefined, undefined, false, { before: [factory] });
    expect(result.emitSkipped).toBe(false);
    expect(format(added)).toBe(
      "p.ts(3,3): error TSDC1002: the @deferredCoroutine tag cannot mark a getter or setter (accessors cannot be async); make it an async method\n",
    );
    expect(added[0]!.file!.fileName).toBe("/p.ts");
  });

  it("as a source transformer without addDiagnostic, throws the errors with file:line:column", () => {
    const { program: p } = program(BAD);
    const factory = plugin(p, {}, { ts });
    expect(() => p.emit(undefined, undefined, undefined, false, { before: [factory] })).toThrow(/p\.ts:3:3 - error DC1002/);
  });

  it("with transformProgram, returns a program whose emit runs the transform and returns its diagnostics", () => {
    const { program: p, host, written } = program(BAD + "export const y = 2;\n");
    const wrapped = plugin(p, host, { transform: "deferred-coroutine/transformer", transformProgram: true }, { ts });
    expect(wrapped).not.toBe(p);
    expect(wrapped.getSourceFiles()).toBe(p.getSourceFiles());
    const result = wrapped.emit();
    expect(result.diagnostics.map((d) => d.code)).toEqual(["DC1002"]);
    expect(written.get("/p.js")).toContain("export const y = 2;");
  });

  it("compiles marked functions in the JavaScript output and leaves their declarations unchanged", () => {
    const code = "/** @deferredCoroutine */\nexport async function f(d: PromiseLike<number>): Promise<number> { return (await d) + 1; }\n";
    const { program: p, written } = program(code, { declaration: true });
    const added: ts.Diagnostic[] = [];
    p.emit(undefined, undefined, undefined, false, { before: [plugin(p, {}, { ts, addDiagnostic: (d) => added.push(d) })] });
    expect(added).toEqual([]);
    expect(written.get("/p.js")).toMatch(/^import \* as \$dc from "deferred-coroutine";$/m);
    expect(written.get("/p.js")).toMatch(/\.coSite\(/);
    expect(written.get("/p.js")).not.toContain("async function");
    expect(written.get("/p.d.ts")).toBe("/** @deferredCoroutine */\nexport declare function f(d: PromiseLike<number>): Promise<number>;\n");
  });

  it("refuses a plugin entry whose options have the wrong type", () => {
    const { program: p } = program("");
    expect(() => plugin(p, { runtimeModule: "" }, { ts })).toThrow(/"runtimeModule" must be a non-empty string/);
  });
});
