/**
 * The first state runs in the entry function, not in the step.
 *
 * A coroutine that calls another before its first await (a recursive descent,
 * a call chain) would otherwise put two JS frames on the stack per level, the
 * entry and the step, and how deep it could go depended on whether V8 happened
 * to inline one into the other (measured: 10 469 or 8 376 levels warm, run to
 * run, against native's steady 9 670). With the first state in the entry each
 * level is one frame, as with a native async function, and nothing depends on
 * inlining decisions.
 *
 *   function crawl($v) {                            // the parameter `urls`, renamed
 *     const f = { state: 0, …, urls: $v };
 *     try {
 *       …state 0…                                  // locals in f, as in the step
 *       $v = fetch(f.urls[0]); …ready test…        // pending: f.state = 1; return $coSuspend(f, $v) || f.d
 *       // ready and failed:     { f.state = 1; return crawl$step(f, $v, true) || f.d; }
 *       f.state = 1;
 *       return crawl$step(f, $v, false) || f.d;    // the rest, from the resume state
 *     } catch ($x) {
 *       $v = $x;
 *     }
 *     f.state = -1;
 *     return $coThrow(f.d, $v, crawl$site);
 *   }
 *
 * State 0 is never a jump target (no Loc outside the emitter names it) and no
 * exception region contains it, so the step needs no `case 0` and an
 * exception in it always fails the coroutine. A jump out of state 0 (`f.state
 * = L; continue`) becomes a call of the step. The isError flag `$e` exists
 * only in the step: state 0 writes it only in its last statement (the await
 * that ends it), where each store becomes the call it would lead to.
 *
 * The entry's interpreter frame is as small as a native async function's, so
 * even cold, unoptimised frames descend as deep as native ones: `$v` is the
 * entry's first parameter, renamed (dead once the frame holds it; a local
 * `$v` only when there is no parameter, when `arguments` is used, which
 * aliases parameters in sloppy code, or when an arrow's `$params` reads
 * them), and the coThrow call
 * comes after the try (not in the catch block), through a module constant (a
 * call without a receiver). Measured on a descent: 7 237 levels against
 * native's 7 241; with a `$v` local, 6 835.
 */
import type * as ts from "typescript";
import { endsAbruptly, type Emitter } from "./emitter.js";

/**
 * The entry's statements after the frame declaration: runs `state0` (the
 * statements of `case 0`, taken out of the step) and continues in the step
 * `stepRef` from state 1. An empty state 0 (the body starts with a loop or a
 * try that awaits) needs none of this: the frame starts at state 1 and the
 * entry only calls the step, `return name$step(f, void 0, false) || f.d`.
 * `valueIsParameter`: the entry has a parameter named `$v` (its first,
 * renamed); otherwise it declares `$v`.
 */
export function runFirstState(
  em: Emitter,
  state0: readonly ts.Statement[],
  stepRef: ts.Identifier | undefined,
  valueIsParameter: boolean,
): { initialState: number; statements: ts.Statement[] } {
  const tsm = em.tsm;
  const F = em.F;
  // `return name$step(f, value, isErr) || f.d`. Without a step (no await) nothing leaves state 0 but a return.
  const stepCall = (value: ts.Expression, isErr: ts.Expression) => {
    if (stepRef === undefined) throw new Error("deferred-coroutine: state 0 continues in a step the coroutine does not have (compiler bug)");
    return F.createReturnStatement(F.createLogicalOr(F.createCallExpression(em.dup(stepRef), undefined, [em.id(em.names.frame), value, isErr]), em.f("d")));
  };
  if (state0.length === 0) return { initialState: 1, statements: [stepCall(F.createVoidZero(), F.createFalse())] };
  const { value, isError, caught, scratch } = em.names;
  const resume = (isErr: ts.Expression) => [em.setState(1), stepCall(em.v(), isErr)];

  // `$e = B` in the last statement (the await that ends state 0) becomes the
  // step call it leads to; anywhere else keep a local `$e` (not expected).
  const last = state0[state0.length - 1];
  let flagElsewhere = false;
  let usesScratch = false;
  const scan = (n: ts.Node, inLast: boolean): void => {
    if (tsm.isIdentifier(n)) {
      if (n.text === isError && !inLast) flagElsewhere = true;
      if (n.text === scratch) usesScratch = true;
      return;
    }
    tsm.forEachChild(n, (c) => scan(c, inLast));
  };
  state0.forEach((s) => scan(s, s === last));

  const rewrite = (n: ts.Node): ts.Node | ts.Node[] | undefined => {
    if (tsm.isFunctionLike(n) || tsm.isClassLike(n)) return n; // their returns and jumps are their own
    if (tsm.isContinueStatement(n) && em.jumpTarget(n) !== undefined) return stepCall(em.v(), F.createFalse()); // `f.state = L` precedes it
    if (em.isSuspend(n)) return F.updateReturnStatement(n, F.createLogicalOr(n.expression!, em.f("d")));
    const flag = flagElsewhere ? undefined : em.flagStore(n);
    // `$e = false` falls through to the end of state 0, which resumes with false
    // (dropped: an `else` left empty goes too).
    if (flag) return flag.isError ? resume(F.createTrue()) : undefined;
    return tsm.visitEachChild(n, rewrite, em.context);
  };
  const body = state0.map((s) => rewrite(s) as ts.Statement);
  if (!endsAbruptly(tsm, body[body.length - 1])) body.push(...resume(flagElsewhere ? em.id(isError) : F.createFalse()));

  const locals = [...(valueIsParameter ? [] : [value]), ...(flagElsewhere ? [isError] : []), ...(usesScratch ? [scratch] : [])];
  const onThrow = F.createCatchClause(caught, F.createBlock([em.assign(em.v(), em.id(caught))]));
  const statements: ts.Statement[] = [
    F.createTryStatement(F.createBlock(body, true), onThrow, undefined),
    em.setState(-1),
    F.createReturnStatement(em.throwCall(em.v())),
  ];
  if (locals.length > 0) statements.unshift(F.createVariableStatement(undefined, F.createVariableDeclarationList(locals.map((n) => F.createVariableDeclaration(n)), tsm.NodeFlags.Let)));
  return { initialState: 0, statements };
}
