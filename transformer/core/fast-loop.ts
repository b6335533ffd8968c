/**
 * The fast path of a split loop. A loop whose body awaits is a ring of states:
 * every iteration jumps back to the loop's head through the step's
 * `switch (f.state)`, and that dispatch costs more than a ready await itself
 * (measured: ~3 ns of ~4.4 ns per iteration of a loop awaiting a plain value).
 *
 * When the loop's states are *linear* — every jump goes to the loop's head
 * (the back edge), out of the loop, or forward to a later state of the loop,
 * never backward (an inner split loop) — the head state becomes a native loop
 * that runs the states' code in listing order, forward jumps becoming `break`s
 * out of labeled blocks that end where their targets begin:
 *
 *   case 1:                                  // head
 *     $fast: for (;;) {
 *       if (!(f.i < f.n)) { f.state = 4; continue $loop; }   // leaves the loop
 *       $v = f.v; …ready test…               // pending: f.state = 2; return coSuspend(f, $v)
 *                                             // a ready Failure: its throw routed right there
 *       f.s = f.s + $v;                       // the code of state 2, inline, without `if ($e)`
 *       f.i++;                                // state 3
 *       continue $fast;                      // the back edge, without the dispatch
 *     }
 *   case 2: …                                // unchanged: resumption enters here
 *
 * So ready awaits go round the native loop; a resumed await runs the rest of its
 * iteration in the original states and re-enters the native loop at the head.
 * The body's code exists twice (native loop and states), so only loops up to
 * {@link MAX_NODES} syntax nodes get a fast path. The step's catch block routes
 * exceptions by `f.state`: in a loop with a try or for-of region inside, every
 * state store stays as it is, so that invariant holds in both copies; in a loop
 * without one, the stores of jumps that stay in the native loop are dropped.
 */
import type * as ts from "typescript";
import { endsAbruptly, type Emitter } from "./emitter.js";
import type { Loc } from "./leap.js";

/** Largest loop (syntax nodes in its states) whose code is duplicated into a fast path. */
export const MAX_NODES = 600;

/**
 * After the loop whose states run from `head` up to `after` has been emitted:
 * gives it a native fast path if its states are linear and small, and records
 * it in `em.fastLoops` (fast-locals.ts gives it locals once all states are
 * known). `localName` makes a name no identifier of the function uses.
 */
export function addFastPath(em: Emitter, head: Loc, after: Loc, localName: (base: string) => string): void {
  const tsm = em.tsm;
  const cases = em.casesBetween(head, after);
  if (cases.length < 2) return;
  const inside = (loc: Loc) => loc.value !== -1 && loc.value >= head.value && loc.value < after.value;

  // ---- is it linear and small? ----
  // Jumps may go to the head (the back edge), out of the loop, or forward to a
  // later state of the loop (an `if` or `continue` split by await): a forward
  // jump becomes `break` out of a labeled block that ends where its target
  // begins. A backward jump (an inner split loop) makes the loop non-linear.
  const order = new Map(cases.map((c, i) => [c.loc, i] as const));
  const forward = new Set<Loc>();
  let nodes = 0;
  let linear = true;
  const check = (n: ts.Node, nativeDepth: number, from: number): void => {
    if (!linear) return;
    if (++nodes > MAX_NODES) {
      linear = false;
      return;
    }
    if (tsm.isFunctionLike(n) || tsm.isClassLike(n)) return; // their jumps are their own
    if (tsm.isContinueStatement(n)) {
      const target = em.jumpTarget(n);
      if (target === undefined || target === head || !inside(target)) return;
      const to = order.get(target);
      if (to === undefined || to <= from) linear = false;
      else forward.add(target);
      return;
    }
    // A bare `break` outside any native loop or switch would end the native loop instead of the case.
    if (tsm.isBreakStatement(n) && !n.label && nativeDepth === 0) {
      linear = false;
      return;
    }
    const nested = tsm.isIterationStatement(n, false) || tsm.isSwitchStatement(n) ? nativeDepth + 1 : nativeDepth;
    tsm.forEachChild(n, (c) => check(c, nested, from));
  };
  cases.forEach((c, i) => c.body.forEach((s) => check(s, 0, i)));
  if (!linear) return;

  // ---- the native loop: the states' code in listing order, jumps relabeled ----
  const F = em.F;
  const fast = localName("$fast");
  const blockLabel = new Map([...forward].map((loc) => [loc, localName("$fast")] as const));
  // `f.state` matters inside the loop only to the step's catch block, which
  // routes by region. With no region starting inside the loop every state of
  // it routes alike, so the stores of the jumps that stay inside (the back
  // edge, forward jumps) can go: f.state keeps a state that routes the same.
  const keepStores = em.regions.some((r) => inside(r.start));
  const staysInside = (loc: Loc) => loc === head || blockLabel.has(loc);
  const relabel = (n: ts.Node): ts.Node | ts.Node[] | undefined => {
    if (tsm.isFunctionLike(n) || tsm.isClassLike(n)) return n;
    // An await's ready path runs straight into its resume state here: a ready
    // Failure routes its throw where it is found, and the isError flag and the
    // resume check go (measured: a third of a ready await's time).
    const flag = em.flagStore(n);
    if (flag) return flag.isError ? (flag.check.thenStatement as ts.Block).statements.map((s) => relabel(s) as ts.Statement) : undefined;
    if (em.isResumeCheck(n)) return undefined;
    const stored = keepStores ? undefined : em.jumpStore(n);
    if (stored !== undefined && staysInside(stored)) return undefined;
    if (tsm.isContinueStatement(n)) {
      const target = em.jumpTarget(n);
      if (target === undefined) return n;
      if (target === head) return F.createContinueStatement(fast);
      const block = blockLabel.get(target);
      if (block !== undefined) return F.createBreakStatement(block);
      em.usesLoopLabel = true;
      return F.createContinueStatement(em.names.loop);
    }
    return tsm.visitEachChild(n, relabel, em.context);
  };
  const ends = (s: ts.Statement | undefined) => endsAbruptly(tsm, s);
  let body: ts.Statement[] = [];
  for (const c of cases) {
    const block = blockLabel.get(c.loc);
    // Everything before a forward target goes into the block its jumps break out of.
    if (block !== undefined) body = [F.createLabeledStatement(block, F.createBlock(body, true))];
    // Code after an unconditional jump was reachable only through its case label: none here.
    else if (ends(body[body.length - 1])) continue;
    for (const st of c.body) {
      if (ends(body[body.length - 1])) break;
      const copy = relabel(st);
      if (copy !== undefined) body.push(copy as ts.Statement);
    }
  }
  if (!ends(body[body.length - 1])) {
    // Falling off the end (a do-while whose test failed) leaves the loop.
    em.usesLoopLabel = true;
    body.push(em.setState(after), F.createContinueStatement(em.names.loop));
  }
  const native = F.createLabeledStatement(fast, F.createForStatement(undefined, undefined, undefined, F.createBlock(body, true)));
  cases[0]!.body.splice(0, cases[0]!.body.length, native);
  em.fastLoops.push({ caseBody: cases[0]!.body, native });
}
