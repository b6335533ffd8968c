/**
 * The Emitter collects the statements of the step function as a flat listing
 * cut into `case` states, and knows how to leave the current point abruptly
 * (jump, return, throw) through the leap stack.
 *
 * Emitted shape (one coroutine):
 *
 *   function name$step(f, $v, $e) {
 *     for (;;) {
 *       try {
 *         switch (f.state) {
 *           case 0: ...              // states in listing order; code falls through
 *           case 3: ...              // resume point of an await, entry of a region
 *         }
 *       } catch ($x) {               // only when a try/for-of region exists
 *         $v = $x;
 *         if (f.state >= 3 && f.state < 7) { f.state = 7; continue; }   // innermost region first
 *         f.state = -1; return rt.coThrow(f.d, $x, name$site);
 *       }
 *     }
 *   }
 *
 * Invariant: `f.state` always holds a state inside the innermost try/catch/
 * finally/for-of region whose code is running. Regions are contiguous ranges of
 * state numbers (states are numbered in listing order), and every region entry
 * stores its state explicitly, so the catch block can route an exception by
 * comparing numbers.
 */
import type * as ts from "typescript";
import { Completion, LeapStack, Loc, type Entry, type FinallyInfo } from "./leap.js";
import { runtimeNames, type RuntimeTable } from "./runtime-names.js";

/** Whether code after `s` would be dead: it is a return, throw or jump, or a block ending in one. */
export function endsAbruptly(tsm: typeof ts, s: ts.Statement | undefined): boolean {
  if (s === undefined) return false;
  if (tsm.isBlock(s)) return endsAbruptly(tsm, s.statements[s.statements.length - 1]);
  return tsm.isReturnStatement(s) || tsm.isContinueStatement(s) || tsm.isThrowStatement(s);
}

/** A fast loop as fast-loop.ts left it: the labeled native loop, in the statements of its head case. */
export interface FastLoop {
  readonly caseBody: ts.Statement[];
  readonly native: ts.LabeledStatement;
}

/** Local names inside the step function, chosen so that no user identifier collides. */
export interface LocalNames {
  readonly frame: string;
  readonly value: string;
  readonly isError: string;
  readonly caught: string;
  readonly loop: string;
  readonly scratch: string;
}

/** An exception region: while `f.state` is in [start, end), a JS exception takes `action`. */
interface Region {
  readonly start: Loc;
  readonly end: Loc;
  readonly action: "catch" | "finally" | "close";
  readonly target?: Loc;
  readonly fin?: FinallyInfo;
  readonly iterField?: string;
}

export class Emitter {
  readonly F: ts.NodeFactory;
  readonly leap = new LeapStack();
  readonly regions: Region[] = [];
  /** The native loops fast-loop.ts made, for fast-locals.ts. */
  readonly fastLoops: FastLoop[] = [];
  private readonly cases: { loc: Loc; body: ts.Statement[] }[] = [];
  /** Every jump `continue` this emitter made, with its target state. */
  private readonly jumpTargets = new WeakMap<ts.ContinueStatement, Loc>();
  /**
   * The await protocol's stores of the isError flag (`$e = true` on a ready
   * Failure, `$e = false` otherwise), each with the resume check it leads to:
   * the `if ($e) { …route the throw… }` that starts the await's resume state.
   */
  private readonly flagStores = new WeakMap<ts.ExpressionStatement, ts.IfStatement>();
  private readonly resumeChecks = new WeakSet<ts.Statement>();
  /** The `return rt.coSuspend(f, $v)` of each await. */
  private readonly suspends = new WeakSet<ts.Statement>();
  /** The `f.state = L` store of each jump, with L. */
  private readonly jumpStores = new WeakMap<ts.Statement, Loc>();
  private readonly fields = new Set<string>();
  private readonly temps: string[] = [];
  private tempTop = 0;
  /** Highest temporary in use since the last {@link clearTemps}. */
  private highWater = 0;
  private counter = 0;
  /** Frame fields created by the compiler (temps, iterators, completions), in order. */
  readonly extraFields: string[] = [];
  usesScratch = false;
  /** The source statement being compiled (source map range of synthesized statements). */
  site: ts.Node | undefined;
  usesLoopLabel = false;
  /** Set while routing code is generated inside a native loop (its `continue` must name the step's loop). */
  labelJumps = false;

  constructor(
    readonly tsm: typeof import("typescript"),
    readonly context: ts.TransformationContext,
    readonly runtime: ts.Identifier,
    /** The file's module constants holding the runtime names (see assemble.ts: why not `runtime.X` directly). */
    readonly table: RuntimeTable,
    readonly names: LocalNames,
    reserved: readonly string[],
    /** The module-level `name$site` constant of this coroutine (coThrow records it). */
    readonly siteRef: ts.Identifier,
  ) {
    this.F = context.factory;
    for (const r of reserved) this.fields.add(r);
    this.mark(this.loc());
  }

  // ---- names ----
  /** Reserves a frame field named `base` (or `base$N` when taken). */
  field(base: string, extra = true): string {
    let name = base;
    for (let i = 1; this.fields.has(name); i++) name = `${base}$${i}`;
    this.fields.add(name);
    if (extra) this.extraFields.push(name);
    return name;
  }

  /** An expression temporary; reused after tempRelease. */
  temp(): string {
    if (this.tempTop === this.temps.length) this.temps.push(this.field(`$t${this.temps.length}`));
    const name = this.temps[this.tempTop++];
    if (this.tempTop > this.highWater) this.highWater = this.tempTop;
    return name;
  }
  tempMark(): number {
    return this.tempTop;
  }
  /**
   * Releases the temporaries above `mark` and clears them in the frame, so a
   * coroutine that suspends later does not keep their objects alive.
   */
  clearTemps(mark: number): void {
    for (let i = mark; i < this.highWater; i++) this.emit(this.assign(this.f(this.temps[i]), this.F.createVoidZero()));
    this.tempTop = mark;
    this.highWater = mark;
  }
  tempRelease(mark: number): void {
    this.tempTop = mark;
  }

  f(field: string): ts.PropertyAccessExpression {
    return this.F.createPropertyAccessExpression(this.F.createIdentifier(this.names.frame), field);
  }
  id(name: string): ts.Identifier {
    return this.F.createIdentifier(name);
  }
  /** A reference to a runtime name: its module constant, or `runtime.coSite` (read once per coroutine). */
  rt(name: keyof typeof runtimeNames): ts.Expression {
    return name === "coSite" ? this.F.createPropertyAccessExpression(this.runtime, runtimeNames.coSite) : this.table[name];
  }
  isV(e: ts.Expression): boolean {
    return this.tsm.isIdentifier(e) && e.text === this.names.value;
  }
  /** A fresh copy of a frame field read or identifier (synthesized nodes are not shared between places). */
  dup(e: ts.Expression): ts.Expression {
    const tsm = this.tsm;
    if (tsm.isPropertyAccessExpression(e) && tsm.isIdentifier(e.expression) && tsm.isIdentifier(e.name) && e.expression.text === this.names.frame) return this.f(e.name.text);
    if (tsm.isIdentifier(e) && e.pos < 0) return this.id(e.text);
    return e;
  }
  v(): ts.Identifier {
    return this.id(this.names.value);
  }

  // ---- listing ----
  loc(): Loc {
    return new Loc();
  }
  /** Starts the state `loc` at the current point of the listing. */
  mark(loc: Loc): void {
    if (loc.value !== -1) throw new Error("deferred-coroutine: state marked twice (compiler bug)");
    loc.value = this.counter++;
    this.cases.push({ loc, body: [] });
  }
  emit(...stmts: ts.Statement[]): void {
    // Synthesized statements map to the source statement being compiled (runtime errors point at it).
    if (this.site) for (const s of stmts) if (s.pos < 0 && !this.tsm.getSourceMapRange(s).pos) this.tsm.setSourceMapRange(s, this.site);
    this.cases[this.cases.length - 1].body.push(...stmts);
  }
  /** The current state ends in a jump, return or throw (code after it would be dead). */
  endsAbruptly(): boolean {
    const body = this.cases[this.cases.length - 1].body;
    return endsAbruptly(this.tsm, body[body.length - 1]);
  }
  num(loc: Loc): ts.NumericLiteral {
    const lit = this.F.createNumericLiteral(loc.value === -1 ? "0" : String(loc.value));
    if (loc.value === -1) loc.uses.push(lit);
    return lit;
  }
  assign(target: ts.Expression, value: ts.Expression): ts.ExpressionStatement {
    return this.F.createExpressionStatement(this.F.createAssignment(target, value));
  }
  setState(loc: Loc | number): ts.Statement {
    let n: ts.Expression;
    if (typeof loc !== "number") n = this.num(loc);
    else n = loc < 0 ? this.F.createPrefixMinus(this.F.createNumericLiteral(String(-loc))) : this.F.createNumericLiteral(String(loc));
    return this.assign(this.f("state"), n);
  }
  /** `f.state = L; continue;` (labeled when emitted inside a native loop). */
  jumpStmts(loc: Loc, labeled = this.labelJumps): ts.Statement[] {
    if (labeled) this.usesLoopLabel = true;
    const jump = this.F.createContinueStatement(labeled ? this.names.loop : undefined);
    this.jumpTargets.set(jump, loc);
    const store = this.setState(loc);
    this.jumpStores.set(store, loc);
    return [store, jump];
  }
  /** The state a `continue` made by {@link jumpStmts} goes to (undefined for any other node). */
  jumpTarget(node: ts.ContinueStatement): Loc | undefined {
    return this.jumpTargets.get(node);
  }
  /**
   * For a store of the isError flag made by {@link emitAwait}: whether it
   * stores true, and the resume check it falls through to. Code that runs an
   * await's ready path and its resume state in one piece (the fast loop) puts
   * the check's routing where true is stored and drops the rest.
   */
  flagStore(node: ts.Node): { isError: boolean; check: ts.IfStatement } | undefined {
    const check = this.tsm.isExpressionStatement(node) ? this.flagStores.get(node) : undefined;
    if (!check) return undefined;
    const value = ((node as ts.ExpressionStatement).expression as ts.BinaryExpression).right;
    return { isError: value.kind === this.tsm.SyntaxKind.TrueKeyword, check };
  }
  /** Whether `node` is the `if ($e) …` that starts an await's resume state. */
  isResumeCheck(node: ts.Node): boolean {
    return this.resumeChecks.has(node as ts.Statement);
  }
  /** Whether `node` is an await's `return rt.coSuspend(f, $v)`. */
  isSuspend(node: ts.Node): node is ts.ReturnStatement {
    return this.suspends.has(node as ts.Statement);
  }
  /** The state a jump's `f.state = L` store (made by {@link jumpStmts}) stores (undefined for any other node). */
  jumpStore(node: ts.Node): Loc | undefined {
    return this.jumpStores.get(node as ts.Statement);
  }
  /** The states from `first` up to (not including) `end`, in listing order. */
  casesBetween(first: Loc, end: Loc): { loc: Loc; body: ts.Statement[] }[] {
    const from = this.cases.findIndex((c) => c.loc === first);
    const to = this.cases.findIndex((c) => c.loc === end);
    return from < 0 || to < from ? [] : this.cases.slice(from, to);
  }
  jump(loc: Loc): void {
    this.emit(...this.jumpStmts(loc));
  }
  jumpIf(test: ts.Expression, loc: Loc): void {
    this.emit(this.F.createIfStatement(test, this.F.createBlock(this.jumpStmts(loc))));
  }
  block(stmts: ts.Statement[]): ts.Statement {
    return stmts.length === 1 ? stmts[0] : this.F.createBlock(stmts, false);
  }

  // ---- abrupt completions ----
  /** Statements that throw `value` to the innermost handler without a JS throw. */
  routeThrow(value: ts.Expression): ts.Statement[] {
    const out: ts.Statement[] = this.isV(value) ? [] : [this.assign(this.v(), value)];
    for (const e of this.leap.crossed(-1)) {
      if (e.kind === "iter") out.push(this.quietClose(e.iterField));
      if (e.kind !== "try") continue;
      if (e.region === "try" && e.catchLoc) return [...out, ...this.jumpStmts(e.catchLoc)];
      if (e.fin && e.region !== "finally") return [...out, ...this.enterFinally(e.fin, Completion.throw, this.v())];
    }
    return [...out, this.setState(-1), this.F.createReturnStatement(this.throwCall(this.v()))];
  }

  /** Statements that return `value` from the coroutine through pending finally blocks. */
  routeReturn(value: ts.Expression, from = this.leap.entries.length - 1): ts.Statement[] {
    const crossed = this.leap.entries.slice(0, from + 1).reverse();
    if (!crossed.some((e) => e.kind === "iter" || (e.kind === "try" && e.fin && e.region !== "finally")))
      return [this.setState(-1), this.F.createReturnStatement(this.returnCall(value))];
    const out: ts.Statement[] = this.isV(value) ? [] : [this.assign(this.v(), value)];
    for (const e of crossed) {
      if (e.kind === "iter") out.push(...this.close(e));
      if (e.kind === "try" && e.fin && e.region !== "finally") {
        e.fin.returns = true;
        return [...out, ...this.enterFinally(e.fin, Completion.return, this.v())];
      }
    }
    return [...out, this.setState(-1), this.F.createReturnStatement(this.returnCall(this.v()))];
  }

  /** Statements that jump to `loc` (the break/continue target `index`) through finally blocks and iterators. */
  routeJump(target: { entry: Entry; index: number; loc: Loc }): ts.Statement[] {
    const out: ts.Statement[] = [];
    for (const e of this.leap.crossed(target.index)) {
      if (e.kind === "iter") out.push(...this.close(e));
      if (e.kind === "try" && e.fin && e.region !== "finally") {
        if (!e.fin.jumps.some((j) => j.loc === target.loc)) e.fin.jumps.push({ loc: target.loc, entry: target.entry });
        return [...out, ...this.enterFinally(e.fin, Completion.jump, this.num(target.loc))];
      }
    }
    return [...out, ...this.jumpStmts(target.loc)];
  }

  enterFinally(fin: FinallyInfo, kind: number, value: ts.Expression): ts.Statement[] {
    return [
      this.assign(this.f(fin.kindField), this.F.createNumericLiteral(String(kind))),
      this.assign(this.f(fin.valueField), value),
      ...this.jumpStmts(fin.loc),
    ];
  }

  /** IteratorClose for a normal exit: `return()` errors and non-object results throw. */
  close(e: Extract<Entry, { kind: "iter" }>): ts.Statement[] {
    const F = this.F;
    this.usesScratch = true;
    const w = this.id(this.names.scratch);
    // Leave the loop's region first: an error from return() must not close it again.
    return [
      this.setState(e.exitLoc),
      this.assign(w, F.createPropertyAccessExpression(this.f(e.iterField), "return")),
      F.createIfStatement(
        F.createBinaryExpression(w, this.tsm.SyntaxKind.ExclamationEqualsToken, F.createNull()),
        F.createBlock([
          this.assign(w, F.createCallExpression(F.createPropertyAccessExpression(w, "call"), undefined, [this.f(e.iterField)])),
          F.createIfStatement(
            F.createStrictInequality(F.createCallExpression(this.id("Object"), undefined, [w]), w),
            F.createThrowStatement(
              F.createNewExpression(this.id("TypeError"), undefined, [F.createStringLiteral("Iterator result is not an object")]),
            ),
          ),
        ]),
      ),
    ];
  }

  /** IteratorClose for a throw completion: errors from return() are swallowed. */
  quietClose(iterField: string): ts.Statement {
    const F = this.F;
    const inner = F.createCallChain(
      F.createPropertyAccessExpression(this.f(iterField), "return"),
      F.createToken(this.tsm.SyntaxKind.QuestionDotToken),
      undefined,
      [],
    );
    return F.createTryStatement(F.createBlock([F.createExpressionStatement(inner)]), F.createCatchClause(undefined, F.createBlock([])), undefined);
  }

  /** `rt.coReturn(f.d, value)`: settles the coroutine's Deferred (docs/internals.md). */
  returnCall(value: ts.Expression): ts.CallExpression {
    return this.F.createCallExpression(this.rt("coReturn"), undefined, [this.f("d"), value]);
  }
  /** `rt.coThrow(f.d, value, name$site)`. */
  throwCall(value: ts.Expression): ts.CallExpression {
    return this.F.createCallExpression(this.rt("coThrow"), undefined, [this.f("d"), value, this.siteRef]);
  }

  // ---- await ----
  /**
   * Emits the await protocol of docs/internals.md for `operand` and returns the
   * expression holding the awaited value (`$v`, valid until the next await).
   */
  emitAwait(operand: ts.Expression, site: ts.Node): ts.Expression {
    const F = this.F;
    const k = this.tsm.SyntaxKind;
    const v = () => this.v();
    const e = () => this.id(this.names.isError);
    const resume = this.loc();
    const isObject = F.createLogicalOr(
      F.createLogicalAnd(
        F.createStrictEquality(F.createTypeOfExpression(v()), F.createStringLiteral("object")),
        F.createStrictInequality(v(), F.createNull()),
      ),
      F.createStrictEquality(F.createTypeOfExpression(v()), F.createStringLiteral("function")),
    );
    const isDeferred = () => F.createBinaryExpression(v(), k.InstanceOfKeyword, this.rt("Deferred"));
    // coReady, inlined (a call here is a third of a ready await's cost): fired
    // and not paused, Twisted's `Deferred.send`. `called` and `paused` are
    // public fields of Deferred.
    const field = (name: string) => F.createPropertyAccessExpression(v(), name);
    const notReady = F.createLogicalNot(
      F.createParenthesizedExpression(F.createLogicalAnd(field("called"), F.createStrictEquality(field("paused"), F.createNumericLiteral(0)))),
    );
    const suspendReturn = F.createReturnStatement(F.createCallExpression(this.rt("coSuspend"), undefined, [this.id(this.names.frame), v()]));
    this.suspends.add(suspendReturn);
    const suspend = F.createBlock([this.setState(resume), suspendReturn]);
    // `$v instanceof Deferred || isObject && ($v = coThenable($v)) instanceof Deferred`:
    // a Deferred costs one instanceof (first: the common case), a primitive an
    // instanceof and a typeof, and only other objects reach the adoption.
    const adopted = F.createBinaryExpression(
      F.createParenthesizedExpression(F.createAssignment(v(), F.createCallExpression(this.rt("coThenable"), undefined, [v()]))),
      k.InstanceOfKeyword,
      this.rt("Deferred"),
    );
    const route = this.F.createIfStatement(e(), this.F.createBlock(this.routeThrow(v())));
    this.resumeChecks.add(route);
    const flag = (value: boolean) => {
      const store = this.assign(e(), value ? F.createTrue() : F.createFalse());
      this.flagStores.set(store, route);
      return store;
    };
    const stmts = [
      this.assign(v(), operand),
      F.createIfStatement(
        F.createLogicalOr(isDeferred(), F.createLogicalAnd(F.createParenthesizedExpression(isObject), adopted)),
        F.createBlock([
          F.createIfStatement(notReady, suspend),
          // The outcome, read here rather than by a runtime call (a shared
          // function that touches frames sees every frame shape): the
          // value, or on a Failure the thrown value via coCaught.
          F.createIfStatement(
            F.createBinaryExpression(field("result"), k.InstanceOfKeyword, this.rt("Failure")),
            F.createBlock([this.assign(v(), F.createCallExpression(this.rt("coCaught"), undefined, [v()])), flag(true)]),
            F.createBlock([this.assign(v(), field("result")), flag(false)]),
          ),
        ]),
        flag(false),
      ),
    ];
    stmts.forEach((s) => this.tsm.setSourceMapRange(s, site));
    this.emit(...stmts);
    this.mark(resume);
    this.tsm.setSourceMapRange(route, site);
    this.emit(route);
    return v();
  }

  // ---- regions ----
  addRegion(region: Region): void {
    this.regions.push(region);
  }

  /** The `case` clauses; patches every state literal created before its state was known. */
  finish(): ts.CaseClause[] {
    const F = this.F;
    const out: ts.CaseClause[] = [];
    for (const c of this.cases) {
      for (const lit of c.loc.uses) (lit as { text: string }).text = String(c.loc.value);
      out.push(F.createCaseClause(F.createNumericLiteral(String(c.loc.value)), c.body));
    }
    return out;
  }

  /** Statements of the step's catch block, from the regions (innermost registered first). */
  catchBody(caught: ts.Identifier): ts.Statement[] {
    const F = this.F;
    const k = this.tsm.SyntaxKind;
    const out: ts.Statement[] = [this.assign(this.v(), caught)];
    for (const r of this.regions) {
      const inRange = F.createLogicalAnd(
        F.createBinaryExpression(this.f("state"), k.GreaterThanEqualsToken, this.num(r.start)),
        F.createBinaryExpression(this.f("state"), k.LessThanToken, this.num(r.end)),
      );
      let action: ts.Statement[];
      if (r.action === "catch") action = this.jumpStmts(r.target!);
      else if (r.action === "finally") action = this.enterFinally(r.fin!, Completion.throw, this.v());
      else action = [this.quietClose(r.iterField!)];
      out.push(F.createIfStatement(inRange, F.createBlock(action)));
    }
    out.push(this.setState(-1), F.createReturnStatement(this.throwCall(this.v())));
    return out;
  }
}
