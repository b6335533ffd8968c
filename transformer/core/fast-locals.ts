/**
 * Frame fields as JS locals inside a fast loop (fast-loop.ts). In the native
 * loop every binding the body touches is a frame field (`f.s = f.s + $v`), and
 * each access is a load or store with a map check; TurboFan cannot keep them in
 * registers because the frame object escapes (measured: a fifth of a ready
 * await's time). Once every state is emitted and the regions are known, each
 * fast loop reads its fields into locals when it is entered and writes them
 * back wherever the frame can be observed again:
 *
 *   case 1: {
 *     let $s = f.s, $i = f.i, $n = f.n, $v_ = f.v;
 *     try {                                     // only when the step routes exceptions
 *       $fast: for (;;) {
 *         if (!($i < $n)) { f.s = $s; …; f.state = 4; continue $loop; }  // leaving: write back
 *         …ready test…                           // pending: { f.s = $s; …; return coSuspend(f, $v); }
 *         $s = $s + $v; $i++; continue $fast;
 *       }
 *     } catch ($y) { f.s = $s; …; throw $y; }   // the catch state reads the frame
 *   }
 *
 * Exits are the step-loop `continue` (to another state) and every `return`
 * (suspension, return, failure), written back before the return's expression
 * runs, so a resumption that happens inside coSuspend sees the fields. An
 * exception leaves through the catch above when the step has regions; without
 * regions it fails the coroutine, after which nothing reads the frame.
 *
 * Only fields nothing else can see qualify: not the runtime's (`state`, `d`, …),
 * and not one a nested function of the loop names (a closure may run while
 * the loop does). A loop that hands the frame itself to anything but a return
 * keeps its fields.
 */
import type * as ts from "typescript";
import type { Emitter, FastLoop } from "./emitter.js";
import { frameFields } from "./runtime-names.js";

export function promoteFastLocals(em: Emitter, loop: FastLoop, localName: (base: string) => string): void {
  const tsm = em.tsm;
  const F = em.F;
  const frame = em.names.frame;
  const { native, caseBody } = loop;
  const at = caseBody.indexOf(native);
  if (at < 0) return;

  // ---- which fields ----
  const used: string[] = [];
  const written = new Set<string>();
  const excluded = new Set<string>(frameFields);
  let framePassed = false;
  const isFrame = (n: ts.Node): n is ts.Identifier => tsm.isIdentifier(n) && n.text === frame;
  const k = tsm.SyntaxKind;
  const isUpdate = (n: ts.Node) => (tsm.isPrefixUnaryExpression(n) || tsm.isPostfixUnaryExpression(n)) && (n.operator === k.PlusPlusToken || n.operator === k.MinusMinusToken);
  const isAssignment = (n: ts.Node): n is ts.BinaryExpression =>
    tsm.isBinaryExpression(n) && n.operatorToken.kind >= k.FirstAssignment && n.operatorToken.kind <= k.LastAssignment;
  // `target`: under the left side of an assignment (conservative: `f.a[f.b] = 1` counts b too).
  const survey = (n: ts.Node, nested: boolean, inReturn: boolean, target: boolean): void => {
    if (tsm.isPropertyAccessExpression(n) && isFrame(n.expression)) {
      const name = n.name.text;
      if (nested) excluded.add(name);
      else if (!used.includes(name)) used.push(name);
      if (target) written.add(name);
      return;
    }
    if (tsm.isPropertyAccessExpression(n)) return survey(n.expression, nested, inReturn, target);
    // `delete f.x` must stay a property deletion.
    if (tsm.isDeleteExpression(n) && tsm.isPropertyAccessExpression(n.expression) && isFrame(n.expression.expression)) excluded.add(n.expression.name.text);
    if (isFrame(n) && (nested || !inReturn)) framePassed = true;
    const inner = nested || tsm.isFunctionLike(n) || tsm.isClassLike(n);
    const returns = inReturn || tsm.isReturnStatement(n);
    // The child that `n` assigns to, if any: an assignment's left side, a for-in/of's initializer.
    const assigned = isAssignment(n) ? n.left : tsm.isForInStatement(n) || tsm.isForOfStatement(n) ? n.initializer : undefined;
    const all = target || isUpdate(n);
    tsm.forEachChild(n, (c) => survey(c, inner, returns, all || c === assigned));
  };
  survey(native, false, false, false);
  const promoted = used.filter((name) => !excluded.has(name));
  if (framePassed || promoted.length === 0) return;

  // ---- the rewrite ----
  const local = new Map(promoted.map((name) => [name, localName(`${name}$`)] as const));
  const changed = promoted.filter((name) => written.has(name));
  const writeBack = () => changed.map((name) => em.assign(em.f(name), em.id(local.get(name)!)));
  const exits = (n: ts.Statement): ts.Statement => (changed.length === 0 ? n : F.createBlock([...writeBack(), n], true));
  // A return without the frame in it ends the coroutine (coReturn, coThrow): nothing reads the fields after it.
  const handsOver = (n: ts.Node): boolean => {
    if (tsm.isPropertyAccessExpression(n)) return !isFrame(n.expression) && handsOver(n.expression);
    return isFrame(n) || tsm.forEachChild(n, handsOver) === true;
  };
  const rewrite = (n: ts.Node): ts.Node => {
    if (tsm.isFunctionLike(n) || tsm.isClassLike(n)) return n;
    if (tsm.isPropertyAccessExpression(n) && isFrame(n.expression) && local.has(n.name.text)) return em.id(local.get(n.name.text)!);
    const out = tsm.visitEachChild(n, rewrite, em.context);
    if (tsm.isReturnStatement(out)) return handsOver(out) ? exits(out) : out;
    if (tsm.isContinueStatement(out) && out.label?.text === em.names.loop) return exits(out);
    return out;
  };
  let body: ts.Statement = rewrite(native) as ts.Statement;
  if (em.regions.length > 0 && changed.length > 0) {
    const caught = localName("$y");
    body = F.createTryStatement(F.createBlock([body], true), F.createCatchClause(caught, F.createBlock([...writeBack(), F.createThrowStatement(em.id(caught))], true)), undefined);
  }
  const declare = F.createVariableStatement(
    undefined,
    F.createVariableDeclarationList(promoted.map((name) => F.createVariableDeclaration(local.get(name)!, undefined, undefined, em.f(name))), tsm.NodeFlags.Let),
  );
  caseBody.splice(at, 1, F.createBlock([declare, body], true));
}
