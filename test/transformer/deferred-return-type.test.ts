import ts from "typescript";
import { describe, expect, it } from "vitest";
import { withDeferredReturnTypes } from "../../transformer/deferred-return-type.js";

/** A one-file program over an in-memory file that declares a Promise-like Deferred. */
function program(code: string): ts.Program {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, strict: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  const prelude = "declare class Deferred<T> implements PromiseLike<T> { then<A = T, B = never>(f?: ((v: T) => A | PromiseLike<A>) | null, r?: ((e: any) => B | PromiseLike<B>) | null): PromiseLike<A | B>; }\n";
  host.getSourceFile = (name, lang, ...rest) => (name === "/t.ts" ? ts.createSourceFile(name, prelude + code, lang) : read(name, lang, ...rest));
  host.fileExists = ((exists) => (name: string) => name === "/t.ts" || exists(name))(host.fileExists.bind(host));
  return ts.createProgram(["/t.ts"], options, host);
}

const codes = (p: ts.Program) => p.getSemanticDiagnostics().map((d) => d.code);

describe("Deferred<T> return types on marked functions", () => {
  const code = [
    "/** @deferredCoroutine */",
    "async function marked(): Deferred<number> { return 1; }",
    "async function unmarked(): Deferred<number> { return 1; }",
    "class C { /** @deferredCoroutine */ async m(): Deferred<string> { return 'a'; } }",
    "/** @deferredCoroutine */",
    "async function wrongValue(): Deferred<number> { return 'no'; }",
  ].join("\n");

  let shared: ts.Program | undefined;
  const get = () => (shared ??= program(code));

  it("TypeScript alone reports TS1064 on every async function declaring Deferred<T>", () => {
    expect(codes(get())).toEqual([1064, 1064, 1064, 1064, 2322]);
  });

  it("the wrapped program drops TS1064 for marked functions only and keeps the other errors", () => {
    const wrapped = withDeferredReturnTypes(ts, get(), "deferred-coroutine");
    const diags = wrapped.getSemanticDiagnostics();
    expect(diags.map((d) => d.code)).toEqual([1064, 2322]);
    expect(ts.getLineAndCharacterOfPosition(diags[0]!.file!, diags[0]!.start!).line).toBe(3);
  });
});
