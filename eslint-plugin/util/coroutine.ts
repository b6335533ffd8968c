import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { calleeName, resolveImport, skipTypeWrappers } from "./imports.js";
import { isFunction, markingComments, type FunctionNode } from "./tags.js";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Methods of a Deferred whose function arguments run as links of its callback chain. */
export const CHAIN_METHODS = new Set(["addCallback", "addErrback", "addBoth", "addCallbacks"]);

/** The innermost function that contains `node` (not counting `node` itself). */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

function decoratorsOf(fn: FunctionNode): TSESTree.Decorator[] {
  const parent = fn.parent;
  if (parent?.type === "MethodDefinition" && parent.value === fn) return parent.decorators;
  return [];
}

function isDecoratedWith(context: Context, fn: FunctionNode, exported: string): boolean {
  return decoratorsOf(fn).some((decorator) => {
    const expression = decorator.expression.type === "CallExpression" ? decorator.expression.callee : decorator.expression;
    return resolveImport(context, expression) === exported;
  });
}

/** True when `fn` is the first argument of a call to the `deferred-coroutine` export `exported`. */
function isWrappedBy(context: Context, fn: TSESTree.Node, exported: string): boolean {
  const parent = fn.parent;
  return parent?.type === "CallExpression" && parent.arguments[0] === fn && resolveImport(context, parent.callee) === exported;
}

/** True when a named function is passed to `exported(...)` somewhere in the file: `function* g() {}; inlineCallbacks(g)`. */
function isReferenceWrappedBy(context: Context, fn: FunctionNode, exported: string): boolean {
  const declaring =
    fn.type === "FunctionDeclaration"
      ? fn
      : fn.parent?.type === "VariableDeclarator" && fn.parent.init === fn
        ? fn.parent
        : undefined;
  if (!declaring) return false;
  return context.sourceCode
    .getDeclaredVariables(declaring)
    .some((variable) => variable.references.some((reference) => isWrappedBy(context, reference.identifier, exported)));
}

const inlineCallbacksCache = new WeakMap<FunctionNode, boolean>();

/**
 * True when `fn` is a generator that `inlineCallbacks` drives: passed to
 * `inlineCallbacks(...)` inline or by name, or a generator method decorated with
 * `@inlineCallbacks`. Async generators never are (inlineCallbacks refuses them).
 */
export function isInlineCallbacksGenerator(context: Context, fn: FunctionNode): boolean {
  if (!fn.generator || fn.async) return false;
  let result = inlineCallbacksCache.get(fn);
  if (result === undefined) {
    result =
      isWrappedBy(context, fn, "inlineCallbacks") ||
      isDecoratedWith(context, fn, "inlineCallbacks") ||
      isReferenceWrappedBy(context, fn, "inlineCallbacks");
    inlineCallbacksCache.set(fn, result);
  }
  return result;
}

/** The ways a function can be marked as a Deferred coroutine (DESIGN.md §3). */
export type MarkKind = "tag" | "decorator" | "wrapper";

/** How `fn` is marked as a Deferred coroutine, whatever its shape; `undefined` when it is not marked. */
export function deferredCoroutineMark(context: Context, fn: FunctionNode): MarkKind | undefined {
  if (isDecoratedWith(context, fn, "deferredCoroutine")) return "decorator";
  if (isWrappedBy(context, fn, "deferredCoroutine")) return "wrapper";
  if (markingComments(context.sourceCode, fn).length > 0) return "tag";
  return undefined;
}

/**
 * True when calling `fn` starts a coroutine whose result arrives later through
 * a Promise or Deferred: any `async` function, a function marked as a Deferred coroutine
 * function, or an `inlineCallbacks` generator.
 */
export function isCoroutineFunction(context: Context, fn: FunctionNode): boolean {
  return fn.async || isInlineCallbacksGenerator(context, fn) || deferredCoroutineMark(context, fn) !== undefined;
}

/** True when `fn` is passed directly as a link of a Deferred's callback chain: `d.addCallback((r) => …)`. */
export function isChainCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type !== "CallExpression" || !parent.arguments.some((argument) => argument === fn)) return false;
  const name = calleeName(skipTypeWrappers(parent.callee));
  return name !== undefined && CHAIN_METHODS.has(name);
}

/** The nearest enclosing function of `node` if it is a coroutine, otherwise `undefined`. */
export function enclosingCoroutine(context: Context, node: TSESTree.Node): FunctionNode | undefined {
  const fn = enclosingFunction(node);
  return fn && isCoroutineFunction(context, fn) ? fn : undefined;
}
