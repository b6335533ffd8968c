import type * as ts from "typescript";
import { findTagOccurrences, isInComment, leadingComments, TAG_NAME, type TagOccurrence } from "./comment-tags.js";
import type { CoroutineNode } from "./compile.js";
import { createDiagnostic, MARK_DIAGNOSTICS, type TransformDiagnostic } from "./diagnostics.js";

/**
 * Which functions of a file are Deferred coroutines (DESIGN.md §3). A function is
 * marked by
 *  1. the `@deferredCoroutine` tag in a comment directly before it — before the
 *     declaration, method, `export`/`export default`, inline before a function
 *     expression or arrow, or before a statement or property whose single
 *     initializer is the function;
 *  2. the `deferredCoroutine` decorator on a class method;
 *  3. the `deferredCoroutine(async …)` wrapper call.
 * The decorator and the wrapper count only when bound by an import from the
 * runtime module (named, aliased, namespace or default import, or
 * `import x = require(…)`). Local shadowing of that binding is not tracked: no type
 * information is needed, so the transform works under `isolatedModules` and
 * `transpileModule`.
 */

/** How a function is marked, and the syntax the visitor removes or rewrites. */
export interface Mark {
  /** The marked function, a node of the original tree. */
  readonly fn: CoroutineNode;
  /** A tag precedes it. */
  readonly byTag: boolean;
  /** `@deferredCoroutine` decorators on it (removed from the output once compiled). */
  readonly decorators: readonly ts.Decorator[];
  /** The `deferredCoroutine(fn)` call around it (replaced by the compiled function). */
  readonly wrapper: ts.CallExpression | undefined;
}

/** The result of {@link detectMarks}. */
export interface Detection {
  /** Functions to compile, keyed by their original node. */
  readonly marks: ReadonlyMap<ts.Node, Mark>;
  /** Marks on things that cannot be coroutines, misspelled and dangling tags. */
  readonly diagnostics: readonly TransformDiagnostic[];
}

/** Options of {@link detectMarks}. */
export interface DetectOptions {
  /** Module the decorator and wrapper must be imported from. */
  readonly runtimeModule: string;
}

/**
 * Cheap test on the file text: false means the file certainly has no mark and no
 * misspelled tag, so hosts can skip it without walking its tree.
 */
export function mayHaveMarks(text: string): boolean {
  return text.includes(TAG_NAME) || findTagOccurrences(text).length > 0;
}

interface MutableMark {
  fn: CoroutineNode;
  byTag: boolean;
  decorators: ts.Decorator[];
  wrapper: ts.CallExpression | undefined;
}

/**
 * Finds the marked functions of `sourceFile` (an original, parsed tree) and the
 * diagnostics about marks. Never throws for user input.
 */
export function detectMarks(tsApi: typeof ts, sourceFile: ts.SourceFile, options: DetectOptions): Detection {
  const k = tsApi.SyntaxKind;
  const text = sourceFile.text;
  const marks = new Map<ts.Node, MutableMark>();
  const diagnostics: TransformDiagnostic[] = [];
  const rejected = new Set<ts.Node>();
  if (!mayHaveMarks(text)) return { marks, diagnostics };

  const occurrences = findTagOccurrences(text).filter((o) => isInComment(tsApi, sourceFile, o.pos));
  const exactTags = occurrences.filter((o) => o.exact);
  const consumed = new Set<TagOccurrence>();
  const binding = runtimeBindings(tsApi, sourceFile, options.runtimeModule);

  const report = (node: ts.Node, code: string, message: string, category: "error" | "warning" = "error") => {
    diagnostics.push(createDiagnostic(tsApi, sourceFile, node, code, message, category));
  };

  /** Tags in the comments directly before `node` or before one of its modifiers. */
  const tagsBefore = (node: ts.Node): TagOccurrence[] => {
    if (exactTags.length === 0) return [];
    const starts = [node.pos];
    const mods = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
    if (mods) for (const m of mods) starts.push(m.pos, m.end);
    const found: TagOccurrence[] = [];
    for (const start of starts) {
      for (const c of leadingComments(tsApi, text, start)) {
        for (const t of exactTags) if (t.pos >= c.pos && t.pos < c.end && !found.includes(t)) found.push(t);
      }
    }
    return found;
  };

  const markOf = (fn: CoroutineNode): MutableMark => {
    let m = marks.get(fn);
    if (!m) marks.set(fn, (m = { fn, byTag: false, decorators: [], wrapper: undefined }));
    return m;
  };

  /** Checks that `fn` can be a coroutine; reports why not otherwise. */
  const accept = (fn: ts.Node, how: string): fn is CoroutineNode => {
    if (rejected.has(fn)) return false;
    const problem = whyNotCoroutine(tsApi, fn, how);
    if (problem) {
      rejected.add(fn);
      report(fn, problem.code, problem.message);
      return false;
    }
    return true;
  };

  /** The function a tag on `node` designates, or undefined when the tag marks nothing. */
  const taggedFunction = (node: ts.Node, siblings: readonly ts.Node[] | undefined): ts.Node | undefined => {
    if (isFunctionLike(tsApi, node)) {
      if (!(node as ts.FunctionLikeDeclaration).body && siblings) return implementationOf(tsApi, node, siblings) ?? node;
      return node;
    }
    let init: ts.Expression | undefined;
    if (tsApi.isCallExpression(node) && isRuntimeBinding(tsApi, node.expression, binding)) return node; // tag on a wrapper: redundant
    if (tsApi.isVariableStatement(node)) {
      const decls = node.declarationList.declarations;
      init = decls.length === 1 ? decls[0]!.initializer : undefined;
    } else if (tsApi.isVariableDeclaration(node) || tsApi.isPropertyDeclaration(node) || tsApi.isPropertyAssignment(node)) {
      init = node.initializer;
    } else if (tsApi.isExportAssignment(node)) {
      init = node.expression;
    } else if (tsApi.isExpressionStatement(node) && tsApi.isBinaryExpression(node.expression) && node.expression.operatorToken.kind === k.EqualsToken) {
      init = node.expression.right;
    }
    if (!init) return undefined;
    init = skipOuterExpressions(tsApi, init);
    if (tsApi.isFunctionExpression(init) || tsApi.isArrowFunction(init)) return init;
    if (tsApi.isCallExpression(init) && isRuntimeBinding(tsApi, init.expression, binding)) return init; // tag on a wrapper: redundant
    return undefined;
  };

  const visit = (node: ts.Node, siblings: readonly ts.Node[] | undefined): void => {
    const tags = tagsBefore(node);
    if (tags.length > 0) {
      const target = taggedFunction(node, siblings);
      if (target) {
        for (const t of tags) consumed.add(t);
        if (!tsApi.isCallExpression(target) && accept(target, "the @deferredCoroutine tag")) markOf(target).byTag = true;
      }
    }
    const mods = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
    if (mods) {
      for (const d of mods) {
        if (!tsApi.isDecorator(d) || !isRuntimeBinding(tsApi, d.expression, binding)) continue;
        if (isFunctionLike(tsApi, node)) {
          if (accept(node, "the @deferredCoroutine decorator")) markOf(node).decorators.push(d);
        } else {
          report(d, MARK_DIAGNOSTICS.decoratorTarget, "the @deferredCoroutine decorator applies to async methods only; move it to an async method, or use the deferredCoroutine(async …) wrapper for other functions");
        }
      }
    }
    if (tsApi.isCallExpression(node) && isRuntimeBinding(tsApi, node.expression, binding) && node.arguments.length === 1) {
      const arg = skipOuterExpressions(tsApi, node.arguments[0]!);
      // Only an inline async function is compiled; anything else (a function
      // reference, a plain function returning a thenable) stays a runtime call.
      if ((tsApi.isFunctionExpression(arg) || tsApi.isArrowFunction(arg)) && isAsync(tsApi, arg) && !arg.asteriskToken) {
        markOf(arg).wrapper = node;
      }
    }
    const list = childList(tsApi, node);
    tsApi.forEachChild(node, (child) => visit(child, list));
  };
  visit(sourceFile, undefined);

  for (const o of occurrences) {
    if (!o.exact) {
      report(atOffset(tsApi, sourceFile, o.pos), MARK_DIAGNOSTICS.misspelledTag, `unknown tag @${o.name}: did you mean @${TAG_NAME}? The function is not compiled as a Deferred coroutine`, "warning");
    } else if (!consumed.has(o)) {
      report(atOffset(tsApi, sourceFile, o.pos), MARK_DIAGNOSTICS.danglingTag, `this @${TAG_NAME} tag marks nothing: put it directly before an async function, method or arrow, or before a declaration whose only initializer is one`, "warning");
    }
  }
  diagnostics.sort((a, b) => a.start - b.start);
  return { marks, diagnostics };
}

function whyNotCoroutine(tsApi: typeof ts, fn: ts.Node, how: string): { code: string; message: string } | undefined {
  if (tsApi.isConstructorDeclaration(fn)) {
    return { code: MARK_DIAGNOSTICS.constructor, message: `${how} cannot mark a constructor (constructors cannot be async); move the asynchronous work to an async method or a static factory` };
  }
  if (tsApi.isGetAccessorDeclaration(fn) || tsApi.isSetAccessorDeclaration(fn)) {
    return { code: MARK_DIAGNOSTICS.accessor, message: `${how} cannot mark a getter or setter (accessors cannot be async); make it an async method` };
  }
  const f = fn as ts.FunctionLikeDeclaration;
  if (f.asteriskToken) {
    return { code: MARK_DIAGNOSTICS.generator, message: `${how} cannot mark a generator or async generator; use a plain async function, or inlineCallbacks for a generator` };
  }
  if (!f.body) {
    return { code: MARK_DIAGNOSTICS.noBody, message: `${how} marks a declaration without a body; put it on the implementation` };
  }
  if (!isAsync(tsApi, fn)) {
    return { code: MARK_DIAGNOSTICS.nonAsync, message: `${how} marks a function that is not async; add the async keyword or remove the mark` };
  }
  return undefined;
}

function isAsync(tsApi: typeof ts, fn: ts.Node): boolean {
  const mods = (fn as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  return !!mods && mods.some((m) => m.kind === tsApi.SyntaxKind.AsyncKeyword);
}

function isFunctionLike(tsApi: typeof ts, node: ts.Node): boolean {
  return (
    tsApi.isFunctionDeclaration(node) ||
    tsApi.isFunctionExpression(node) ||
    tsApi.isArrowFunction(node) ||
    tsApi.isMethodDeclaration(node) ||
    tsApi.isConstructorDeclaration(node) ||
    tsApi.isGetAccessorDeclaration(node) ||
    tsApi.isSetAccessorDeclaration(node)
  );
}

/** The implementation (same name, with a body) that follows an overload signature. */
function implementationOf(tsApi: typeof ts, signature: ts.Node, siblings: readonly ts.Node[]): ts.Node | undefined {
  const name = (signature as ts.FunctionLikeDeclaration).name;
  if (!name || !(tsApi.isIdentifier(name) || tsApi.isPrivateIdentifier(name) || tsApi.isStringLiteral(name))) return undefined;
  for (let i = siblings.indexOf(signature) + 1; i < siblings.length; i++) {
    const s = siblings[i]! as ts.FunctionLikeDeclaration;
    if (s.kind !== signature.kind || !s.name || s.name.kind !== name.kind || (s.name as ts.Identifier).text !== (name as ts.Identifier).text) return undefined;
    if (s.body) return s;
  }
  return undefined;
}

function childList(tsApi: typeof ts, node: ts.Node): readonly ts.Node[] | undefined {
  if (tsApi.isSourceFile(node) || tsApi.isBlock(node) || tsApi.isModuleBlock(node)) return node.statements;
  if (tsApi.isClassDeclaration(node) || tsApi.isClassExpression(node)) return node.members;
  return undefined;
}

function skipOuterExpressions(tsApi: typeof ts, e: ts.Expression): ts.Expression {
  for (;;) {
    if (tsApi.isParenthesizedExpression(e) || tsApi.isAsExpression(e) || tsApi.isSatisfiesExpression(e) || tsApi.isNonNullExpression(e) || tsApi.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** A node spanning just the tag at `pos`, for reporting. */
function atOffset(tsApi: typeof ts, sourceFile: ts.SourceFile, pos: number): ts.Node {
  const n = tsApi.factory.createIdentifier(TAG_NAME);
  // A position-only stand-in: createDiagnostic reads pos/end and the file text.
  return tsApi.setTextRange(n, { pos, end: pos + 1 + TAG_NAME.length });
}

/** Local names bound by imports from the runtime module. */
interface RuntimeBindings {
  /** Names bound to the `deferredCoroutine` export itself. */
  readonly direct: ReadonlySet<string>;
  /** Names bound to the whole module (`ns.deferredCoroutine`). */
  readonly namespaces: ReadonlySet<string>;
}

function runtimeBindings(tsApi: typeof ts, sourceFile: ts.SourceFile, runtimeModule: string): RuntimeBindings {
  const direct = new Set<string>();
  const namespaces = new Set<string>();
  for (const s of sourceFile.statements) {
    if (tsApi.isImportDeclaration(s)) {
      const clause = s.importClause;
      if (!clause || clause.isTypeOnly || !tsApi.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== runtimeModule) continue;
      if (clause.name) namespaces.add(clause.name.text);
      const nb = clause.namedBindings;
      if (nb && tsApi.isNamespaceImport(nb)) namespaces.add(nb.name.text);
      if (nb && tsApi.isNamedImports(nb)) {
        for (const el of nb.elements) {
          if (el.isTypeOnly) continue;
          const imported = el.propertyName ? el.propertyName.text : el.name.text;
          if (imported === TAG_NAME) direct.add(el.name.text);
        }
      }
    } else if (tsApi.isImportEqualsDeclaration(s) && !s.isTypeOnly && tsApi.isExternalModuleReference(s.moduleReference)) {
      const spec = s.moduleReference.expression;
      if (tsApi.isStringLiteral(spec) && spec.text === runtimeModule) namespaces.add(s.name.text);
    }
  }
  return { direct, namespaces };
}

function isRuntimeBinding(tsApi: typeof ts, expr: ts.Expression, b: RuntimeBindings): boolean {
  const e = skipOuterExpressions(tsApi, expr);
  if (tsApi.isIdentifier(e)) return b.direct.has(e.text);
  if (tsApi.isPropertyAccessExpression(e) && tsApi.isIdentifier(e.expression) && tsApi.isIdentifier(e.name)) {
    return e.name.text === TAG_NAME && b.namespaces.has(e.expression.text);
  }
  return false;
}
