/**
 * Optional chains with `await` after a `?.` (`a?.b(await x)`, `a?.[await k]`):
 * every `?.` link tests its object and jumps to the short-circuit state, where
 * the whole chain is `undefined`; nothing to the right of a nullish link runs,
 * and a call keeps `this` from its link.
 */
import type * as ts from "typescript";
import { explodeExpr, isStable, list, skipOuter, store, type ExprCtx } from "./explode-expression.js";
import type { Loc } from "./leap.js";

/** The value of the chain `node` (its outermost link). */
export function optionalChain(c: ExprCtx, node: ts.Expression): ts.Expression {
  const { em } = c;
  const F = em.F;
  const short = em.loc();
  const after = em.loc();
  const result = em.temp();
  em.emit(em.assign(em.f(result), chainLink(c, node, short)));
  em.jump(after);
  em.mark(short);
  em.emit(em.assign(em.f(result), F.createVoidZero()));
  em.mark(after);
  return em.f(result);
}

function chainLink(c: ExprCtx, node: ts.Expression, short: Loc): ts.Expression {
  const { tsm, em } = c;
  const F = em.F;
  if (!(node.flags & tsm.NodeFlags.OptionalChain)) return explodeExpr(c, node);
  const nullish = (e: ts.Expression) => em.jumpIf(F.createBinaryExpression(e, tsm.SyntaxKind.EqualsEqualsToken, F.createNull()), short);
  const object = (e: ts.Expression, optional: boolean, keep: boolean): ts.Expression => {
    let obj = chainLink(c, e, short);
    if (optional || keep) obj = isStable(c, obj) ? obj : store(c, obj);
    if (optional) nullish(em.dup(obj));
    return obj;
  };
  if (tsm.isNonNullExpression(node) || tsm.isParenthesizedExpression(node)) return chainLink(c, node.expression, short);
  if (tsm.isPropertyAccessExpression(node)) return F.createPropertyAccessExpression(object(node.expression, !!node.questionDotToken, false), node.name);
  if (tsm.isElementAccessExpression(node)) {
    const obj = object(node.expression, !!node.questionDotToken, c.an.containsAwait(node.argumentExpression));
    return F.createElementAccessExpression(em.dup(obj), explodeExpr(c, node.argumentExpression));
  }
  if (tsm.isCallExpression(node)) {
    const callee = skipOuter(tsm, node.expression);
    const argsAwait = node.arguments.some((a) => c.an.containsAwait(a));
    if (tsm.isPropertyAccessExpression(callee) || tsm.isElementAccessExpression(callee)) {
      const obj = object(callee.expression, !!callee.questionDotToken, true);
      const member = tsm.isPropertyAccessExpression(callee)
        ? F.createPropertyAccessExpression(em.dup(obj), callee.name)
        : F.createElementAccessExpression(em.dup(obj), explodeExpr(c, callee.argumentExpression));
      if (!node.questionDotToken && !argsAwait) return F.createCallExpression(member, undefined, list(c, node.arguments));
      const fn = store(c, member);
      if (node.questionDotToken) nullish(em.dup(fn));
      return F.createCallExpression(F.createPropertyAccessExpression(em.dup(fn), "call"), undefined, [em.dup(obj), ...list(c, node.arguments)]);
    }
    const fn = object(callee, !!node.questionDotToken, argsAwait);
    return F.createCallExpression(F.createParenthesizedExpression(F.createCommaListExpression([F.createNumericLiteral(0), em.dup(fn)])), undefined, list(c, node.arguments));
  }
  return explodeExpr(c, node);
}
