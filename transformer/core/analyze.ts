/**
 * Static analysis of one coroutine before it is exploded into states: which
 * nodes contain an `await` (memoised), the scopes and bindings of the body,
 * which bindings move into the frame ("hoisted"), which of those are captured
 * by closures inside a loop (and so need a fresh environment object per
 * iteration), and which function-level features the body uses (`this`,
 * `arguments`, `super`, private names, variables of enclosing functions).
 *
 * Invariant: a declaration stays a real JavaScript variable exactly when its
 * scope is emitted as native code inside one state (a block, loop or switch
 * without `await`); everything declared in a scope that is split into states,
 * and every `var`, lives in the frame.
 */
import type * as ts from "typescript";

export type BindingKind = "var" | "let" | "const" | "function" | "class" | "param" | "catch";

/** One declared name. */
export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  readonly scope: Scope;
  /** Frame field (hoisted bindings only). */
  field?: string;
  /** Referenced from inside a nested function. */
  captured: boolean;
  /** Lives in the environment object of `scope` (captured, hoisted, inside a loop). */
  inEnv: boolean;
  /**
   * A `let`/`const` initialised with a number literal (`let sum = 0`): its
   * frame field starts as 0 rather than undefined, so V8 keeps the field a
   * number field (a field that starts undefined and then holds numbers is
   * generic, and every non-small-integer store to it allocates). Observable
   * only by a read in the temporal dead zone (docs/compiled-coroutines.md).
   */
  numeric?: boolean;
}

/** A lexical scope inside the coroutine (or inside a function nested in it). */
export interface Scope {
  readonly node: ts.Node;
  readonly parent: Scope | undefined;
  readonly bindings: Map<string, Binding>;
  /** A function scope (coroutine or nested): `var` declarations land here. */
  readonly isFunction: boolean;
  /** Inside a function nested in the coroutine. */
  readonly nested: boolean;
  /** Declarations live in the frame (the scope is split into states). */
  hoisted: boolean;
  /** Frame field holding this scope's environment object, when it has one. */
  envField?: string;
  readonly envBindings: Binding[];
}

/** What the compiler needs to know about a coroutine. */
export interface Analysis {
  /** True when the subtree (not counting nested functions) contains `await` or `for await`. */
  containsAwait(node: ts.Node): boolean;
  /** True when a loop must be split into states (an await outside its iterated expression). */
  loopExploded(node: ts.Node): boolean;
  /** The binding an identifier reference resolves to inside the coroutine, if any. */
  resolve(id: ts.Identifier): Binding | undefined;
  /** The binding a declaration name introduces. */
  declared(id: ts.Identifier): Binding | undefined;
  scopeOf(node: ts.Node): Scope | undefined;
  readonly root: Scope;
  readonly usesThis: boolean;
  readonly usesArguments: boolean;
  readonly usesNewTarget: boolean;
  /** `super` or a private name: the step must stay lexically inside the method. */
  readonly needsLexicalStep: boolean;
  /** Every identifier text in the coroutine (to pick local names that cannot collide). */
  readonly identifierTexts: Set<string>;
  /** All hoisted bindings in declaration order. */
  readonly hoisted: Binding[];
}

type Ts = typeof import("typescript");

/** Runs the analysis; never reports (rejections happen while exploding). */
export function analyzeCoroutine(tsm: Ts, fn: ts.SignatureDeclaration & { body?: ts.Node }): Analysis {
  const awaitMemo = new Map<ts.Node, boolean>();
  const scopes = new Map<ts.Node, Scope>();
  const decls = new Map<ts.Identifier, Binding>();
  const refs = new Map<ts.Identifier, Binding>();
  const identifierTexts = new Set<string>();
  const hoisted: Binding[] = [];
  const flags = { usesThis: false, usesArguments: false, usesNewTarget: false, lexical: false };

  function isFunctionLike(n: ts.Node): boolean {
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

  function containsAwait(node: ts.Node): boolean {
    const memo = awaitMemo.get(node);
    if (memo !== undefined) return memo;
    let result = false;
    if (tsm.isAwaitExpression(node) || (tsm.isForOfStatement(node) && node.awaitModifier)) result = true;
    else if (tsm.isVariableDeclarationList(node) && (node.flags & tsm.NodeFlags.AwaitUsing) === tsm.NodeFlags.AwaitUsing)
      result = true;
    else if (!isFunctionLike(node) || node === fn) result = tsm.forEachChild(node, (c) => containsAwait(c) || undefined) ?? false;
    else if (tsm.isPropertyDeclaration(node) && node.name && tsm.isComputedPropertyName(node.name))
      result = containsAwait(node.name);
    else if ((tsm.isMethodDeclaration(node) || tsm.isAccessor(node)) && tsm.isComputedPropertyName(node.name))
      result = containsAwait(node.name);
    awaitMemo.set(node, result);
    return result;
  }

  function loopExploded(node: ts.Node): boolean {
    if (tsm.isForOfStatement(node) || tsm.isForInStatement(node))
      return (tsm.isForOfStatement(node) && node.awaitModifier !== undefined) || containsAwait(node.initializer) || containsAwait(node.statement);
    return containsAwait(node);
  }

  // ---- phase 1: scopes and declarations ----
  function newScope(node: ts.Node, parent: Scope | undefined, isFunction: boolean, nested: boolean, hoist: boolean): Scope {
    const s: Scope = { node, parent, bindings: new Map(), isFunction, nested, hoisted: hoist, envBindings: [] };
    scopes.set(node, s);
    return s;
  }

  function declare(scope: Scope, id: ts.Identifier, kind: BindingKind): void {
    let target = scope;
    if (kind === "var") while (!target.isFunction && target.parent) target = target.parent;
    let b = target.bindings.get(id.text);
    if (!b) {
      b = { name: id.text, kind, scope: target, captured: false, inEnv: false };
      target.bindings.set(id.text, b);
      if (target.hoisted) hoisted.push(b);
    }
    decls.set(id, b);
  }

  function declarePattern(scope: Scope, name: ts.BindingName, kind: BindingKind): void {
    if (tsm.isIdentifier(name)) declare(scope, name, kind);
    else for (const el of name.elements) if (!tsm.isOmittedExpression(el)) declarePattern(scope, el.name, kind);
  }

  function kindOf(list: ts.VariableDeclarationList): BindingKind {
    if (list.flags & tsm.NodeFlags.Const) return "const";
    if (list.flags & (tsm.NodeFlags.Let | tsm.NodeFlags.Using)) return "let";
    return "var";
  }

  function inCoroutine(scope: Scope): boolean {
    return !scope.nested;
  }

  function build(node: ts.Node, scope: Scope): void {
    if (tsm.isIdentifier(node)) identifierTexts.add(node.text);
    if (tsm.isTypeNode(node) && !tsm.isExpressionWithTypeArguments(node)) return;
    if (node !== fn && isFunctionLike(node)) {
      if ((tsm.isMethodDeclaration(node) || tsm.isAccessor(node) || tsm.isPropertyDeclaration(node)) && tsm.isComputedPropertyName(node.name))
        build(node.name, scope);
      if (tsm.isFunctionDeclaration(node) && node.name) declare(scope, node.name, "function");
      const outer = tsm.isFunctionExpression(node) && node.name ? newScope(node.name, scope, false, true, false) : scope;
      if (tsm.isFunctionExpression(node) && node.name) declare(outer, node.name, "function");
      const fs = newScope(node, outer, true, true, false);
      const sig = node as ts.Node as ts.SignatureDeclaration;
      if (!tsm.isPropertyDeclaration(node) && !tsm.isClassStaticBlockDeclaration(node))
        for (const p of sig.parameters) {
          declarePattern(fs, p.name, "param");
          if (p.initializer) build(p.initializer, fs);
          for (const el of bindingDefaults(p.name)) build(el, fs);
        }
      const body = (node as { body?: ts.Node }).body ?? (tsm.isPropertyDeclaration(node) ? node.initializer : undefined);
      if (body) {
        if (tsm.isBlock(body)) hoistFunctions(body.statements, fs);
        if (tsm.isBlock(body)) body.statements.forEach((s) => build(s, fs));
        else build(body, fs);
      }
      return;
    }
    if (tsm.isClassDeclaration(node) || tsm.isClassExpression(node)) {
      if (tsm.isClassDeclaration(node) && node.name) declare(scope, node.name, "class");
      const inner = node.name && tsm.isClassExpression(node) ? newScope(node, scope, false, scope.nested, false) : scope;
      if (inner !== scope && node.name) declare(inner, node.name, "class");
      node.heritageClauses?.forEach((h) => h.types.forEach((t) => build(t.expression, inner)));
      node.members.forEach((m) => build(m, inner));
      return;
    }
    if (tsm.isBlock(node) || tsm.isCaseBlock(node)) {
      const hoist = inCoroutine(scope) && containsAwait(node);
      const s = newScope(node, scope, false, scope.nested, hoist);
      const stmts = tsm.isBlock(node) ? node.statements : node.clauses.flatMap((c) => [...c.statements]);
      hoistFunctions(stmts, s);
      tsm.forEachChild(node, (c) => build(c, s));
      return;
    }
    if (tsm.isForStatement(node) || tsm.isForInStatement(node) || tsm.isForOfStatement(node)) {
      const hoist = inCoroutine(scope) && loopExploded(node);
      const s = newScope(node, scope, false, scope.nested, hoist);
      tsm.forEachChild(node, (c) => build(c, s));
      return;
    }
    if (tsm.isCatchClause(node)) {
      const hoist = inCoroutine(scope) && containsAwait(node.parent);
      const s = newScope(node, scope, false, scope.nested, hoist);
      if (node.variableDeclaration) {
        declarePattern(s, node.variableDeclaration.name, "catch");
        for (const el of bindingDefaults(node.variableDeclaration.name)) build(el, s);
      }
      build(node.block, s);
      return;
    }
    if (tsm.isVariableDeclarationList(node)) {
      const kind = kindOf(node);
      for (const d of node.declarations) {
        declarePattern(scope, d.name, kind);
        if (kind !== "var" && tsm.isIdentifier(d.name) && d.initializer && tsm.isNumericLiteral(d.initializer)) {
          const b = decls.get(d.name);
          if (b && b.kind === kind) b.numeric = true;
        }
        for (const el of bindingDefaults(d.name)) build(el, scope);
        if (d.initializer) build(d.initializer, scope);
      }
      return;
    }
    tsm.forEachChild(node, (c) => build(c, scope));
  }

  /** Default values and computed keys inside a binding pattern (expressions to visit). */
  function bindingDefaults(name: ts.BindingName): ts.Node[] {
    const out: ts.Node[] = [];
    if (tsm.isIdentifier(name)) return out;
    for (const el of name.elements) {
      if (tsm.isOmittedExpression(el)) continue;
      if (el.propertyName && tsm.isComputedPropertyName(el.propertyName)) out.push(el.propertyName.expression);
      if (el.initializer) out.push(el.initializer);
      out.push(...bindingDefaults(el.name));
    }
    return out;
  }

  /** Function declarations are visible in the whole block: declare them first. */
  function hoistFunctions(stmts: readonly ts.Statement[], scope: Scope): void {
    for (const s of stmts) if (tsm.isFunctionDeclaration(s) && s.name) declare(scope, s.name, "function");
  }

  const root = newScope(fn, undefined, true, false, true);
  for (const p of fn.parameters) {
    if (tsm.isIdentifier(p.name) && p.name.text === "this") continue;
    declarePattern(root, p.name, "param");
  }
  for (const p of fn.parameters) {
    if (p.initializer) build(p.initializer, root);
    for (const el of bindingDefaults(p.name)) build(el, root);
    if (tsm.isIdentifier(p.name)) identifierTexts.add(p.name.text);
  }
  const body = fn.body;
  if (body && tsm.isBlock(body)) {
    hoistFunctions(body.statements, root);
    body.statements.forEach((s) => build(s, root));
  } else if (body) build(body, root);

  // ---- phase 2: references ----
  function lookup(scope: Scope | undefined, name: string): { b: Binding; crossed: boolean } | undefined {
    let crossed = false;
    for (let s = scope; s; s = s.parent) {
      const b = s.bindings.get(name);
      if (b) return { b, crossed: crossed && !b.scope.nested };
      if (s.isFunction && s.nested) crossed = true;
    }
    return undefined;
  }

  function isDeclarationName(id: ts.Identifier): boolean {
    const p = id.parent;
    return (
      ((tsm.isVariableDeclaration(p) || tsm.isParameter(p) || tsm.isBindingElement(p)) && p.name === id) ||
      ((tsm.isFunctionDeclaration(p) || tsm.isFunctionExpression(p) || tsm.isClassDeclaration(p) || tsm.isClassExpression(p)) &&
        p.name === id)
    );
  }

  function resolveRefs(node: ts.Node, scope: Scope, thisOwner: boolean): void {
    const own = scopes.get(node);
    if (own && node !== fn) scope = own;
    if (tsm.isTypeNode(node) && !tsm.isExpressionWithTypeArguments(node)) return;
    if (tsm.isIdentifier(node)) {
      if (!isReferenceName(tsm, node) || isDeclarationName(node)) return;
      const hit = lookup(scope, node.text);
      if (hit) {
        refs.set(node, hit.b);
        if (hit.crossed) hit.b.captured = true;
      } else if (node.text === "arguments" && thisOwner) flags.usesArguments = true;
      return;
    }
    if (thisOwner) {
      if (node.kind === tsm.SyntaxKind.ThisKeyword) flags.usesThis = true;
      if (node.kind === tsm.SyntaxKind.SuperKeyword) flags.lexical = true;
      if (tsm.isMetaProperty(node) && node.keywordToken === tsm.SyntaxKind.NewKeyword) flags.usesNewTarget = true;
    }
    if (tsm.isPrivateIdentifier(node)) flags.lexical = true;
    let childThisOwner = thisOwner;
    if (node !== fn && isFunctionLike(node) && !tsm.isArrowFunction(node)) childThisOwner = false;
    if (tsm.isFunctionExpression(node) && node.name) {
      const nameScope = scopes.get(node.name);
      if (nameScope) scope = nameScope;
    }
    if (node !== fn && isFunctionLike(node)) {
      const m = node as ts.Node as ts.MethodDeclaration;
      if (m.name && tsm.isComputedPropertyName(m.name)) resolveRefs(m.name, scope, thisOwner);
      const fscope = scopes.get(node) ?? scope;
      tsm.forEachChild(node, (c) => {
        if (c !== m.name) resolveRefs(c, fscope, childThisOwner);
      });
      return;
    }
    tsm.forEachChild(node, (c) => resolveRefs(c, scope, childThisOwner));
  }
  for (const p of fn.parameters) resolveRefs(p, root, true);
  if (body) resolveRefs(body, root, true);

  // ---- environments for captured bindings declared inside split loops ----
  function insideExplodedLoop(scope: Scope): boolean {
    for (let n: ts.Node | undefined = scope.node; n && n !== fn; n = n.parent) {
      if (tsm.isIterationStatement(n, false) && loopExploded(n)) return true;
    }
    return false;
  }
  for (const b of hoisted) {
    if (b.captured && b.kind !== "var" && b.kind !== "param" && b.scope !== root && insideExplodedLoop(b.scope)) {
      b.inEnv = true;
      b.scope.envBindings.push(b);
    }
  }

  return {
    containsAwait,
    loopExploded,
    resolve: (id) => refs.get(id),
    declared: (id) => decls.get(id),
    scopeOf: (n) => scopes.get(n),
    root,
    usesThis: flags.usesThis,
    usesArguments: flags.usesArguments,
    usesNewTarget: flags.usesNewTarget,
    needsLexicalStep: flags.lexical,
    identifierTexts,
    hoisted,
  };
}

/** True when an identifier is read or written as a variable (not a property name, label or type). */
export function isReferenceName(tsm: Ts, id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (tsm.isPropertyAccessExpression(p) && p.name === id) return false;
  if (tsm.isQualifiedName(p)) return false;
  if ((tsm.isPropertyAssignment(p) || tsm.isMethodDeclaration(p) || tsm.isPropertyDeclaration(p) || tsm.isAccessor(p)) && p.name === id)
    return false;
  if (tsm.isPropertySignature(p) || tsm.isMethodSignature(p) || tsm.isEnumMember(p)) return false;
  if (tsm.isBindingElement(p) && p.propertyName === id) return false;
  if ((tsm.isLabeledStatement(p) || tsm.isBreakOrContinueStatement(p)) && p.label === id) return false;
  if (tsm.isMetaProperty(p)) return false;
  if (tsm.isTypeParameterDeclaration(p) || tsm.isTypeReferenceNode(p) || tsm.isTypeAliasDeclaration(p) || tsm.isInterfaceDeclaration(p))
    return false;
  if (tsm.isJsxAttribute(p) || tsm.isNamespaceExportDeclaration(p) || tsm.isExportSpecifier(p) || tsm.isImportSpecifier(p)) return false;
  if (tsm.isEnumDeclaration(p) || tsm.isModuleDeclaration(p)) return false;
  return true;
}
