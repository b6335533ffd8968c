import type * as ts from "typescript";
import { formatDiagnostic, TransformError, type TransformDiagnostic } from "./core/diagnostics.js";
import { transformFile } from "./core/visit.js";
import { resolveOptions, type TransformerOptions } from "./options.js";

/** Options of {@link createTransformer}. */
export interface CreateTransformerOptions extends TransformerOptions {
  /**
   * The TypeScript module to build nodes with; pass the one your tool compiles with.
   * @default require("typescript")
   */
  ts?: typeof ts;
  /**
   * Receives every diagnostic. When it is not given, warnings are printed with
   * `console.warn` and the transformer throws a {@link TransformError} listing the
   * errors of a file after visiting it, which makes ts-loader, ts-jest and
   * `transpileModule` fail with `file:line:column - error DCnnnn: …`.
   */
  onDiagnostic?: (diagnostic: TransformDiagnostic) => void;
}

/**
 * A `before` transformer factory for hosts that take `customTransformers`
 * (`program.emit`, `ts.transpileModule`, ts-loader's `getCustomTransformers`,
 * ts-jest's `astTransformers`). Needs no type information.
 *
 * @example
 * ```ts
 * ts.transpileModule(code, { transformers: { before: [createTransformer({ ts })] } });
 * ```
 * @throws TypeError when an option has the wrong type.
 * @throws TransformError from the returned transformer, after a file with errors, when no `onDiagnostic` is given.
 */
export function createTransformer(options: CreateTransformerOptions = {}): ts.TransformerFactory<ts.SourceFile> {
  const resolved = resolveOptions(options);
  const tsApi = options.ts ?? defaultTypeScript();
  return (context) => (sourceFile) => {
    const errors: TransformDiagnostic[] = [];
    const onDiagnostic =
      options.onDiagnostic ??
      ((d: TransformDiagnostic) => {
        if (d.category === "error") errors.push(d);
        else console.warn(formatDiagnostic(d));
      });
    const result = transformFile(tsApi, context, sourceFile, { ...resolved, onDiagnostic });
    if (errors.length > 0) throw new TransformError(errors);
    return result;
  };
}

/** Options of {@link transformSource}. */
export interface TransformSourceOptions extends TransformerOptions {
  /** Name of the file (its extension picks TS, TSX, JS). @default "input.ts" */
  fileName?: string;
  /** Produce a source map in `map`. @default false */
  sourceMap?: boolean;
  /** Output language level, a `ts.ScriptTarget` or its tsconfig name. @default "ES2022" */
  target?: ts.ScriptTarget | string;
  /** Output module format, a `ts.ModuleKind` or its tsconfig name. @default "ESNext" */
  module?: ts.ModuleKind | string;
  /** Any other compiler options (tsconfig JSON spelling or enum values); the options above win. */
  compilerOptions?: Record<string, unknown>;
  /**
   * The TypeScript module. Required where `require` does not exist (browsers, native
   * ESM without the package's CommonJS build), e.g. in the playground.
   * @default require("typescript")
   */
  ts?: typeof ts;
}

/** A version 3 source map as produced by TypeScript. */
export interface RawSourceMap {
  version: number;
  file: string;
  sourceRoot?: string;
  sources: string[];
  names: string[];
  mappings: string;
  sourcesContent?: string[];
}

/** Result of {@link transformSource}. */
export interface TransformSourceResult {
  /** The JavaScript output (no `sourceMappingURL` comment). */
  code: string;
  /** The source map, when `sourceMap` was set. */
  map: RawSourceMap | undefined;
  /** Transform diagnostics and TypeScript's syntax errors (code `TSnnnn`), in source order. */
  diagnostics: TransformDiagnostic[];
}

/**
 * Compiles one file from source text with no type information (through
 * `ts.transpileModule`), for tools and the playground. Functions with errors are left
 * uncompiled and reported in `diagnostics`; it never throws for user input.
 *
 * @throws TypeError when an option has the wrong type.
 */
export function transformSource(code: string, options: TransformSourceOptions = {}): TransformSourceResult {
  const tsApi = options.ts ?? defaultTypeScript();
  const resolved = resolveOptions(options);
  const fileName = options.fileName ?? "input.ts";
  const json: Record<string, unknown> = { ...options.compilerOptions };
  const enums: ts.CompilerOptions = {};
  const setOption = (key: "target" | "module", value: unknown, fallback: string) => {
    if (value === undefined) json[key] ??= fallback;
    else if (typeof value === "number") enums[key] = value as never;
    else json[key] = value;
  };
  setOption("target", options.target, "ES2022");
  setOption("module", options.module, "ESNext");
  const converted = tsApi.convertCompilerOptionsFromJson(json, "/");
  if (converted.errors.length > 0) {
    const text = converted.errors.map((e) => tsApi.flattenDiagnosticMessageText(e.messageText, "\n")).join("; ");
    throw new TypeError(`transformSource: invalid compiler options: ${text}`);
  }
  const compilerOptions: ts.CompilerOptions = { ...converted.options, ...enums, sourceMap: !!options.sourceMap, inlineSourceMap: false, inlineSources: !!options.sourceMap };
  const diagnostics: TransformDiagnostic[] = [];
  const transformer = createTransformer({ ...resolved, ts: tsApi, onDiagnostic: (d) => diagnostics.push(d) });
  const out = tsApi.transpileModule(code, { fileName, compilerOptions, reportDiagnostics: true, transformers: { before: [transformer] } });
  for (const d of out.diagnostics ?? []) diagnostics.push(fromTsDiagnostic(tsApi, fileName, d));
  diagnostics.sort((a, b) => a.start - b.start);
  const text = out.outputText.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n");
  const map = out.sourceMapText ? (JSON.parse(out.sourceMapText) as RawSourceMap) : undefined;
  return { code: text, map, diagnostics };
}

function fromTsDiagnostic(tsApi: typeof ts, fileName: string, d: ts.Diagnostic): TransformDiagnostic {
  const start = d.start ?? 0;
  const pos = d.file ? tsApi.getLineAndCharacterOfPosition(d.file, start) : { line: 0, character: 0 };
  return {
    file: d.file?.fileName ?? fileName,
    start,
    length: d.length ?? 0,
    line: pos.line + 1,
    column: pos.character + 1,
    category: d.category === tsApi.DiagnosticCategory.Error ? "error" : "warning",
    code: `TS${d.code}`,
    message: tsApi.flattenDiagnosticMessageText(d.messageText, "\n"),
  };
}

/**
 * Loads `typescript` only when asked: the ts-patch entry is handed the compiler's own
 * `ts`, and loading a second copy of the 9 MB compiler would cost every build.
 */
function defaultTypeScript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (see above)
  if (typeof require === "function") return require("typescript") as typeof ts;
  throw new TypeError("deferred-coroutine transformer: pass the TypeScript module as options.ts (no `require` in this environment)");
}
