/**
 * Statements → states. A statement without `await` is emitted as native code
 * inside the current state (rewritten by rewrite.ts); a statement with `await`
 * is split: control flow becomes `f.state = N; continue;` jumps, and loops,
 * switches, labels, try statements and for-of iterators are pushed on the leap
 * stack while their bodies are exploded.
 */
import type * as ts from "typescript";
import type { Scope } from "./analyze.js";
import { explodeExpr, reference, type ExprCtx } from "./explode-expression.js";
import { explodeForIn, explodeForOf } from "./explode-loop.js";
import { Completion, type Entry, type FinallyInfo, type Loc } from "./leap.js";

export class Exploder {
  constructor(private readonly c: ExprCtx) {}

  /** Declarations that take effect when a split scope is entered: environment object, function declarations. */
  enterScope(scope: Scope | undefined, stmts: readonly ts.Statement[]): void {
    const { em, tsm, rw } = this.c;
    const F = em.F;
    if (!scope || !scope.hoisted) return;
    if (scope.envField)
      em.emit(
        em.assign(
          em.f(scope.envField),
          F.createObjectLiteralExpression(scope.envBindings.map((b) => F.createPropertyAssignment(b.field!, F.createVoidZero()))),
        ),
      );
    for (const s of stmts) {
      if (!tsm.isFunctionDeclaration(s) || !s.name || !s.body) continue;
      const b = this.c.an.declared(s.name);
      if (!b?.field) continue;
      const fe = F.createFunctionExpression(s.modifiers?.filter((m) => m.kind === tsm.SyntaxKind.AsyncKeyword) as ts.Modifier[] | undefined, s.asteriskToken, s.name, s.typeParameters, s.parameters, s.type, s.body);
      tsm.setTextRange(fe, s);
      tsm.setOriginalNode(fe, s);
      const st = em.assign(rw.ref(b, { thisOwner: true, nested: false, loops: 0, breakables: 0, labels: [], cleanup: false }), rw.expr(fe));
      tsm.setSourceMapRange(st, s);
      em.emit(st);
    }
  }

  statements(stmts: readonly ts.Statement[]): void {
    for (const s of stmts) this.statement(s);
  }

  statement(node: ts.Statement, labels: string[] = []): void {
    const { tsm, em, an } = this.c;
    const F = em.F;
    const prevSite = em.site;
    em.site = node;
    try {
      if (tsm.isFunctionDeclaration(node) && this.c.an.declared(node.name!)?.field) return; // emitted by enterScope
      if (!an.containsAwait(node)) return this.native(node);
      const mark = em.tempMark();
      if (tsm.isExpressionStatement(node)) {
        const e = explodeExpr(this.c, node.expression, true);
        if (!isPure(tsm, e, em.names.value)) em.emit(F.createExpressionStatement(e));
        em.clearTemps(mark);
      } else if (tsm.isVariableStatement(node)) {
        this.variables(node.declarationList);
        em.clearTemps(mark);
      }
      else if (tsm.isBlock(node)) {
        this.enterScope(an.scopeOf(node), node.statements);
        this.statements(node.statements);
      } else if (tsm.isIfStatement(node)) this.ifStatement(node);
      else if (tsm.isReturnStatement(node)) em.emit(...em.routeReturn(node.expression ? explodeExpr(this.c, node.expression) : F.createVoidZero()));
      else if (tsm.isThrowStatement(node)) em.emit(...em.routeThrow(explodeExpr(this.c, node.expression)));
      else if (tsm.isLabeledStatement(node)) this.labeled(node, labels);
      else if (tsm.isWhileStatement(node) || tsm.isDoStatement(node) || tsm.isForStatement(node)) this.loop(node, labels);
      else if ((tsm.isForOfStatement(node) || tsm.isForInStatement(node)) && !an.loopExploded(node)) this.awaitedHead(node, labels);
      else if (tsm.isForOfStatement(node)) explodeForOf(this, this.c, node, labels);
      else if (tsm.isForInStatement(node)) explodeForIn(this, this.c, node, labels);
      else if (tsm.isSwitchStatement(node)) this.switchStatement(node, labels);
      else if (tsm.isTryStatement(node)) this.tryStatement(node);
      else if (tsm.isClassDeclaration(node) && node.name) {
        const b = an.declared(node.name);
        const cls = F.createClassExpression(node.modifiers?.filter(tsm.isDecorator), node.name, node.typeParameters, node.heritageClauses, node.members);
        const value = explodeExpr(this.c, tsm.setTextRange(cls, node));
        em.emit(em.assign(b?.field ? this.c.rw.ref(b, { thisOwner: true, nested: false, loops: 0, breakables: 0, labels: [], cleanup: false }) : F.createIdentifier(node.name.text), value));
      } else if (tsm.isWithStatement(node)) this.c.reject(node, "DC2004", "`with` is not supported in a @deferredCoroutine function");
      else this.c.reject(node, "DC2099", `\`await\` inside a ${tsm.SyntaxKind[node.kind]} is not supported`);
      em.tempRelease(mark);
    } finally {
      em.site = prevSite;
    }
  }

  /**
   * `for (x of await xs) body` with no other await: the iterable is exploded, the loop stays native.
   * Its labels go back around the native loop, so that `break L`/`continue L` in the body stay
   * native jumps (the split parts pushed no leap entry for them: fuzzer finding F2).
   */
  private awaitedHead(node: ts.ForOfStatement | ts.ForInStatement, labels: readonly string[]): void {
    const { tsm, em } = this.c;
    const F = em.F;
    const iterable = explodeExpr(this.c, node.expression);
    let loop: ts.Statement = tsm.isForOfStatement(node)
      ? F.updateForOfStatement(node, node.awaitModifier, node.initializer, iterable, node.statement)
      : F.updateForInStatement(node, node.initializer, iterable, node.statement);
    for (let i = labels.length - 1; i >= 0; i--) loop = F.createLabeledStatement(F.createIdentifier(labels[i]), loop);
    this.flush(...this.c.rw.stmt(loop));
  }

  /** A statement without await: one piece of native code, plus trampolines for abrupt exits through native cleanup. */
  private native(node: ts.Statement): void {
    const { rw, tsm } = this.c;
    if (tsm.isVariableStatement(node) && node.declarationList.flags & tsm.NodeFlags.Using) {
      if (this.inHoistedScope(node))
        this.c.reject(node, "DC2003", "a `using` declaration in a scope that awaits is not supported; move it into a block without await or dispose explicitly in try/finally");
    }
    let out = rw.stmt(node);
    // A block that declares nothing block-scoped reads better spliced into its state.
    if (out.length === 1 && tsm.isBlock(out[0]) && !(tsm.isBlock(node) && declaresLexically(tsm, node))) out = [...out[0].statements];
    this.flush(...out);
  }

  /** Emits rewritten native statements, then the trampoline states their abrupt exits go through. */
  private flush(...stmts: ts.Statement[]): void {
    const { em, rw } = this.c;
    em.emit(...stmts);
    const pending = rw.trampolines.splice(0);
    if (pending.length === 0) return;
    const after = em.loc();
    em.jump(after);
    for (const t of pending) {
      em.mark(t.loc);
      if (t.kind === "return") em.emit(...em.routeReturn(em.v()));
      else {
        const target = t.isContinue ? em.leap.continueTarget(t.label) : em.leap.breakTarget(t.label);
        em.emit(...em.routeJump(target!));
      }
    }
    em.mark(after);
  }

  private inHoistedScope(node: ts.Node): boolean {
    for (let n = node.parent; n; n = n.parent) {
      const s = this.c.an.scopeOf(n);
      if (s) return s.hoisted;
    }
    return false;
  }

  private variables(list: ts.VariableDeclarationList): void {
    const { tsm, em, an, rw } = this.c;
    if ((list.flags & tsm.NodeFlags.AwaitUsing) === tsm.NodeFlags.AwaitUsing) {
      this.c.reject(list, "DC2002", "`await using` is not supported in a @deferredCoroutine function yet; use try/finally with an explicit `await res[Symbol.asyncDispose]()`");
      return;
    }
    if (list.flags & tsm.NodeFlags.Using) {
      this.c.reject(list, "DC2003", "a `using` declaration in a scope that awaits is not supported; dispose explicitly in try/finally");
      return;
    }
    const isVar = (list.flags & (tsm.NodeFlags.Let | tsm.NodeFlags.Const)) === 0;
    for (const d of list.declarations) {
      if (!tsm.isIdentifier(d.name) && an.containsAwait(d.name)) {
        this.c.destructure(d.name, explodeExpr(this.c, d.initializer!));
        continue;
      }
      const target = rw.patternTarget(d.name, { thisOwner: true, nested: false, loops: 0, breakables: 0, labels: [], cleanup: false });
      if (d.initializer) {
        const st = em.assign(target, explodeExpr(this.c, d.initializer));
        em.emit(tsm.setSourceMapRange(st, d));
      } else if (!isVar) em.emit(em.assign(target, em.F.createVoidZero()));
    }
  }

  private ifStatement(node: ts.IfStatement): void {
    const { em, an, rw } = this.c;
    const F = em.F;
    const test = explodeExpr(this.c, node.expression);
    if (!an.containsAwait(node.thenStatement) && !(node.elseStatement && an.containsAwait(node.elseStatement))) {
      // Only the test awaits: the branches stay one native `if` in the current state.
      const then = F.createBlock(rw.stmt(node.thenStatement), true);
      const otherwise = node.elseStatement ? F.createBlock(rw.stmt(node.elseStatement), true) : undefined;
      this.flush(F.createIfStatement(test, then, otherwise));
      return;
    }
    const elseLoc = em.loc();
    const after = em.loc();
    em.jumpIf(F.createLogicalNot(F.createParenthesizedExpression(test)), node.elseStatement ? elseLoc : after);
    this.statement(node.thenStatement);
    if (node.elseStatement) {
      em.jump(after);
      em.mark(elseLoc);
      this.statement(node.elseStatement);
    }
    em.mark(after);
  }

  private labeled(node: ts.LabeledStatement, labels: string[]): void {
    const { tsm, em } = this.c;
    const all = [...labels, node.label.text];
    if (tsm.isIterationStatement(node.statement, false) || tsm.isLabeledStatement(node.statement)) return this.statement(node.statement, all);
    const after = em.loc();
    const entry: Entry = { kind: "label", labels: all, breakLoc: after };
    em.leap.push(entry);
    this.statement(node.statement);
    em.leap.pop(entry);
    em.mark(after);
  }

  /** while, do-while and for(;;). */
  private loop(node: ts.WhileStatement | ts.DoStatement | ts.ForStatement, labels: string[]): void {
    const { tsm, em, an } = this.c;
    const F = em.F;
    const head = em.loc();
    const cont = em.loc();
    const after = em.loc();
    const scope = tsm.isForStatement(node) ? an.scopeOf(node) : undefined;
    if (tsm.isForStatement(node)) {
      this.enterScope(scope, []);
      if (node.initializer && tsm.isVariableDeclarationList(node.initializer)) this.variables(node.initializer);
      else if (node.initializer) this.expressionStatement(node.initializer);
      this.copyEnv(scope);
    }
    const entry: Entry = { kind: "loop", labels, breakLoc: after, continueLoc: tsm.isDoStatement(node) ? cont : tsm.isForStatement(node) ? cont : head };
    if (tsm.isDoStatement(node)) {
      em.mark(head);
      em.leap.push(entry);
      this.statement(node.statement);
      em.leap.pop(entry);
      em.mark(cont);
      em.jumpIf(explodeExpr(this.c, node.expression), head);
      em.mark(after);
      this.c.fastLoop(head, after);
      return;
    }
    em.mark(head);
    const test = tsm.isWhileStatement(node) ? node.expression : node.condition;
    if (test) em.jumpIf(F.createLogicalNot(F.createParenthesizedExpression(explodeExpr(this.c, test))), after);
    em.leap.push(entry);
    this.statement(node.statement);
    em.leap.pop(entry);
    if (tsm.isForStatement(node)) {
      em.mark(cont);
      // CreatePerIterationEnvironment: closures of this iteration keep their copy of the loop variables.
      this.copyEnv(scope);
      if (node.incrementor) this.expressionStatement(node.incrementor);
    } else em.mark(cont);
    em.jump(head);
    em.mark(after);
    this.c.fastLoop(head, after);
  }

  private copyEnv(scope: Scope | undefined): void {
    const { em } = this.c;
    const F = em.F;
    if (!scope?.envField) return;
    const old = () => em.f(scope.envField!);
    em.emit(
      em.assign(
        em.f(scope.envField),
        F.createObjectLiteralExpression(scope.envBindings.map((b) => F.createPropertyAssignment(b.field!, F.createPropertyAccessExpression(old(), b.field!)))),
      ),
    );
  }

  private expressionStatement(e: ts.Expression): void {
    const { em, tsm } = this.c;
    const mark = em.tempMark();
    const out = explodeExpr(this.c, e, true);
    if (!isPure(tsm, out, em.names.value)) em.emit(em.F.createExpressionStatement(out));
    em.tempRelease(mark);
  }

  /** The loop variable of for-of / for-in: a declaration or an assignment target. */
  bindLoopVariable(init: ts.ForInitializer, value: ts.Expression): void {
    const { tsm, em, rw } = this.c;
    if (tsm.isVariableDeclarationList(init)) {
      const name = init.declarations[0].name;
      if (!tsm.isIdentifier(name) && this.c.an.containsAwait(name)) return this.c.destructure(name, value);
      em.emit(em.assign(rw.patternTarget(name, { thisOwner: true, nested: false, loops: 0, breakables: 0, labels: [], cleanup: false }), value));
    } else {
      if (tsm.isObjectLiteralExpression(init) || tsm.isArrayLiteralExpression(init)) {
        if (this.c.an.containsAwait(init)) this.c.destructure(init, value);
        else em.emit(em.assign(rw.expr(init), value));
      } else em.emit(em.assign(reference(this.c, init, false).target, value));
    }
  }

  private switchStatement(node: ts.SwitchStatement, labels: string[]): void {
    const { em, an, tsm } = this.c;
    const F = em.F;
    const discField = em.temp();
    em.emit(em.assign(em.f(discField), explodeExpr(this.c, node.expression)));
    const disc = () => em.f(discField);
    const scope = an.scopeOf(node.caseBlock);
    this.enterScope(scope, node.caseBlock.clauses.flatMap((cl) => [...cl.statements]));
    const after = em.loc();
    const locs = node.caseBlock.clauses.map(() => em.loc());
    let defaultLoc: Loc | undefined;
    node.caseBlock.clauses.forEach((cl, i) => {
      if (tsm.isDefaultClause(cl)) defaultLoc = locs[i];
      else {
        const m = em.tempMark();
        em.jumpIf(F.createStrictEquality(disc(), explodeExpr(this.c, cl.expression)), locs[i]);
        em.tempRelease(m);
      }
    });
    em.jump(defaultLoc ?? after);
    const entry: Entry = { kind: "switch", labels, breakLoc: after };
    em.leap.push(entry);
    node.caseBlock.clauses.forEach((cl, i) => {
      em.mark(locs[i]);
      this.statements(cl.statements);
    });
    em.leap.pop(entry);
    em.mark(after);
  }

  private tryStatement(node: ts.TryStatement): void {
    const { em, an, rw } = this.c;
    const F = em.F;
    const tryLoc = em.loc();
    const catchLoc = node.catchClause ? em.loc() : undefined;
    const after = em.loc();
    let fin: FinallyInfo | undefined;
    if (node.finallyBlock)
      fin = { loc: em.loc(), kindField: em.field("$fin"), valueField: em.field("$finValue"), returns: false, jumps: [] };
    const entry: Extract<Entry, { kind: "try" }> = { kind: "try", region: "try", catchLoc, fin };
    em.mark(tryLoc);
    em.emit(em.setState(tryLoc));
    em.leap.push(entry);
    this.statement(node.tryBlock);
    const leave = () => em.emit(...(fin ? em.enterFinally(fin, Completion.normal, F.createVoidZero()) : em.jumpStmts(after)));
    leave();
    if (node.catchClause && catchLoc) {
      entry.region = "catch";
      em.mark(catchLoc);
      const cc = node.catchClause;
      this.enterScope(an.scopeOf(cc), []);
      if (cc.variableDeclaration && an.containsAwait(cc.variableDeclaration.name)) this.c.destructure(cc.variableDeclaration.name, em.v());
      else if (cc.variableDeclaration)
        em.emit(em.assign(rw.patternTarget(cc.variableDeclaration.name, { thisOwner: true, nested: false, loops: 0, breakables: 0, labels: [], cleanup: false }), em.v()));
      this.statement(cc.block);
      leave();
    }
    em.leap.pop(entry);
    if (fin && node.finallyBlock) {
      em.mark(fin.loc);
      this.statement(node.finallyBlock);
      const kind = em.f(fin.kindField);
      const is = (n: number) => F.createStrictEquality(em.f(fin!.kindField), F.createNumericLiteral(n));
      const dispatch: ts.Statement[] = [F.createIfStatement(is(Completion.throw), F.createBlock(em.routeThrow(em.f(fin.valueField))))];
      if (fin.returns) dispatch.push(F.createIfStatement(is(Completion.return), F.createBlock(em.routeReturn(em.f(fin.valueField)))));
      for (const j of fin.jumps) {
        const index = em.leap.entries.indexOf(j.entry);
        dispatch.push(F.createIfStatement(F.createStrictEquality(em.f(fin.valueField), em.num(j.loc)), F.createBlock(em.routeJump({ entry: j.entry, index, loc: j.loc }))));
      }
      em.emit(F.createIfStatement(F.createStrictInequality(kind, F.createNumericLiteral(Completion.normal)), F.createBlock(dispatch)));
      em.emit(em.setState(after));
      em.addRegion({ start: tryLoc, end: catchLoc ?? fin.loc, action: catchLoc ? "catch" : "finally", target: catchLoc, fin });
      if (catchLoc) em.addRegion({ start: catchLoc, end: fin.loc, action: "finally", fin });
    } else em.addRegion({ start: tryLoc, end: catchLoc!, action: "catch", target: catchLoc });
    em.mark(after);
  }
}

/** An expression statement that would do nothing (`$v;` after an awaited expression statement). */
function isPure(tsm: typeof import("typescript"), e: ts.Expression, value: string): boolean {
  return (tsm.isIdentifier(e) && e.text === value) || tsm.isLiteralExpression(e) || (tsm.isPropertyAccessExpression(e) && tsm.isIdentifier(e.expression) && e.name.text.startsWith("$t"));
}

function declaresLexically(tsm: typeof import("typescript"), block: ts.Block): boolean {
  return block.statements.some(
    (s) =>
      tsm.isClassDeclaration(s) ||
      tsm.isFunctionDeclaration(s) ||
      (tsm.isVariableStatement(s) && (s.declarationList.flags & (tsm.NodeFlags.Let | tsm.NodeFlags.Const | tsm.NodeFlags.Using)) !== 0),
  );
}
