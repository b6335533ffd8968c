/**
 * Rewrites code that runs inside one state without being split ("native"
 * code: every expression without `await`, every statement without `await`,
 * and the nested functions in them) so that it refers to the frame:
 *
 * - a hoisted variable `x` becomes `f.x` (`f.$s1.x` when it lives in a
 *   per-iteration environment, `$s1.x` inside a closure that captured that
 *   environment); a call `x()` becomes `(0, f.x)()` so `this` stays undefined;
 * - `this`, `arguments`, `new.target` of the coroutine become frame fields
 *   (unless the step stays lexically inside the entry function);
 * - `var` and hoisted `let`/`const`/`class` declarations become assignments;
 * - `return`, and `break`/`continue` that leave the native statement, become
 *   jumps of the state machine. Inside a native `finally` or `for-of` they go
 *   through a trampoline state emitted right after the statement, so that the
 *   native cleanup (finally block, iterator close) runs first, in the region of
 *   the statement.
 */
import type * as ts from "typescript";
import { isReferenceName, type Analysis, type Binding, type Scope } from "./analyze.js";
import type { Emitter } from "./emitter.js";
import type { Loc } from "./leap.js";

/** Where the code being rewritten sits. */
export interface NativeCtx {
  /** `this`/`arguments`/`new.target` here are the coroutine's. */
  readonly thisOwner: boolean;
  /** Inside a function nested in the coroutine: return/break/continue are its own. */
  readonly nested: boolean;
  /** Native loops around the current point (an unlabeled `continue` is theirs). */
  readonly loops: number;
  /** Native loops and switches around the current point (an unlabeled `break` is theirs). */
  readonly breakables: number;
  /** Labels declared inside the native code. */
  readonly labels: readonly string[];
  /** Inside a native try-with-finally or for-of: leave through a trampoline. */
  readonly cleanup: boolean;
  /** Inside a closure that captured environments: the parameter names it got them as. */
  readonly env?: Map<Scope, string>;
}

export const stepCtx: NativeCtx = { thisOwner: true, nested: false, loops: 0, breakables: 0, labels: [], cleanup: false };

/** A state emitted after the native statement that leaves it abruptly. */
export interface Trampoline {
  readonly loc: Loc;
  readonly kind: "return" | "jump";
  readonly label?: string;
  readonly isContinue?: boolean;
}

export class Rewriter {
  readonly trampolines: Trampoline[] = [];
  /** Names of the closure parameters carrying environment objects, by scope. */
  private readonly envParams = new Map<Scope, string>();

  constructor(
    private readonly tsm: typeof import("typescript"),
    private readonly em: Emitter,
    private readonly an: Analysis,
    /** The step is an arrow inside the entry function: this/arguments/super stay lexical. */
    private readonly lexical: boolean,
    private readonly isArrow: boolean,
    private readonly localName: (base: string) => string,
    private readonly reject: (node: ts.Node, code: string, message: string) => void,
  ) {}

  /** The frame access for a hoisted binding. */
  ref(b: Binding, ctx: NativeCtx): ts.Expression {
    const em = this.em;
    if (!b.inEnv) return em.f(b.field!);
    const envField = b.scope.envField!;
    if (ctx.env) {
      let param = this.envParams.get(b.scope);
      if (!param) this.envParams.set(b.scope, (param = this.localName(envField.replace(/^\$/, ""))));
      ctx.env.set(b.scope, param);
      return em.F.createPropertyAccessExpression(em.id(param), b.field!);
    }
    return em.F.createPropertyAccessExpression(em.f(envField), b.field!);
  }

  expr(node: ts.Expression, ctx: NativeCtx = stepCtx): ts.Expression {
    return this.visit(node, ctx) as ts.Expression;
  }

  /** Rewrites a native statement; empty output when a declaration vanished. */
  stmt(node: ts.Statement, ctx: NativeCtx = stepCtx): ts.Statement[] {
    const out = this.visit(node, ctx);
    if (!out) return [];
    return [out as ts.Statement];
  }

  /** `target = value` for a declaration name (identifier or pattern) whose bindings are hoisted. */
  patternTarget(name: ts.BindingName, ctx: NativeCtx): ts.Expression {
    const tsm = this.tsm;
    const F = this.em.F;
    if (tsm.isIdentifier(name)) {
      const b = this.an.declared(name);
      return b?.field ? this.ref(b, ctx) : F.createIdentifier(name.text);
    }
    if (tsm.isObjectBindingPattern(name)) {
      return F.createObjectLiteralExpression(
        name.elements.map((el) => {
          const target = this.withDefault(this.patternTarget(el.name, ctx), el.initializer, ctx);
          if (el.dotDotDotToken) return F.createSpreadAssignment(target);
          const key = el.propertyName ?? (el.name as ts.Identifier);
          const keyOut = tsm.isComputedPropertyName(key)
            ? F.createComputedPropertyName(this.expr(key.expression, ctx))
            : tsm.isIdentifier(key)
              ? F.createIdentifier(key.text)
              : (key as ts.PropertyName);
          return F.createPropertyAssignment(keyOut, target);
        }),
      );
    }
    return F.createArrayLiteralExpression(
      name.elements.map((el) => {
        if (tsm.isOmittedExpression(el)) return F.createOmittedExpression();
        const target = this.withDefault(this.patternTarget(el.name, ctx), el.initializer, ctx);
        return el.dotDotDotToken ? F.createSpreadElement(target) : target;
      }),
    );
  }

  private withDefault(target: ts.Expression, init: ts.Expression | undefined, ctx: NativeCtx): ts.Expression {
    return init ? this.em.F.createAssignment(target, this.expr(init, ctx)) : target;
  }

  /** Hoisted declarations → assignments (undefined when nothing remains to evaluate). */
  declarationList(list: ts.VariableDeclarationList, ctx: NativeCtx, resetLet: boolean): ts.Expression | undefined {
    const F = this.em.F;
    const parts: ts.Expression[] = [];
    const isVar = (list.flags & (this.tsm.NodeFlags.Let | this.tsm.NodeFlags.Const | this.tsm.NodeFlags.Using)) === 0;
    for (const d of list.declarations) {
      if (d.initializer) parts.push(F.createAssignment(this.patternTarget(d.name, ctx), this.expr(d.initializer, ctx)));
      else if (!isVar && resetLet) parts.push(F.createAssignment(this.patternTarget(d.name, ctx), F.createVoidZero()));
    }
    if (parts.length === 0) return undefined;
    return parts.length === 1 ? parts[0] : F.createCommaListExpression(parts);
  }

  private hoistedList(list: ts.VariableDeclarationList): boolean {
    return list.declarations.some((d) => this.bindingNames(d.name).some((id) => this.an.declared(id)?.field !== undefined));
  }

  bindingNames(name: ts.BindingName): ts.Identifier[] {
    if (this.tsm.isIdentifier(name)) return [name];
    return name.elements.flatMap((el) => (this.tsm.isOmittedExpression(el) ? [] : this.bindingNames(el.name)));
  }

  private visit(node: ts.Node, ctx: NativeCtx): ts.Node | undefined {
    const tsm = this.tsm;
    const F = this.em.F;
    const em = this.em;
    const v = (n: ts.Node, c: NativeCtx = ctx) => this.visit(n, c);
    const children = (n: ts.Node, c: NativeCtx = ctx) =>
      tsm.visitEachChild(n, (ch) => this.visit(ch, c), this.em.context);

    if (tsm.isTypeNode(node) && !tsm.isExpressionWithTypeArguments(node)) return node;
    if (tsm.isIdentifier(node)) {
      const b = this.an.resolve(node);
      if (b?.field) return tsm.setTextRange(this.ref(b, ctx), node);
      if (!b && node.text === "arguments" && ctx.thisOwner && !this.lexical && isReferenceName(tsm, node))
        return em.f("args");
      return node;
    }
    if (tsm.isShorthandPropertyAssignment(node)) {
      const b = this.an.resolve(node.name);
      const isArgs = !b && node.name.text === "arguments" && ctx.thisOwner && !this.lexical;
      if (!b?.field && !isArgs) return children(node);
      const target = b?.field ? this.ref(b, ctx) : em.f("args");
      const value = node.objectAssignmentInitializer ? F.createAssignment(target, this.expr(node.objectAssignmentInitializer, ctx)) : target;
      return F.createPropertyAssignment(F.createIdentifier(node.name.text), value);
    }
    if ((tsm.isCallExpression(node) || tsm.isTaggedTemplateExpression(node))) {
      const callee = tsm.isCallExpression(node) ? node.expression : node.tag;
      if (tsm.isIdentifier(callee) && this.an.resolve(callee)?.field) {
        const fixed = F.createParenthesizedExpression(F.createCommaListExpression([F.createNumericLiteral(0), this.expr(callee, ctx)]));
        if (tsm.isCallExpression(node))
          return F.updateCallExpression(node, fixed, node.typeArguments, node.arguments.map((a) => this.expr(a, ctx)));
        return F.updateTaggedTemplateExpression(node, fixed, node.typeArguments, v(node.template) as ts.TemplateLiteral);
      }
    }
    if (node.kind === tsm.SyntaxKind.ThisKeyword && ctx.thisOwner && !this.lexical) return em.f("self");
    if (tsm.isMetaProperty(node) && node.keywordToken === tsm.SyntaxKind.NewKeyword && ctx.thisOwner && !this.lexical)
      return this.isArrow ? em.f("nt") : F.createVoidZero();

    if (tsm.isClassDeclaration(node) && node.name && this.an.declared(node.name)?.field) {
      const b = this.an.declared(node.name)!;
      const cls = F.createClassExpression(node.modifiers?.filter(tsm.isDecorator), node.name, node.typeParameters, node.heritageClauses, node.members);
      tsm.setTextRange(cls, node);
      return tsm.setTextRange(F.createExpressionStatement(F.createAssignment(this.ref(b, ctx), this.closure(cls, ctx) as ts.Expression)), node);
    }
    // nested functions and classes: their own return/break/continue/this
    if (isFunctionLikeNode(tsm, node) || tsm.isClassLike(node)) return this.closure(node, ctx);
    // Methods and accessors cannot be wrapped one by one: the object literal that holds them is.
    if (!ctx.env && tsm.isObjectLiteralExpression(node) && node.properties.some((p) => tsm.isMethodDeclaration(p) || tsm.isAccessor(p)))
      return this.closure(node, ctx);
    if (tsm.isFunctionDeclaration(node)) return node; // unreachable: functions are visited above

    if (ctx.nested) return children(node);

    // ---- coroutine-level statements inside native code ----
    if (tsm.isVariableStatement(node) && this.hoistedList(node.declarationList)) {
      const e = this.declarationList(node.declarationList, ctx, true);
      return e ? tsm.setTextRange(F.createExpressionStatement(e), node) : undefined;
    }
    if (tsm.isForStatement(node) && node.initializer && tsm.isVariableDeclarationList(node.initializer) && this.hoistedList(node.initializer)) {
      const init = this.declarationList(node.initializer, ctx, false);
      return this.loop(F.updateForStatement(node, init, node.condition, node.incrementor, node.statement), ctx, init);
    }
    if ((tsm.isForOfStatement(node) || tsm.isForInStatement(node)) && tsm.isVariableDeclarationList(node.initializer) && this.hoistedList(node.initializer)) {
      const target = this.patternTarget(node.initializer.declarations[0].name, ctx);
      const updated = tsm.isForOfStatement(node)
        ? F.updateForOfStatement(node, node.awaitModifier, target, node.expression, node.statement)
        : F.updateForInStatement(node, target, node.expression, node.statement);
      return this.loop(updated, ctx, target);
    }
    if (tsm.isIterationStatement(node, false)) return this.loop(node, ctx);
    if (tsm.isSwitchStatement(node)) {
      return F.updateSwitchStatement(node, this.expr(node.expression, ctx), v(node.caseBlock, { ...ctx, breakables: ctx.breakables + 1 }) as ts.CaseBlock);
    }
    if (tsm.isLabeledStatement(node)) {
      return F.updateLabeledStatement(node, node.label, v(node.statement, { ...ctx, labels: [...ctx.labels, node.label.text] }) as ts.Statement);
    }
    if (tsm.isTryStatement(node)) {
      // Inside a native try, an abrupt exit must leave the try before it closes iterators or enters finally blocks.
      const inner = { ...ctx, cleanup: true };
      return F.updateTryStatement(node, v(node.tryBlock, inner) as ts.Block, node.catchClause && (v(node.catchClause, inner) as ts.CatchClause), node.finallyBlock && (v(node.finallyBlock, inner) as ts.Block));
    }
    if (tsm.isReturnStatement(node)) return this.returnStmt(node, ctx);
    // `throw x` goes straight to the catch state or finishes the coroutine, as a
    // split `throw` does: a JS throw caught by the step's own handler cost
    // several hundred ns per rejection (measured). Inside a native try the
    // JS throw stays: that try must see it.
    if (tsm.isThrowStatement(node) && !ctx.cleanup) {
      const value = this.expr(node.expression, ctx);
      return tsm.setTextRange(F.createBlock(this.inline(ctx, () => this.em.routeThrow(value)), false), node);
    }
    if (tsm.isBreakStatement(node) || tsm.isContinueStatement(node)) return this.jumpStmt(node, ctx);
    return children(node);
  }

  /**
   * A nested function or class. When it reads a per-iteration environment it is
   * wrapped as `(($s1) => <closure>)(f.$s1)`: the closure must keep this
   * iteration's environment object, not read the frame field that the next
   * iteration replaces.
   */
  private closure(node: ts.Node, ctx: NativeCtx): ts.Node {
    const tsm = this.tsm;
    const em = this.em;
    const F = em.F;
    const inner: NativeCtx = {
      thisOwner: ctx.thisOwner && (tsm.isArrowFunction(node) || tsm.isClassLike(node) || tsm.isObjectLiteralExpression(node)),
      nested: true,
      loops: 0,
      breakables: 0,
      labels: [],
      cleanup: false,
      env: ctx.env ?? new Map(),
    };
    const out = tsm.visitEachChild(node, (ch) => this.visit(ch, inner), em.context) as ts.Node;
    if (ctx.env || inner.env!.size === 0) return out;
    if (!tsm.isFunctionExpression(out) && !tsm.isArrowFunction(out) && !tsm.isClassExpression(out) && !tsm.isObjectLiteralExpression(out)) {
      this.reject(node, "DC2012", "a function or class declared inside a loop body that is split by await captures a per-iteration variable; write it as an expression (`const g = function () {…}`) instead");
      return out;
    }
    const params = [...inner.env!.entries()];
    const wrapper = F.createArrowFunction(
      undefined,
      undefined,
      params.map(([, p]) => F.createParameterDeclaration(undefined, undefined, p)),
      undefined,
      F.createToken(tsm.SyntaxKind.EqualsGreaterThanToken),
      F.createParenthesizedExpression(out),
    );
    return F.createCallExpression(F.createParenthesizedExpression(wrapper), undefined, params.map(([s]) => em.f(s.envField!)));
  }

  private loop(node: ts.IterationStatement, ctx: NativeCtx, keepInitializer?: ts.Expression): ts.Statement {
    const tsm = this.tsm;
    const inner: NativeCtx = { ...ctx, loops: ctx.loops + 1, breakables: ctx.breakables + 1, cleanup: ctx.cleanup || tsm.isForOfStatement(node) };
    return tsm.visitEachChild(
      node,
      (ch) => {
        if (ch === node.statement) return this.visit(ch, inner);
        if (keepInitializer && ch === keepInitializer) return ch;
        return this.visit(ch, ctx);
      },
      this.em.context,
    );
  }

  private returnStmt(node: ts.ReturnStatement, ctx: NativeCtx): ts.Statement {
    const em = this.em;
    const F = em.F;
    const value = node.expression ? this.expr(node.expression, ctx) : F.createVoidZero();
    let out: ts.Statement[];
    if (!ctx.cleanup) out = this.inline(ctx, () => em.routeReturn(value));
    else {
      const loc = em.loc();
      this.trampolines.push({ loc, kind: "return" });
      out = [em.assign(em.v(), value), ...this.leave(loc, ctx)];
    }
    return this.tsm.setTextRange(F.createBlock(out, false), node);
  }

  private jumpStmt(node: ts.BreakStatement | ts.ContinueStatement, ctx: NativeCtx): ts.Statement {
    const tsm = this.tsm;
    const em = this.em;
    const label = node.label?.text;
    const isContinue = tsm.isContinueStatement(node);
    if (label ? ctx.labels.includes(label) : isContinue ? ctx.loops > 0 : ctx.breakables > 0) return node;
    const target = isContinue ? em.leap.continueTarget(label) : em.leap.breakTarget(label);
    if (!target) throw new Error("deferred-coroutine: jump target not found (compiler bug)");
    if (!ctx.cleanup) return tsm.setTextRange(em.F.createBlock(this.inline(ctx, () => em.routeJump(target)), false), node);
    const loc = em.loc();
    this.trampolines.push({ loc, kind: "jump", label, isContinue });
    return tsm.setTextRange(em.F.createBlock(this.leave(loc, ctx), false), node);
  }

  /** Routing code emitted inside native loops continues the step's labeled loop. */
  private inline(ctx: NativeCtx, route: () => ts.Statement[]): ts.Statement[] {
    const saved = this.em.labelJumps;
    this.em.labelJumps = ctx.loops > 0;
    try {
      return route();
    } finally {
      this.em.labelJumps = saved;
    }
  }

  /** `f.state = L; continue [$loop]` from native code. */
  private leave(loc: Loc, ctx: NativeCtx): ts.Statement[] {
    return this.em.jumpStmts(loc, ctx.loops > 0);
  }
}

export function isFunctionLikeNode(tsm: typeof import("typescript"), n: ts.Node): boolean {
  return (
    tsm.isFunctionDeclaration(n) ||
    tsm.isFunctionExpression(n) ||
    tsm.isArrowFunction(n) ||
    tsm.isMethodDeclaration(n) ||
    tsm.isAccessor(n) ||
    tsm.isConstructorDeclaration(n) ||
    tsm.isClassStaticBlockDeclaration(n) ||
    tsm.isPropertyDeclaration(n)
  );
}
