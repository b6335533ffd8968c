/**
 * for-of and for-in loops split by `await`. for-of calls `next` lazily and
 * closes the iterator (`return()`) on every abrupt exit: `break`, `return`,
 * labeled jumps (a close state or inline close) and exceptions (a "close"
 * region, errors from `return()` swallowed), never on exhaustion. for-in
 * collects the keys first, as V8 does, and skips keys deleted meanwhile.
 */
import type * as ts from "typescript";
import { explodeExpr, type ExprCtx } from "./explode-expression.js";
import type { Exploder } from "./explode.js";
import { explodeForAwait } from "./explode-for-await.js";
import type { Entry } from "./leap.js";

export function explodeForOf(x: Exploder, c: ExprCtx, node: ts.ForOfStatement, labels: string[]): void {
  const { em, an } = c;
  const F = em.F;
  if (node.awaitModifier) return explodeForAwait(x, c, node, labels);
  const scope = an.scopeOf(node);
  const it = em.field("$it");
  const next = em.field("$next");
  const res = em.field("$res");
  const mark = em.tempMark();
  const iterable = explodeExpr(c, node.expression);
  em.tempRelease(mark);
  em.emit(em.assign(em.f(it), F.createCallExpression(F.createElementAccessExpression(F.createParenthesizedExpression(iterable), F.createPropertyAccessExpression(F.createIdentifier("Symbol"), "iterator")), undefined, [])));
  em.emit(em.assign(em.f(next), F.createPropertyAccessExpression(em.f(it), "next")));
  const head = em.loc();
  const body = em.loc();
  const cont = em.loc();
  const closeLoc = em.loc();
  const after = em.loc();
  em.mark(head);
  em.emit(em.assign(em.f(res), F.createCallExpression(F.createPropertyAccessExpression(em.f(next), "call"), undefined, [em.f(it)])));
  em.emit(
    F.createIfStatement(
      F.createStrictInequality(F.createCallExpression(F.createIdentifier("Object"), undefined, [em.f(res)]), em.f(res)),
      F.createThrowStatement(F.createNewExpression(F.createIdentifier("TypeError"), undefined, [F.createStringLiteral("Iterator result is not an object")])),
    ),
  );
  em.jumpIf(F.createPropertyAccessExpression(em.f(res), "done"), after);
  em.mark(body);
  em.emit(em.setState(body));
  const iter: Entry = { kind: "iter", iterField: it, exitLoc: after };
  const entry: Entry = { kind: "loop", labels, breakLoc: closeLoc, continueLoc: head };
  em.leap.push(iter);
  x.enterScope(scope, []);
  x.bindLoopVariable(node.initializer, F.createPropertyAccessExpression(em.f(res), "value"));
  em.leap.push(entry);
  x.statement(node.statement);
  em.leap.pop(entry);
  em.leap.pop(iter);
  em.mark(cont);
  em.jump(head);
  em.mark(closeLoc);
  em.emit(...em.close(iter), ...em.jumpStmts(after));
  em.mark(after);
  // The region first: the fast path keeps the state stores of a loop with regions inside.
  em.addRegion({ start: body, end: cont, action: "close", iterField: it });
  c.fastLoop(head, after);
  em.emit(em.assign(em.f(it), F.createVoidZero()), em.assign(em.f(next), F.createVoidZero()), em.assign(em.f(res), F.createVoidZero()));
}

export function explodeForIn(x: Exploder, c: ExprCtx, node: ts.ForInStatement, labels: string[]): void {
  const { em, an, tsm } = c;
  const F = em.F;
  const scope = an.scopeOf(node);
  const keys = em.field("$keys");
  const obj = em.field("$obj");
  const idx = em.field("$i");
  const mark = em.tempMark();
  const target = explodeExpr(c, node.expression);
  em.tempRelease(mark);
  // Keys are collected up front (V8 snapshots them too); keys deleted during the loop are skipped.
  em.emit(em.assign(em.f(obj), F.createCallExpression(F.createIdentifier("Object"), undefined, [target])));
  em.emit(em.assign(em.f(keys), F.createArrayLiteralExpression([])));
  em.emit(
    F.createForInStatement(
      F.createVariableDeclarationList([F.createVariableDeclaration(em.names.scratch)], tsm.NodeFlags.Const),
      em.f(obj),
      F.createExpressionStatement(F.createCallExpression(F.createPropertyAccessExpression(em.f(keys), "push"), undefined, [F.createIdentifier(em.names.scratch)])),
    ),
  );
  em.emit(em.assign(em.f(idx), F.createNumericLiteral(0)));
  const head = em.loc();
  const after = em.loc();
  em.mark(head);
  em.jumpIf(F.createBinaryExpression(em.f(idx), tsm.SyntaxKind.GreaterThanEqualsToken, F.createPropertyAccessExpression(em.f(keys), "length")), after);
  const key = F.createElementAccessExpression(em.f(keys), F.createPostfixIncrement(em.f(idx)));
  em.usesScratch = true;
  em.emit(em.assign(F.createIdentifier(em.names.scratch), key));
  em.jumpIf(F.createLogicalNot(F.createParenthesizedExpression(F.createBinaryExpression(F.createIdentifier(em.names.scratch), tsm.SyntaxKind.InKeyword, em.f(obj)))), head);
  x.enterScope(scope, []);
  x.bindLoopVariable(node.initializer, F.createIdentifier(em.names.scratch));
  const entry: Entry = { kind: "loop", labels, breakLoc: after, continueLoc: head };
  em.leap.push(entry);
  x.statement(node.statement);
  em.leap.pop(entry);
  em.jump(head);
  em.mark(after);
  c.fastLoop(head, after);
  em.emit(em.assign(em.f(keys), F.createVoidZero()), em.assign(em.f(obj), F.createVoidZero()));
}
