/**
 * Quick syntactic checks on a coroutine before it is compiled: constructs that
 * are rejected wherever they appear, whether the body refers to variables of
 * an enclosing function (then the step cannot live at module level), and the
 * human name recorded in the coroutine's site.
 */
import type * as ts from "typescript";
import type { CoroutineNode } from "./compile.js";
import { isFunctionLikeNode } from "./rewrite.js";

type Ts = typeof import("typescript");

/** Reports `with` and direct `eval` anywhere in the coroutine's own code. */
export function findRejections(tsm: Ts, fn: CoroutineNode, reject: (n: ts.Node, code: string, message: string) => void): void {
  const visit = (n: ts.Node, own: boolean): void => {
    if (tsm.isWithStatement(n))
      reject(n, "DC2004", "`with` is not supported in a @deferredCoroutine function: its locals live in a frame object that `with` cannot see");
    if (own && tsm.isCallExpression(n) && tsm.isIdentifier(n.expression) && n.expression.text === "eval")
      reject(n, "DC2005", "direct `eval` is not supported in a @deferredCoroutine function: it could not see the function's locals; use `(0, eval)(…)` or remove the mark");
    const inner = own && !(n !== fn && isFunctionLikeNode(tsm, n) && !tsm.isArrowFunction(n));
    tsm.forEachChild(n, (ch) => visit(ch, inner));
  };
  visit(fn, true);
}

/**
 * True when an identifier used in the coroutine may name a variable declared
 * in an enclosing function or block (not at module level). Over-approximates:
 * a false positive only costs a closure per call.
 */
export function capturesEnclosingScope(tsm: Ts, fn: CoroutineNode, used: Set<string>): boolean {
  // A named function expression sees its own name, which does not exist at module level.
  if (tsm.isFunctionExpression(fn) && fn.name && used.has(fn.name.text)) return true;
  let top: ts.Node = fn;
  while (top.parent && !tsm.isSourceFile(top.parent)) top = top.parent;
  if (top === fn) return false;
  const moduleLevel = new Set<string>();
  if ((tsm.isFunctionDeclaration(top) || tsm.isClassDeclaration(top)) && top.name) moduleLevel.add(top.name.text);
  if (tsm.isVariableStatement(top))
    for (const d of top.declarationList.declarations) if (tsm.isIdentifier(d.name)) moduleLevel.add(d.name.text);
  let found = false;
  const collect = (n: ts.Node, name: ts.Node | undefined) => {
    if (name && tsm.isIdentifier(name) && used.has(name.text) && !moduleLevel.has(name.text)) found = true;
    else if (name && (tsm.isObjectBindingPattern(name) || tsm.isArrayBindingPattern(name)))
      for (const el of name.elements) if (!tsm.isOmittedExpression(el)) collect(el, el.name);
  };
  const visit = (n: ts.Node): void => {
    if (found || n === fn) return;
    if (tsm.isVariableDeclaration(n) || tsm.isParameter(n) || tsm.isBindingElement(n)) collect(n, n.name);
    if ((tsm.isFunctionDeclaration(n) || tsm.isFunctionExpression(n) || tsm.isClassDeclaration(n) || tsm.isClassExpression(n)) && n.name) {
      if (n !== top) collect(n, n.name);
    }
    if (tsm.isVariableStatement(n) && n === top) {
      n.declarationList.declarations.forEach((d) => {
        if (!tsm.isIdentifier(d.name)) collect(d, d.name);
        if (d.initializer) visit(d.initializer);
      });
      return;
    }
    tsm.forEachChild(n, visit);
  };
  visit(top);
  return found;
}

/** The name shown in tracebacks: `name`, `Class.method`, the variable an arrow is assigned to, or "<anonymous>". */
export function siteName(tsm: Ts, fn: CoroutineNode): string {
  const text = (n: ts.Node | undefined): string | undefined =>
    n && (tsm.isIdentifier(n) || tsm.isPrivateIdentifier(n) || tsm.isStringLiteral(n) || tsm.isNumericLiteral(n)) ? n.text : undefined;
  if (tsm.isMethodDeclaration(fn)) {
    const m = text(fn.name) ?? "<computed>";
    const cls = tsm.isClassLike(fn.parent) ? text(fn.parent.name) : undefined;
    return cls ? `${cls}.${m}` : m;
  }
  const own = text(fn.name);
  if (own) return own;
  if (tsm.isFunctionDeclaration(fn) && fn.modifiers?.some((m) => m.kind === tsm.SyntaxKind.DefaultKeyword)) return "default";
  let p: ts.Node = fn.parent;
  while (p && (tsm.isParenthesizedExpression(p) || tsm.isCallExpression(p) || tsm.isAsExpression(p))) p = p.parent;
  if (p && (tsm.isVariableDeclaration(p) || tsm.isPropertyAssignment(p) || tsm.isPropertyDeclaration(p))) return text(p.name) ?? "<anonymous>";
  return "<anonymous>";
}
