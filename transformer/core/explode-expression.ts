/**
 * Expressions that contain `await` → statements in the current state plus a
 * final expression.
 *
 * Evaluation order is kept with frame temporaries: every operand that is
 * evaluated before a later `await` is stored in a temporary first (regenerator's
 * rule), so nothing to the left is re-evaluated after the suspension and
 * nothing to the right is evaluated before it. `&&`, `||`, `??`, `?:` and
 * logical assignment become jumps, so the side that is not taken never runs.
 * An expression without `await` is returned rewritten but otherwise untouched.
 */
import type * as ts from "typescript";
import type { Analysis } from "./analyze.js";
import type { Emitter } from "./emitter.js";
import type { Loc } from "./leap.js";
import type { Rewriter } from "./rewrite.js";

export interface ExprCtx {
  readonly tsm: typeof import("typescript");
  readonly em: Emitter;
  readonly an: Analysis;
  readonly rw: Rewriter;
  readonly lexical: boolean;
  reject(node: ts.Node, code: string, message: string): void;
  /** Step-by-step destructuring (explode-pattern.ts; passed in to keep the imports acyclic). */
  destructure(pattern: ts.BindingName | ts.Expression, value: ts.Expression): void;
  /** An optional chain containing `await` (explode-chain.ts; passed in for the same reason). */
  optionalChain(node: ts.Expression): ts.Expression;
  /** Called once a split loop (states `head` up to `after`) is emitted: its native fast path (fast-loop.ts). */
  fastLoop(head: Loc, after: Loc): void;
}

const unsupported = "DC2099";

/** Explodes `node`; with `ignore`, the caller drops the value (statement position). */
export function explodeExpr(c: ExprCtx, node: ts.Expression, ignore = false): ts.Expression {
  const { tsm, em, an, rw } = c;
  const F = em.F;
  const k = tsm.SyntaxKind;
  if (!an.containsAwait(node)) return rw.expr(node);
  const has = (n: ts.Node | undefined) => n !== undefined && an.containsAwait(n);

  if (tsm.isParenthesizedExpression(node) || tsm.isAsExpression(node) || tsm.isNonNullExpression(node) || tsm.isTypeAssertionExpression(node) || tsm.isSatisfiesExpression(node))
    return explodeExpr(c, node.expression, ignore);
  if (tsm.isAwaitExpression(node)) return em.emitAwait(explodeExpr(c, node.expression), node);
  if (node.flags & tsm.NodeFlags.OptionalChain) return c.optionalChain(node);
  if (tsm.isPropertyAccessExpression(node)) return F.createPropertyAccessExpression(explodeExpr(c, node.expression), node.name);
  if (tsm.isElementAccessExpression(node)) {
    const obj = viaTemp(c, node.expression, has(node.argumentExpression));
    return F.createElementAccessExpression(obj, explodeExpr(c, node.argumentExpression));
  }
  if (tsm.isCallExpression(node)) return call(c, node);
  if (tsm.isNewExpression(node)) {
    const callee = viaTemp(c, node.expression, has(node.arguments as unknown as ts.Node) || (node.arguments ?? []).some(has));
    return F.createNewExpression(callee, undefined, list(c, node.arguments ?? []));
  }
  if (tsm.isBinaryExpression(node)) return binary(c, node, ignore);
  if (tsm.isConditionalExpression(node)) {
    if (!has(node.whenTrue) && !has(node.whenFalse))
      return F.createConditionalExpression(explodeExpr(c, node.condition), undefined, rw.expr(node.whenTrue), undefined, rw.expr(node.whenFalse));
    const t = em.f(em.temp());
    const elseLoc = em.loc();
    const after = em.loc();
    em.jumpIf(F.createLogicalNot(paren(c, explodeExpr(c, node.condition))), elseLoc);
    em.emit(em.assign(t, explodeExpr(c, node.whenTrue, ignore)));
    em.jump(after);
    em.mark(elseLoc);
    em.emit(em.assign(em.f((t.name as ts.Identifier).text), explodeExpr(c, node.whenFalse, ignore)));
    em.mark(after);
    return em.f((t.name as ts.Identifier).text);
  }
  if (tsm.isPrefixUnaryExpression(node)) {
    const isUpdate = node.operator === k.PlusPlusToken || node.operator === k.MinusMinusToken;
    return F.createPrefixUnaryExpression(node.operator, isUpdate ? reference(c, node.operand, false).target : explodeExpr(c, node.operand));
  }
  if (tsm.isPostfixUnaryExpression(node)) return F.createPostfixUnaryExpression(reference(c, node.operand, false).target, node.operator);
  if (tsm.isDeleteExpression(node)) return F.createDeleteExpression(reference(c, node.expression, false).target);
  if (tsm.isTypeOfExpression(node)) return F.createTypeOfExpression(explodeExpr(c, node.expression));
  if (tsm.isVoidExpression(node)) return F.createVoidExpression(explodeExpr(c, node.expression));
  if (tsm.isTemplateExpression(node)) {
    const last = lastIndex(node.templateSpans, (s) => has(s.expression));
    const spans = node.templateSpans.map((s, i) => {
      let e = explodeExpr(c, s.expression);
      // ToString of an earlier substitution happens before the later await (spec order).
      if (i < last) e = store(c, F.createTemplateExpression(F.createTemplateHead(""), [F.createTemplateSpan(e, F.createTemplateTail(""))]));
      return F.createTemplateSpan(e, s.literal);
    });
    return F.createTemplateExpression(node.head, spans);
  }
  if (tsm.isTaggedTemplateExpression(node)) {
    const tag = skipOuter(tsm, node.tag);
    const tpl = tsm.isTemplateExpression(node.template) ? (explodeExpr(c, node.template) as ts.TemplateLiteral) : node.template;
    if (tsm.isPropertyAccessExpression(tag) || tsm.isElementAccessExpression(tag)) {
      // o.tag`…${await x}`: o and o.tag are read before the await; the call keeps this === o.
      // The strings object comes from an identity tag at one fixed site, so it is the same object on every call.
      const obj = tag.expression.kind === tsm.SyntaxKind.SuperKeyword ? F.createThis() : viaTemp(c, tag.expression, true);
      const base = tag.expression.kind === tsm.SyntaxKind.SuperKeyword ? tag.expression : em.dup(obj);
      const fn = store(c, tsm.isPropertyAccessExpression(tag) ? F.createPropertyAccessExpression(base, tag.name) : F.createElementAccessExpression(base, explodeExpr(c, tag.argumentExpression)));
      const s = F.createIdentifier("s");
      const rest = F.createIdentifier("v");
      const collect = F.createArrowFunction(undefined, undefined, [F.createParameterDeclaration(undefined, undefined, s), F.createParameterDeclaration(undefined, F.createToken(k.DotDotDotToken), rest)], undefined, F.createToken(k.EqualsGreaterThanToken), F.createArrayLiteralExpression([s, F.createSpreadElement(rest)]));
      const args = F.createTaggedTemplateExpression(F.createParenthesizedExpression(collect), undefined, tpl);
      return F.createCallExpression(F.createPropertyAccessExpression(em.dup(fn), "call"), undefined, [em.dup(obj), F.createSpreadElement(args)]);
    }
    const fn = viaTemp(c, node.tag, true);
    return F.createTaggedTemplateExpression(F.createParenthesizedExpression(F.createCommaListExpression([F.createNumericLiteral(0), fn])), undefined, tpl);
  }
  if (tsm.isArrayLiteralExpression(node)) {
    const last = lastIndex(node.elements, has);
    return F.createArrayLiteralExpression(
      node.elements.map((el, i) => {
        if (tsm.isOmittedExpression(el)) return el;
        if (tsm.isSpreadElement(el)) {
          const inner = explodeExpr(c, el.expression);
          return F.createSpreadElement(i < last ? store(c, F.createArrayLiteralExpression([F.createSpreadElement(inner)])) : inner);
        }
        return i < last ? viaTemp(c, el, true) : explodeExpr(c, el);
      }),
    );
  }
  if (tsm.isObjectLiteralExpression(node)) return object(c, node);
  if (tsm.isClassExpression(node)) return classExpression(c, node);
  c.reject(node, unsupported, `\`await\` inside a ${tsm.SyntaxKind[node.kind]} is not supported; move the await into its own statement`);
  return node;
}

/** Explodes `node` and, when a later sibling awaits, stores it in a temporary. */
export function viaTemp(c: ExprCtx, node: ts.Expression, needed: boolean, later?: readonly ts.Node[]): ts.Expression {
  const e = explodeExpr(c, node);
  if (!needed || isStable(c, e) || (later && unchangedBy(c, node, later))) return e;
  return store(c, e);
}

/**
 * A local that no closure captures cannot change while the coroutine is
 * suspended, so reading it after the await is the same as before unless the
 * later operands assign it: no temporary needed (`sum += await x`).
 */
function unchangedBy(c: ExprCtx, node: ts.Expression, later: readonly ts.Node[]): boolean {
  const { tsm, an } = c;
  if (!tsm.isIdentifier(node)) return false;
  const b = an.resolve(node);
  if (!b?.field || b.captured || b.inEnv) return false;
  const writes = (n: ts.Node, target: boolean): boolean => {
    if (tsm.isIdentifier(n)) return target && an.resolve(n) === b;
    if (tsm.isBinaryExpression(n) && n.operatorToken.kind >= tsm.SyntaxKind.FirstAssignment && n.operatorToken.kind <= tsm.SyntaxKind.LastAssignment)
      return writes(n.left, true) || writes(n.right, false);
    if ((tsm.isPrefixUnaryExpression(n) || tsm.isPostfixUnaryExpression(n)) && (n.operator === tsm.SyntaxKind.PlusPlusToken || n.operator === tsm.SyntaxKind.MinusMinusToken))
      return writes(n.operand, true);
    if (tsm.isPropertyAccessExpression(n)) return writes(n.expression, false);
    if (tsm.isElementAccessExpression(n)) return writes(n.expression, false) || writes(n.argumentExpression, false);
    return tsm.forEachChild(n, (ch) => writes(ch, target) || undefined) ?? false;
  };
  return !later.some((n) => writes(n, false));
}

export function store(c: ExprCtx, e: ts.Expression): ts.Expression {
  const t = c.em.temp();
  c.em.emit(c.em.assign(c.em.f(t), e));
  return c.em.f(t);
}

/** Values that no await can change: literals and the frame's constant fields. */
export function isStable(c: ExprCtx, e: ts.Expression): boolean {
  const tsm = c.tsm;
  if (tsm.isLiteralExpression(e) || e.kind === tsm.SyntaxKind.TrueKeyword || e.kind === tsm.SyntaxKind.FalseKeyword || e.kind === tsm.SyntaxKind.NullKeyword)
    return true;
  if (tsm.isPropertyAccessExpression(e) && tsm.isIdentifier(e.expression) && e.expression.text === c.em.names.frame)
    return e.name.text === "self" || e.name.text === "args" || e.name.text === "nt";
  return e.kind === tsm.SyntaxKind.ThisKeyword || e.kind === tsm.SyntaxKind.SuperKeyword;
}

function paren(c: ExprCtx, e: ts.Expression): ts.Expression {
  return c.em.F.createParenthesizedExpression(e);
}

function lastIndex<T extends ts.Node>(items: readonly T[], pred: (n: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i])) return i;
  return -1;
}

/** Arguments (with spreads), each stored when a later one awaits. */
export function list(c: ExprCtx, args: readonly ts.Expression[]): ts.Expression[] {
  const F = c.em.F;
  const last = lastIndex(args, (a) => c.an.containsAwait(a));
  return args.map((a, i) => {
    if (c.tsm.isSpreadElement(a)) {
      const inner = explodeExpr(c, a.expression);
      // The spread is iterated before the later await, as natively.
      return F.createSpreadElement(i < last ? store(c, F.createArrayLiteralExpression([F.createSpreadElement(inner)])) : inner);
    }
    return i < last ? viaTemp(c, a, true, args.slice(i + 1)) : explodeExpr(c, a);
  });
}

function call(c: ExprCtx, node: ts.CallExpression): ts.Expression {
  const { tsm, em } = c;
  const F = em.F;
  const argsAwait = node.arguments.some((a) => c.an.containsAwait(a));
  const callee = node.expression;
  if (callee.kind === tsm.SyntaxKind.ImportKeyword) return F.createCallExpression(callee, undefined, list(c, node.arguments));
  if ((tsm.isPropertyAccessExpression(callee) || tsm.isElementAccessExpression(callee)) && argsAwait) {
    // o.m(await x): read o, then o.m, before the await; call with this === o.
    const obj = callee.expression.kind === tsm.SyntaxKind.SuperKeyword ? F.createThis() : viaTemp(c, callee.expression, true);
    const base = callee.expression.kind === tsm.SyntaxKind.SuperKeyword ? callee.expression : obj;
    const member = tsm.isPropertyAccessExpression(callee)
      ? F.createPropertyAccessExpression(base, callee.name)
      : F.createElementAccessExpression(base, explodeExpr(c, callee.argumentExpression));
    const fn = store(c, member);
    return F.createCallExpression(F.createPropertyAccessExpression(fn, "call"), undefined, [em.dup(obj), ...list(c, node.arguments)]);
  }
  if (tsm.isPropertyAccessExpression(callee) || tsm.isElementAccessExpression(callee)) {
    const target = reference(c, callee, false).target;
    return F.createCallExpression(target, undefined, list(c, node.arguments));
  }
  const fn = viaTemp(c, callee, argsAwait);
  const unbound = tsm.isPropertyAccessExpression(fn) || tsm.isElementAccessExpression(fn) ? F.createParenthesizedExpression(F.createCommaListExpression([F.createNumericLiteral(0), fn])) : fn;
  return F.createCallExpression(unbound, undefined, list(c, node.arguments));
}

/**
 * An assignable reference (`x`, `o.p`, `o[k]`) with its parts evaluated up to
 * the point where the value is needed. With `stable`, the parts are stored so
 * that the reference can be read and written after a later await.
 */
export function reference(c: ExprCtx, node: ts.Expression, stable: boolean): { target: ts.Expression; read: () => ts.Expression } {
  const { tsm, em, an } = c;
  const F = em.F;
  if (tsm.isParenthesizedExpression(node) || tsm.isNonNullExpression(node) || tsm.isAsExpression(node) || tsm.isSatisfiesExpression(node) || tsm.isTypeAssertionExpression(node))
    return reference(c, node.expression, stable);
  if (tsm.isPropertyAccessExpression(node)) {
    const obj = viaTemp(c, node.expression, stable);
    return { target: F.createPropertyAccessExpression(obj, node.name), read: () => F.createPropertyAccessExpression(em.dup(obj), node.name) };
  }
  if (tsm.isElementAccessExpression(node)) {
    const obj = viaTemp(c, node.expression, stable || an.containsAwait(node.argumentExpression));
    const key = viaTemp(c, node.argumentExpression, stable);
    return { target: F.createElementAccessExpression(obj, key), read: () => F.createElementAccessExpression(em.dup(obj), em.dup(key)) };
  }
  const e = explodeExpr(c, node);
  return { target: e, read: () => c.rw.expr(node) };
}

function binary(c: ExprCtx, node: ts.BinaryExpression, ignore: boolean): ts.Expression {
  const { tsm, em, an } = c;
  const F = em.F;
  const k = tsm.SyntaxKind;
  const op = node.operatorToken.kind;
  const rightAwaits = an.containsAwait(node.right);
  if (op === k.CommaToken) {
    const left = explodeExpr(c, node.left, true);
    em.emit(F.createExpressionStatement(left));
    return explodeExpr(c, node.right, ignore);
  }
  if (op === k.AmpersandAmpersandToken || op === k.BarBarToken || op === k.QuestionQuestionToken) {
    if (!rightAwaits) return F.createBinaryExpression(explodeExpr(c, node.left), op, c.rw.expr(node.right));
    const t = em.temp();
    const after = em.loc();
    em.emit(em.assign(em.f(t), explodeExpr(c, node.left)));
    em.jumpIf(shortCircuit(c, op, em.f(t)), after);
    em.emit(em.assign(em.f(t), explodeExpr(c, node.right)));
    em.mark(after);
    return em.f(t);
  }
  if (op === k.EqualsToken) {
    if (tsm.isObjectLiteralExpression(node.left) || tsm.isArrayLiteralExpression(node.left)) {
      if (an.containsAwait(node.left)) {
        // The value of a destructuring assignment is its right side.
        const value = store(c, explodeExpr(c, node.right));
        c.destructure(node.left, value);
        return em.dup(value);
      }
      const value = explodeExpr(c, node.right);
      return F.createAssignment(c.rw.expr(node.left) as ts.ObjectLiteralExpression, value);
    }
    const ref = reference(c, node.left, rightAwaits);
    return F.createAssignment(ref.target, explodeExpr(c, node.right));
  }
  if (op === k.AmpersandAmpersandEqualsToken || op === k.BarBarEqualsToken || op === k.QuestionQuestionEqualsToken) {
    const ref = reference(c, node.left, rightAwaits);
    if (!rightAwaits) return F.createBinaryExpression(ref.target, op, explodeExpr(c, node.right));
    const t = em.temp();
    const after = em.loc();
    em.emit(em.assign(em.f(t), ref.read()));
    const plain = op === k.AmpersandAmpersandEqualsToken ? k.AmpersandAmpersandToken : op === k.BarBarEqualsToken ? k.BarBarToken : k.QuestionQuestionToken;
    em.jumpIf(shortCircuit(c, plain, em.f(t)), after);
    em.emit(em.assign(em.f(t), F.createAssignment(ref.target, explodeExpr(c, node.right))));
    em.mark(after);
    return em.f(t);
  }
  if (op >= k.FirstCompoundAssignment && op <= k.LastCompoundAssignment) {
    const ref = reference(c, node.left, rightAwaits);
    if (!rightAwaits) return F.createBinaryExpression(ref.target, op, explodeExpr(c, node.right));
    // x += await v: the old value of x is read before the await (regenerator#345).
    const old = unchangedBy(c, skipOuter(tsm, node.left), [node.right]) ? ref.read() : store(c, ref.read());
    const value = explodeExpr(c, node.right);
    return F.createAssignment(ref.target, F.createBinaryExpression(old, compoundToBinary(c, op), value));
  }
  const left = viaTemp(c, node.left, rightAwaits, [node.right]);
  return F.createBinaryExpression(left, op, explodeExpr(c, node.right));
}

/** The test that skips the right side of `&&`, `||`, `??`. */
function shortCircuit(c: ExprCtx, op: ts.SyntaxKind, value: ts.Expression): ts.Expression {
  const F = c.em.F;
  const k = c.tsm.SyntaxKind;
  if (op === k.AmpersandAmpersandToken) return F.createLogicalNot(value);
  if (op === k.BarBarToken) return value;
  return F.createBinaryExpression(value, k.ExclamationEqualsToken, F.createNull());
}

function compoundToBinary(c: ExprCtx, op: ts.SyntaxKind): ts.BinaryOperator {
  const k = c.tsm.SyntaxKind;
  const map: Partial<Record<ts.SyntaxKind, ts.BinaryOperator>> = {
    [k.PlusEqualsToken]: k.PlusToken,
    [k.MinusEqualsToken]: k.MinusToken,
    [k.AsteriskEqualsToken]: k.AsteriskToken,
    [k.AsteriskAsteriskEqualsToken]: k.AsteriskAsteriskToken,
    [k.SlashEqualsToken]: k.SlashToken,
    [k.PercentEqualsToken]: k.PercentToken,
    [k.LessThanLessThanEqualsToken]: k.LessThanLessThanToken,
    [k.GreaterThanGreaterThanEqualsToken]: k.GreaterThanGreaterThanToken,
    [k.GreaterThanGreaterThanGreaterThanEqualsToken]: k.GreaterThanGreaterThanGreaterThanToken,
    [k.AmpersandEqualsToken]: k.AmpersandToken,
    [k.BarEqualsToken]: k.BarToken,
    [k.CaretEqualsToken]: k.CaretToken,
  };
  return map[op]!;
}

function object(c: ExprCtx, node: ts.ObjectLiteralExpression): ts.Expression {
  const { tsm, em, an } = c;
  const F = em.F;
  const last = lastIndex(node.properties, (p) => an.containsAwait(p));
  const props = node.properties.map((p, i) => {
    const before = i < last;
    if (tsm.isSpreadAssignment(p)) {
      const inner = explodeExpr(c, p.expression);
      // Copy the spread (running its getters) before the later await.
      return F.createSpreadAssignment(before ? store(c, F.createObjectLiteralExpression([F.createSpreadAssignment(inner)])) : inner);
    }
    if (tsm.isPropertyAssignment(p)) {
      let name: ts.PropertyName = p.name;
      if (tsm.isComputedPropertyName(p.name))
        name = F.createComputedPropertyName(viaTemp(c, p.name.expression, before || an.containsAwait(p.initializer)));
      return F.createPropertyAssignment(name, before ? viaTemp(c, p.initializer, true) : explodeExpr(c, p.initializer));
    }
    if (tsm.isShorthandPropertyAssignment(p)) {
      const value = before ? viaTemp(c, p.name, true) : explodeExpr(c, p.name);
      return F.createPropertyAssignment(F.createIdentifier(p.name.text), value);
    }
    if (an.containsAwait(p)) {
      c.reject(p, "DC2009", "`await` in a computed method name is not supported; compute the key into a local first");
      return p;
    }
    return c.rw.expr(p as unknown as ts.Expression) as unknown as ts.ObjectLiteralElementLike;
  });
  return F.createObjectLiteralExpression(props, node.properties.length > 1);
}

/**
 * A class with `await` in `extends` or in computed member names: the heritage
 * and then every computed key, in order, are evaluated into temporaries before
 * the class is created from them.
 */
function classExpression(c: ExprCtx, node: ts.ClassExpression): ts.Expression {
  const { tsm, em, an } = c;
  const F = em.F;
  const keysAwait = node.members.some((m) => m.name !== undefined && tsm.isComputedPropertyName(m.name) && an.containsAwait(m.name));
  const heritage = node.heritageClauses?.map((h) =>
    F.updateHeritageClause(h, h.types.map((t) => F.updateExpressionWithTypeArguments(t, viaTemp(c, t.expression, keysAwait), t.typeArguments))),
  );
  const members = node.members.map((m) => {
    if (!m.name || !tsm.isComputedPropertyName(m.name) || !keysAwait) return m;
    const key = viaTemp(c, m.name.expression, true);
    const name = m.name;
    return tsm.visitEachChild(m, (ch) => (ch === name ? F.createComputedPropertyName(key) : ch), em.context);
  });
  const cls = F.updateClassExpression(node, node.modifiers, node.name, node.typeParameters, heritage, members);
  return tsm.visitEachChild(cls, (ch) => (tsm.isHeritageClause(ch) ? ch : c.rw.expr(ch as ts.Expression)), em.context);
}

/** The expression inside parentheses and non-null assertions. */
export function skipOuter(tsm: typeof import("typescript"), e: ts.Expression): ts.Expression {
  while (tsm.isParenthesizedExpression(e) || tsm.isNonNullExpression(e)) e = e.expression;
  return e;
}
