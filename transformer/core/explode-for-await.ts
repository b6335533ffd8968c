/**
 * `for await (x of xs) body`, compiled as
 *
 *   it = xs[Symbol.asyncIterator]?.call(xs) ?? (sit = xs[Symbol.iterator]())
 *   head:  r = await it.next()            // sync iterator: await its value instead
 *          if (r.done) goto after; x = r.value
 *   body:  … (a try region whose "finally" is AsyncIteratorClose)
 *   close: on break/return/throw/labeled jumps: await it.return() (errors
 *          swallowed on a throw completion), then resume the completion
 *
 * Exhaustion and errors from `next()` do not close the iterator, nor does a
 * rejected value of a sync iterator (as in Node 20; ES2025 closes it there).
 */
import type * as ts from "typescript";
import { explodeExpr, type ExprCtx } from "./explode-expression.js";
import type { Exploder } from "./explode.js";
import { Completion, type Entry, type FinallyInfo } from "./leap.js";

export function explodeForAwait(x: Exploder, c: ExprCtx, node: ts.ForOfStatement, labels: string[]): void {
  const { em, an, tsm } = c;
  const F = em.F;
  const k = tsm.SyntaxKind;
  const it = em.field("$ait");
  const next = em.field("$anext");
  const sit = em.field("$sit");
  const fin: FinallyInfo = { loc: em.loc(), kindField: em.field("$afin"), valueField: em.field("$afinValue"), returns: false, jumps: [] };
  const v = () => em.v();
  const w = () => F.createIdentifier(em.names.scratch);
  em.usesScratch = true;
  const notObject = (e: () => ts.Expression) =>
    F.createIfStatement(
      F.createStrictInequality(F.createCallExpression(F.createIdentifier("Object"), undefined, [e()]), e()),
      F.createThrowStatement(F.createNewExpression(F.createIdentifier("TypeError"), undefined, [F.createStringLiteral("Iterator result is not an object")])),
    );
  const isSync = () => F.createStrictInequality(em.f(sit), F.createVoidZero());

  const src = em.temp();
  em.emit(em.assign(em.f(src), explodeExpr(c, node.expression)));
  const symbol = (name: string) => F.createPropertyAccessExpression(F.createIdentifier("Symbol"), name);
  em.emit(em.assign(w(), F.createElementAccessExpression(em.f(src), symbol("asyncIterator"))));
  em.emit(
    F.createIfStatement(
      F.createBinaryExpression(w(), k.EqualsEqualsToken, F.createNull()),
      F.createBlock([em.assign(em.f(it), em.assign(em.f(sit), F.createCallExpression(F.createElementAccessExpression(em.f(src), symbol("iterator")), undefined, [])).expression)]),
      F.createBlock([em.assign(em.f(sit), F.createVoidZero()), em.assign(em.f(it), F.createCallExpression(F.createPropertyAccessExpression(w(), "call"), undefined, [em.f(src)]))]),
    ),
  );
  em.emit(em.assign(em.f(next), F.createPropertyAccessExpression(em.f(it), "next")), em.assign(em.f(src), F.createVoidZero()));

  const head = em.loc();
  const body = em.loc();
  const brk = em.loc();
  const after = em.loc();
  // The loop's own `break` leaves through the close; this entry is the target it resumes at.
  const outer: Entry = { kind: "label", labels: [], breakLoc: after };
  em.leap.push(outer);
  em.mark(head);
  em.emit(em.assign(v(), F.createCallExpression(F.createPropertyAccessExpression(em.f(next), "call"), undefined, [em.f(it)])));
  em.emit(F.createIfStatement(isSync(), F.createBlock([notObject(v), F.createIfStatement(F.createPropertyAccessExpression(v(), "done"), F.createBlock(em.jumpStmts(after))), em.assign(v(), F.createPropertyAccessExpression(v(), "value"))])));
  // A rejected value of a sync iterator does not close it: what Node 20's V8 does (ES2025 closes it).
  em.emitAwait(v(), node);
  em.emit(F.createIfStatement(F.createLogicalNot(isSync()), F.createBlock([notObject(v), F.createIfStatement(F.createPropertyAccessExpression(v(), "done"), F.createBlock(em.jumpStmts(after))), em.assign(v(), F.createPropertyAccessExpression(v(), "value"))])));

  em.mark(body);
  em.emit(em.setState(body));
  const tryEntry: Entry = { kind: "try", region: "try", fin };
  const loop: Entry = { kind: "loop", labels, breakLoc: brk, continueLoc: head };
  em.leap.push(tryEntry);
  em.leap.push(loop);
  x.enterScope(an.scopeOf(node), []);
  x.bindLoopVariable(node.initializer, v());
  x.statement(node.statement);
  em.leap.pop(loop);
  em.jump(head);
  em.mark(brk);
  em.emit(...em.routeJump({ entry: outer, index: em.leap.entries.indexOf(outer), loc: after }));
  em.leap.pop(tryEntry);

  // AsyncIteratorClose
  const quiet = em.loc();
  const dispatch = em.loc();
  em.mark(fin.loc);
  em.emit(em.assign(w(), F.createPropertyAccessExpression(em.f(it), "return")));
  em.jumpIf(F.createStrictEquality(em.f(fin.kindField), F.createNumericLiteral(Completion.throw)), quiet);
  em.jumpIf(F.createBinaryExpression(w(), k.EqualsEqualsToken, F.createNull()), dispatch);
  em.emitAwait(F.createCallExpression(F.createPropertyAccessExpression(w(), "call"), undefined, [em.f(it)]), node);
  em.emit(notObject(v));
  em.jump(dispatch);
  em.mark(quiet);
  em.emit(em.setState(quiet));
  // On a throw completion the close's own errors are swallowed: a catch that goes straight to the dispatch.
  const swallow: Entry = { kind: "try", region: "try", catchLoc: dispatch };
  em.leap.push(swallow);
  em.jumpIf(F.createBinaryExpression(w(), k.EqualsEqualsToken, F.createNull()), dispatch);
  em.emitAwait(F.createCallExpression(F.createPropertyAccessExpression(w(), "call"), undefined, [em.f(it)]), node);
  em.leap.pop(swallow);
  em.addRegion({ start: quiet, end: dispatch, action: "catch", target: dispatch });
  em.mark(dispatch);
  const is = (n: number) => F.createStrictEquality(em.f(fin.kindField), F.createNumericLiteral(n));
  em.emit(F.createIfStatement(is(Completion.throw), F.createBlock(em.routeThrow(em.f(fin.valueField)))));
  if (fin.returns) em.emit(F.createIfStatement(is(Completion.return), F.createBlock(em.routeReturn(em.f(fin.valueField)))));
  for (const j of fin.jumps)
    em.emit(F.createIfStatement(F.createStrictEquality(em.f(fin.valueField), em.num(j.loc)), F.createBlock(em.routeJump({ entry: j.entry, index: em.leap.entries.indexOf(j.entry), loc: j.loc }))));
  em.leap.pop(outer);
  em.addRegion({ start: body, end: brk, action: "finally", fin });
  em.mark(after);
  em.emit(em.assign(em.f(it), F.createVoidZero()), em.assign(em.f(next), F.createVoidZero()), em.assign(em.f(sit), F.createVoidZero()));
}
