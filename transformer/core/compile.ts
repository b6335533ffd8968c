/**
 * Entry point of the transform's compiler core: one marked `async` function in,
 * its Deferred state machine out.
 *
 * This file is the interface between the visitor (transformer/core/visit.ts, which
 * finds marked functions and injects the runtime import) and the compiler modules
 * (analyze, explode, emitter, assemble). The visitor compiles nested marked
 * functions first, so `node` never contains a marked function that still has to
 * be compiled.
 *
 * Only `import type` from "typescript" here and in every compiler module: the
 * transform must use the `ts` it is handed (ts-patch, the playground and
 * ts-loader may each bring their own copy).
 */
import type * as ts from "typescript";
import { assembleCoroutine } from "./assemble.js";

/** The function forms a mark can apply to. Getters, setters and constructors are never coroutines. */
export type CoroutineNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** Everything the compiler needs to compile one marked function. */
export interface CompileInput {
  /** The TypeScript module the host was loaded with; never import typescript's runtime in transformer/core. */
  ts: typeof import("typescript");
  /** The running transformation; `context.factory` builds every node. */
  context: ts.TransformationContext;
  /** The file being transformed (for the site's file name and line). */
  sourceFile: ts.SourceFile;
  /** An `async` function with a body, marked; nested marked functions were already compiled (inner first). */
  node: CoroutineNode;
  /** Identifier of the injected namespace import of the runtime (for example `_dc_1`). */
  runtime: ts.Identifier;
  /** Returns an identifier that is unique in the file (used for module-level names). */
  uniqueName(base: string): ts.Identifier;
  /**
   * Reports a diagnostic. `code` is like "DC1001"; `message` says what is not
   * supported and what to do instead. The host adds file:line:column from `node`.
   */
  report(diagnostic: { node: ts.Node; code: string; message: string }): void;
}

/** The compiled function and the module-level statements it needs. */
export interface CompileOutput {
  /**
   * Replacement for `input.node`: same kind, name and parameters as far as
   * `fn.length` and `fn.name` can see, modifiers minus `async`; its body creates
   * the frame and returns `<runtime>.coStart(frame)`.
   */
  node: CoroutineNode;
  /**
   * Statements the visitor inserts right before the top-level statement that
   * contains the function (the module-level step function and the site
   * constant). May be empty.
   */
  hoist: ts.Statement[];
}

/**
 * Compiles one marked async function into a frame-and-step state machine (the
 * shape of docs/internals.md).
 *
 * Returns `undefined` when the function uses a construct the compiler rejects;
 * in that case `input.report` has been called at least once with a diagnostic
 * naming the construct, and the caller must leave the function unchanged (and
 * fail the build). Never throws for user input; an exception out of here is a
 * compiler bug.
 */
export function compileCoroutine(input: CompileInput): CompileOutput | undefined {
  return assembleCoroutine(input);
}
