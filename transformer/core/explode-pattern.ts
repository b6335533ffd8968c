/**
 * Destructuring whose defaults, computed keys or targets contain `await`
 * (`const { x = await d() } = o`, `[o[await k]] = arr`), done step by step in
 * spec order: for an object pattern, key → target reference → value → default;
 * for an array pattern, target reference → iterator step → default, with the
 * iterator closed when the pattern stops early or an element throws. Patterns
 * without `await` are left to native destructuring by the callers.
 */
import type * as ts from "typescript";
import { explodeExpr, reference, type ExprCtx } from "./explode-expression.js";
import type { Entry } from "./leap.js";
import { stepCtx } from "./rewrite.js";

type Pattern = ts.BindingName | ts.Expression;

/** Binds `pattern` (binding pattern, assignment pattern, or a plain target) to `value`. */
export function destructure(c: ExprCtx, pattern: Pattern, value: ts.Expression): void {
  const { tsm, em } = c;
  if (tsm.isIdentifier(pattern) || (!tsm.isObjectBindingPattern(pattern) && !tsm.isArrayBindingPattern(pattern) && !tsm.isObjectLiteralExpression(pattern) && !tsm.isArrayLiteralExpression(pattern))) {
    em.emit(em.assign(target(c, pattern), value));
    return;
  }
  const src = em.temp();
  em.emit(em.assign(em.f(src), value));
  if (tsm.isObjectBindingPattern(pattern) || tsm.isObjectLiteralExpression(pattern)) objectPattern(c, pattern, src);
  else arrayPattern(c, pattern, src);
}

/** Where a binding or assignment target writes (identifiers of hoisted bindings are frame fields). */
function target(c: ExprCtx, t: Pattern): ts.Expression {
  const { tsm, rw } = c;
  if (tsm.isIdentifier(t)) {
    const b = c.an.declared(t) ?? c.an.resolve(t);
    return b?.field ? rw.ref(b, stepCtx) : rw.expr(t);
  }
  return reference(c, t as ts.Expression, true).target;
}

function isPattern(tsm: typeof import("typescript"), n: ts.Node): boolean {
  return tsm.isObjectBindingPattern(n) || tsm.isArrayBindingPattern(n) || tsm.isObjectLiteralExpression(n) || tsm.isArrayLiteralExpression(n);
}

/** `value === undefined ? <default> : value`, the default exploded only on that path. */
function withDefault(c: ExprCtx, valueField: string, init: ts.Expression | undefined): void {
  if (!init) return;
  const { em, tsm } = c;
  const F = em.F;
  const skip = em.loc();
  em.jumpIf(F.createStrictInequality(em.f(valueField), F.createVoidZero()), skip);
  em.emit(em.assign(em.f(valueField), explodeExpr(c, init)));
  em.mark(skip);
  void tsm;
}

/** Binds one element: a plain target's reference is evaluated before the value (assignment patterns). */
function element(c: ExprCtx, t: Pattern, init: ts.Expression | undefined, fetch: (into: string) => void): void {
  const { em, tsm } = c;
  const val = em.temp();
  if (isPattern(tsm, t) || tsm.isIdentifier(t)) {
    fetch(val);
    withDefault(c, val, init);
    destructure(c, t, em.f(val));
    return;
  }
  const ref = target(c, t);
  fetch(val);
  withDefault(c, val, init);
  em.emit(em.assign(ref, em.f(val)));
}

function objectPattern(c: ExprCtx, pattern: ts.ObjectBindingPattern | ts.ObjectLiteralExpression, src: string): void {
  const { tsm, em } = c;
  const F = em.F;
  em.emit(
    F.createIfStatement(
      F.createBinaryExpression(em.f(src), tsm.SyntaxKind.EqualsEqualsToken, F.createNull()),
      F.createThrowStatement(F.createNewExpression(F.createIdentifier("TypeError"), undefined, [F.createStringLiteral("Cannot destructure a null or undefined value")])),
    ),
  );
  const usedKeys: ts.Expression[] = [];
  const elements: readonly ts.Node[] = tsm.isObjectBindingPattern(pattern) ? pattern.elements : pattern.properties;
  for (const el of elements) {
    let key: ts.Expression;
    let t: Pattern;
    let init: ts.Expression | undefined;
    if (tsm.isBindingElement(el)) {
      if (el.dotDotDotToken) {
        rest(c, src, usedKeys, el.name);
        continue;
      }
      const name = el.propertyName ?? (el.name as ts.Identifier);
      key = propertyKey(c, name as ts.PropertyName);
      t = el.name;
      init = el.initializer;
    } else if (tsm.isSpreadAssignment(el)) {
      rest(c, src, usedKeys, el.expression);
      continue;
    } else if (tsm.isShorthandPropertyAssignment(el)) {
      key = F.createStringLiteral(el.name.text);
      t = el.name;
      init = el.objectAssignmentInitializer;
    } else if (tsm.isPropertyAssignment(el)) {
      key = propertyKey(c, el.name);
      let value = el.initializer;
      if (tsm.isBinaryExpression(value) && value.operatorToken.kind === tsm.SyntaxKind.EqualsToken) {
        init = value.right;
        value = value.left;
      }
      t = value;
    } else {
      c.reject(el, "DC2007", "this destructuring element cannot be compiled with await; await into a local first");
      continue;
    }
    usedKeys.push(key);
    element(c, t, init, (into) => em.emit(em.assign(em.f(into), F.createElementAccessExpression(em.f(src), em.dup(key)))));
  }
}

function propertyKey(c: ExprCtx, name: ts.PropertyName): ts.Expression {
  const { tsm, em } = c;
  const F = em.F;
  if (tsm.isComputedPropertyName(name)) {
    const t = em.temp();
    em.emit(em.assign(em.f(t), explodeExpr(c, name.expression)));
    return em.f(t);
  }
  if (tsm.isIdentifier(name) || tsm.isPrivateIdentifier(name)) return F.createStringLiteral(name.text);
  if (tsm.isNumericLiteral(name)) return F.createNumericLiteral(name.text);
  return F.createStringLiteral((name as ts.StringLiteral).text);
}

/** `...rest` of an object pattern: a native pattern that leaves out the keys already taken. */
function rest(c: ExprCtx, src: string, usedKeys: ts.Expression[], t: Pattern): void {
  const { em } = c;
  const F = em.F;
  em.usesScratch = true;
  const out = em.temp();
  const skip = usedKeys.map((k) => F.createPropertyAssignment(F.createComputedPropertyName(em.dup(k)), F.createIdentifier(em.names.scratch)));
  em.emit(em.assign(F.createObjectLiteralExpression([...skip, F.createSpreadAssignment(em.f(out))]), em.f(src)));
  destructure(c, t, em.f(out));
}

function arrayPattern(c: ExprCtx, pattern: ts.ArrayBindingPattern | ts.ArrayLiteralExpression, src: string): void {
  const { tsm, em } = c;
  const F = em.F;
  const it = em.field("$pit");
  const iterator = F.createCallExpression(F.createElementAccessExpression(em.f(src), F.createPropertyAccessExpression(F.createIdentifier("Symbol"), "iterator")), undefined, []);
  em.emit(em.assign(em.f(it), iterator));
  const start = em.loc();
  const end = em.loc();
  em.mark(start);
  em.emit(em.setState(start));
  // While the pattern runs, an exception closes the iterator (unless it is done: the field is cleared then).
  const entry: Entry = { kind: "iter", iterField: it, exitLoc: end };
  em.leap.push(entry);
  const step = (into: string) => {
    // r = it.next(); done → clear the iterator field, value undefined
    const r = em.temp();
    em.emit(
      F.createIfStatement(
        F.createStrictEquality(em.f(it), F.createVoidZero()),
        F.createBlock([em.assign(em.f(into), F.createVoidZero())]),
        F.createBlock([
          em.assign(em.f(r), F.createCallExpression(F.createPropertyAccessExpression(em.f(it), "next"), undefined, [])),
          F.createIfStatement(
            F.createPropertyAccessExpression(em.f(r), "done"),
            F.createBlock([em.assign(em.f(it), F.createVoidZero()), em.assign(em.f(into), F.createVoidZero())]),
            em.assign(em.f(into), F.createPropertyAccessExpression(em.f(r), "value")),
          ),
        ]),
      ),
    );
  };
  const elements: readonly ts.Node[] = pattern.elements;
  for (const el of elements) {
    if (tsm.isOmittedExpression(el)) {
      step(em.temp());
      continue;
    }
    let t: Pattern;
    let init: ts.Expression | undefined;
    let isRest = false;
    if (tsm.isBindingElement(el)) {
      t = el.name;
      init = el.initializer;
      isRest = el.dotDotDotToken !== undefined;
    } else if (tsm.isSpreadElement(el)) {
      t = el.expression;
      isRest = true;
    } else if (tsm.isBinaryExpression(el) && el.operatorToken.kind === tsm.SyntaxKind.EqualsToken) {
      t = el.left;
      init = el.right;
    } else t = el as ts.Expression;
    if (isRest) {
      element(c, t, undefined, (into) => {
        em.emit(em.assign(em.f(into), F.createArrayLiteralExpression([])));
        em.emit(
          F.createIfStatement(
            F.createStrictInequality(em.f(it), F.createVoidZero()),
            F.createBlock([
              em.assign(em.f(into), F.createArrayLiteralExpression([F.createSpreadElement(F.createObjectLiteralExpression([F.createPropertyAssignment(F.createComputedPropertyName(F.createPropertyAccessExpression(F.createIdentifier("Symbol"), "iterator")), F.createArrowFunction(undefined, undefined, [], undefined, undefined, em.f(it)))]))])),
              em.assign(em.f(it), F.createVoidZero()),
            ]),
          ),
        );
      });
      continue;
    }
    element(c, t, init, step);
  }
  em.leap.pop(entry);
  const close = em.loc();
  em.mark(close);
  em.emit(F.createIfStatement(F.createStrictInequality(em.f(it), F.createVoidZero()), F.createBlock(em.close(entry))));
  em.mark(end);
  em.emit(em.assign(em.f(it), F.createVoidZero()));
  em.addRegion({ start, end: close, action: "close", iterField: it });
}
