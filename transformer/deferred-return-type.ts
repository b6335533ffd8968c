import type * as ts from "typescript";
import { detectMarks, mayHaveMarks } from "./core/detect.js";

/**
 * Lets a marked async function declare `: Deferred<T>` as its return type under
 * tspc. TypeScript reports TS1064 ("The return type of an async function or method
 * must be the global Promise<T> type") for any other declared type; the transform
 * makes a marked function really return a Deferred, so for marked functions — and
 * only those — the diagnostic is dropped.
 *
 * This works where the program that reports diagnostics is the one ts-patch hands to
 * a program transformer (`"transformProgram": true`): `tspc`, and `tsc` after
 * `ts-patch install`. It does not work in editors (the language service does not load
 * transformer plugins), in ts-loader/ts-jest type checking, or with tsc 7; hosts
 * that do not type-check (`transpileModule`, Babel, esbuild) never report TS1064.
 */

/** TS1064: async return type must be Promise<T>. TS1055: same, for ES5/ES3 targets. */
const ASYNC_RETURN_TYPE_CODES = new Set([1064, 1055]);

/**
 * Whether `diagnostic` is TS1064/TS1055 on the return type of a function that the
 * transform compiles. `marked` caches the detection per file.
 */
export function isMarkedAsyncReturnTypeError(
  tsApi: typeof ts,
  diagnostic: ts.Diagnostic,
  runtimeModule: string,
  marked: WeakMap<ts.SourceFile, ReadonlySet<ts.Node>>,
): boolean {
  const file = diagnostic.file;
  if (!ASYNC_RETURN_TYPE_CODES.has(diagnostic.code) || !file || diagnostic.start === undefined) return false;
  if (!mayHaveMarks(file.text)) return false;
  let fns = marked.get(file);
  if (!fns) {
    fns = new Set(detectMarks(tsApi, file, { runtimeModule }).marks.keys());
    marked.set(file, fns);
  }
  const start = diagnostic.start;
  for (const fn of fns) {
    const type = (fn as ts.FunctionLikeDeclaration).type;
    if (type && type.pos <= start && start < type.end) return true;
  }
  return false;
}

/**
 * Returns a program that answers like `program` except that its semantic
 * diagnostics omit TS1064/TS1055 on marked functions. Everything else is inherited,
 * so the compiler keeps using the original program's internals.
 */
export function withDeferredReturnTypes(tsApi: typeof ts, program: ts.Program, runtimeModule: string): ts.Program {
  const marked = new WeakMap<ts.SourceFile, ReadonlySet<ts.Node>>();
  const keep = (d: ts.Diagnostic) => !isMarkedAsyncReturnTypeError(tsApi, d, runtimeModule, marked);
  const wrapped: ts.Program = Object.create(program);
  wrapped.getSemanticDiagnostics = (sourceFile, token) => program.getSemanticDiagnostics(sourceFile, token).filter(keep);
  return wrapped;
}
