import type * as ts from "typescript";
import { compileCoroutine, type CoroutineNode } from "./compile.js";
import { detectMarks, mayHaveMarks, type Mark } from "./detect.js";
import { createDiagnostic, MARK_DIAGNOSTICS, type TransformDiagnostic } from "./diagnostics.js";

/**
 * The file-level pass: finds the marked functions (detect.ts), compiles them inner
 * first (compile.ts), puts each compiled function's module-level statements right
 * before the top-level statement that holds it, removes the `@deferredCoroutine`
 * decorator, replaces the `deferredCoroutine(fn)` call by the compiled function, and
 * injects the runtime import.
 *
 * The injected import is made in the `before` phase, so TypeScript's own module
 * transform lowers it: an ES `import * as $dc from "<runtimeModule>"` for ES module
 * output, `import $dc = require(…)` (emitted as `const $dc = require(…)`, no interop
 * helper) for CommonJS modules. A file that is not a module (no import or export) is
 * not touched by that transform, so for CommonJS output it gets `var $dc = require(…)`.
 *
 * Idempotence: the injected import carries the comment {@link COMPILED_MARKER}. A file
 * whose text holds the marker (JavaScript output fed to the transform again) or whose
 * tree holds the marked import (a second transformer instance in the same emit) is
 * returned unchanged.
 */

/** Text of the comment that marks a compiled file. */
export const COMPILED_MARKER = "deferred-coroutine: compiled";

/** What {@link transformFile} needs besides the file. */
export interface VisitSettings {
  readonly runtimeModule: string;
  readonly reportWarnings: boolean;
  /** Receives every diagnostic of the file, in source order. */
  readonly onDiagnostic: (diagnostic: TransformDiagnostic) => void;
}

/**
 * Transforms one source file. Returns `sourceFile` itself when it has nothing to
 * compile. A function whose compilation is rejected is left unchanged (its
 * diagnostic has been reported). Never throws for user input: an exception out of
 * the compiler core is reported as a `DC1009` error on the function.
 */
export function transformFile(
  tsApi: typeof ts,
  context: ts.TransformationContext,
  sourceFile: ts.SourceFile,
  settings: VisitSettings,
): ts.SourceFile {
  if (sourceFile.isDeclarationFile || isCompiled(tsApi, sourceFile) || !mayHaveMarks(sourceFile.text)) return sourceFile;
  const factory = context.factory;
  const flags = tsApi.GeneratedIdentifierFlags.Optimistic | tsApi.GeneratedIdentifierFlags.FileLevel;
  const uniqueName = (base: string) => factory.createUniqueName(base, flags);
  const diagnostics: TransformDiagnostic[] = [];

  const detection = detectMarks(tsApi, sourceFile, { runtimeModule: settings.runtimeModule });
  for (const d of detection.diagnostics) if (d.category === "error" || settings.reportWarnings) diagnostics.push(d);
  const marks = detection.marks;
  if (marks.size === 0) return finish(sourceFile);

  const runtime = uniqueName("$dc");
  const spans = [...marks.keys()].map((n) => [n.pos, n.end] as const);
  const compiled = new Set<ts.Node>();
  let hoist: ts.Statement[] = [];

  const containsMark = (node: ts.Node) => node.pos >= 0 && spans.some(([pos, end]) => pos >= node.pos && end <= node.end);

  const compile = (mark: Mark, node: CoroutineNode): CoroutineNode => {
    const input = mark.decorators.length > 0 ? withoutDecorators(tsApi, factory, node, mark.decorators) : node;
    let out;
    try {
      out = compileCoroutine({
        ts: tsApi,
        context,
        sourceFile,
        node: input,
        runtime,
        uniqueName,
        report: ({ node: at, code, message }) => diagnostics.push(createDiagnostic(tsApi, sourceFile, at, code, message, "error", mark.fn)),
      });
    } catch (e) {
      const why = e instanceof Error ? (e.stack ?? e.message) : String(e);
      diagnostics.push(createDiagnostic(tsApi, sourceFile, mark.fn, MARK_DIAGNOSTICS.internalError, `internal error of the deferred-coroutine compiler; the function is left uncompiled. Please report it with this function:\n${why}`));
      return node;
    }
    if (!out) return node;
    compiled.add(mark.fn);
    hoist.push(...out.hoist);
    return out.node;
  };

  const visit = (node: ts.Node): ts.Node => {
    if (!containsMark(node)) return node;
    let result = tsApi.visitEachChild(node, visit, context);
    const mark = marks.get(node);
    if (mark) result = compile(mark, result as CoroutineNode);
    if (tsApi.isCallExpression(node) && tsApi.isCallExpression(result) && wrapsCompiled(tsApi, node, marks, compiled)) {
      // The wrapper's job (a function returning a Deferred) is done by the compiled
      // function itself; calling the runtime wrapper on it would wrap it twice.
      result = factory.createParenthesizedExpression(skipParentheses(tsApi, result.arguments[0]!));
    }
    return result;
  };

  const statements: ts.Statement[] = [];
  for (const statement of sourceFile.statements) {
    hoist = [];
    const visited = visit(statement) as ts.Statement;
    statements.push(...hoist, visited);
  }
  if (compiled.size === 0) return finish(sourceFile);

  const directives = statements.findIndex((s) => !isPrologueDirective(tsApi, s));
  const at = directives < 0 ? statements.length : directives;
  statements.splice(at, 0, runtimeImport(tsApi, factory, context, sourceFile, runtime, settings.runtimeModule));
  return finish(factory.updateSourceFile(sourceFile, statements));

  function finish(result: ts.SourceFile): ts.SourceFile {
    diagnostics.sort((a, b) => a.start - b.start);
    for (const d of diagnostics) settings.onDiagnostic(d);
    return result;
  }
}

/** True when the file was already compiled (see {@link COMPILED_MARKER}). */
export function isCompiled(tsApi: typeof ts, sourceFile: ts.SourceFile): boolean {
  if (sourceFile.text.includes(COMPILED_MARKER)) return true;
  for (const s of sourceFile.statements) {
    const comments = tsApi.getSyntheticLeadingComments(s);
    if (comments?.some((c) => c.text.includes(COMPILED_MARKER))) return true;
  }
  return false;
}

function wrapsCompiled(tsApi: typeof ts, call: ts.CallExpression, marks: ReadonlyMap<ts.Node, Mark>, compiled: ReadonlySet<ts.Node>): boolean {
  const arg = call.arguments.length === 1 ? skipParentheses(tsApi, call.arguments[0]!) : undefined;
  const mark = arg && marks.get(arg);
  return !!mark && mark.wrapper === call && compiled.has(arg);
}

function skipParentheses(tsApi: typeof ts, e: ts.Expression): ts.Expression {
  while (tsApi.isParenthesizedExpression(e) || tsApi.isAsExpression(e) || tsApi.isSatisfiesExpression(e) || tsApi.isNonNullExpression(e) || tsApi.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function withoutDecorators(tsApi: typeof ts, factory: ts.NodeFactory, node: CoroutineNode, remove: readonly ts.Decorator[]): CoroutineNode {
  if (!tsApi.isMethodDeclaration(node) || !node.modifiers) return node;
  const modifiers = node.modifiers.filter((m) => !remove.includes(m as ts.Decorator));
  return factory.updateMethodDeclaration(node, modifiers, node.asteriskToken, node.name, node.questionToken, node.typeParameters, node.parameters, node.type, node.body);
}

function isPrologueDirective(tsApi: typeof ts, s: ts.Statement): boolean {
  return tsApi.isExpressionStatement(s) && tsApi.isStringLiteral(s.expression);
}

/** Whether TypeScript emits `sourceFile` as CommonJS. */
function emitsCommonJs(tsApi: typeof ts, options: ts.CompilerOptions, sourceFile: ts.SourceFile): boolean {
  const M = tsApi.ModuleKind;
  const target = options.target ?? tsApi.ScriptTarget.ES5;
  const kind = options.module ?? (target >= tsApi.ScriptTarget.ES2015 ? M.ES2015 : M.CommonJS);
  if (kind >= M.Node16 && kind <= M.NodeNext) return (sourceFile.impliedNodeFormat ?? M.CommonJS) === M.CommonJS;
  return kind === M.CommonJS;
}

function runtimeImport(
  tsApi: typeof ts,
  factory: ts.NodeFactory,
  context: ts.TransformationContext,
  sourceFile: ts.SourceFile,
  runtime: ts.Identifier,
  runtimeModule: string,
): ts.Statement {
  let statement: ts.Statement;
  const commonJs = emitsCommonJs(tsApi, context.getCompilerOptions(), sourceFile);
  if (commonJs && !tsApi.isExternalModule(sourceFile)) {
    const require = factory.createCallExpression(factory.createIdentifier("require"), undefined, [factory.createStringLiteral(runtimeModule)]);
    statement = factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(runtime, undefined, undefined, require)], tsApi.NodeFlags.None));
  } else if (commonJs) {
    // `import x = require()` becomes a bare `const x = require()`: no `__importStar`
    // helper (nor a tslib import under `importHelpers`) in every compiled file.
    statement = factory.createImportEqualsDeclaration(undefined, false, runtime, factory.createExternalModuleReference(factory.createStringLiteral(runtimeModule)));
  } else {
    const clause = factory.createImportClause(undefined, undefined, factory.createNamespaceImport(runtime));
    statement = factory.createImportDeclaration(undefined, clause, factory.createStringLiteral(runtimeModule));
  }
  return tsApi.addSyntheticLeadingComment(statement, tsApi.SyntaxKind.MultiLineCommentTrivia, ` ${COMPILED_MARKER} `, true);
}
