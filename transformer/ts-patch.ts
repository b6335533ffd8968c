import type * as ts from "typescript";
import { TransformError, toTsDiagnostic, type TransformDiagnostic } from "./core/diagnostics.js";
import { transformFile } from "./core/visit.js";
import { withDeferredReturnTypes } from "./deferred-return-type.js";
import { resolveOptions, type ResolvedTransformerOptions, type TransformerOptions } from "./options.js";

/**
 * The ts-patch entry (`"plugins": [{ "transform": "deferred-coroutine/transformer" }]`).
 *
 * - As a source transformer (the default), ts-patch calls it with
 *   `(program, config, extras)` at emit time; it returns the `before` transformer and
 *   reports diagnostics through `extras.addDiagnostic`, so tspc prints them as
 *   `file:line:column - error TSDC1001: …` and exits non-zero.
 * - With `"transformProgram": true`, ts-patch calls it with
 *   `(program, host, config, extras)` when the program is created; it returns a
 *   program that also accepts `: Deferred<T>` return types on marked functions
 *   (TS1064 dropped for them, see deferred-return-type.ts) and that runs the same
 *   transform on emit. One entry of either kind is enough; listing both compiles once
 *   (the second run sees the first one's marker).
 *
 * It always builds nodes with the `ts` that ts-patch hands over.
 */

/** The part of ts-patch's `PluginConfig` this plugin reads: its own options, plus ts-patch's keys. */
export interface TsPatchPluginConfig extends TransformerOptions {
  transform?: string;
  transformProgram?: boolean;
  [key: string]: unknown;
}

/** What ts-patch passes as `extras` to a source transformer (ts-patch 3 and 4). */
export interface TsPatchTransformerExtras {
  ts: typeof ts;
  addDiagnostic?: (diagnostic: ts.Diagnostic) => number;
}

/** What ts-patch passes as `extras` to a program transformer. */
export interface TsPatchProgramExtras {
  ts: typeof ts;
}

/** Source-transformer form: called by ts-patch at emit time. */
function deferredCoroutineTransformer(program: ts.Program, config?: TsPatchPluginConfig, extras?: TsPatchTransformerExtras): ts.TransformerFactory<ts.SourceFile>;
/** Program-transformer form (`"transformProgram": true`): called when the program is created. */
function deferredCoroutineTransformer(program: ts.Program, host: ts.CompilerHost | undefined, config: TsPatchPluginConfig & { transformProgram: true }, extras?: TsPatchProgramExtras): ts.Program;
function deferredCoroutineTransformer(
  program: ts.Program,
  second?: TsPatchPluginConfig | ts.CompilerHost,
  third?: TsPatchTransformerExtras | TsPatchPluginConfig,
  fourth?: TsPatchProgramExtras,
): ts.TransformerFactory<ts.SourceFile> | ts.Program {
  if ((third as TsPatchPluginConfig | undefined)?.transformProgram === true) {
    const config = third as TsPatchPluginConfig;
    return programTransformer(program, resolveOptions(config), fourth?.ts ?? loadTs());
  }
  const config = second as TsPatchPluginConfig | undefined;
  const extras = third as TsPatchTransformerExtras | undefined;
  const tsApi = extras?.ts ?? loadTs();
  const options = resolveOptions(config);
  const addDiagnostic = extras?.addDiagnostic;
  return sourceTransformer(tsApi, options, addDiagnostic ? (d) => void addDiagnostic(d) : undefined);
}

export default deferredCoroutineTransformer;

/**
 * The `before` transformer. Diagnostics go to `sink` as `ts.Diagnostic`s; without a
 * sink, errors are thrown as a {@link TransformError} after the file.
 */
function sourceTransformer(
  tsApi: typeof ts,
  options: ResolvedTransformerOptions,
  sink: ((diagnostic: ts.Diagnostic) => void) | undefined,
): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sourceFile) => {
    const errors: TransformDiagnostic[] = [];
    const result = transformFile(tsApi, context, sourceFile, {
      ...options,
      onDiagnostic: (d) => {
        if (sink) sink(toTsDiagnostic(tsApi, sourceFile, d));
        else if (d.category === "error") errors.push(d);
      },
    });
    if (errors.length > 0) throw new TransformError(errors);
    return result;
  };
}

function programTransformer(program: ts.Program, options: ResolvedTransformerOptions, tsApi: typeof ts): ts.Program {
  const wrapped = withDeferredReturnTypes(tsApi, program, options.runtimeModule);
  wrapped.emit = (targetSourceFile, writeFile, cancellationToken, emitOnlyDtsFiles, customTransformers, ...rest: unknown[]) => {
    const diagnostics: ts.Diagnostic[] = [];
    const ours = sourceTransformer(tsApi, options, (d) => diagnostics.push(d));
    const transformers: ts.CustomTransformers = { ...customTransformers, before: [...(customTransformers?.before ?? []), ours] };
    const emit = program.emit as (...args: unknown[]) => ts.EmitResult;
    const result = emit(targetSourceFile, writeFile, cancellationToken, emitOnlyDtsFiles, transformers, ...rest);
    return diagnostics.length === 0 ? result : { ...result, diagnostics: [...result.diagnostics, ...diagnostics] };
  };
  return wrapped;
}

/** Only when a host calls the entry without handing over its `ts` (ts-patch always does). */
function loadTs(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: never load a second compiler when one is handed over
  return require("typescript") as typeof ts;
}
