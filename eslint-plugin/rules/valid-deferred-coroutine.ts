import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { findVariable, resolveImport, skipTypeWrappers } from "../util/imports.js";
import { commentTags, COROUTINE_TAG, functionMarkedBy, isFunction, isMisspelledTag, type FunctionNode } from "../util/tags.js";

type MessageIds =
  | "notAsync"
  | "generatorMarked"
  | "accessorMarked"
  | "constructorMarked"
  | "tagNotOnFunction"
  | "decoratorTarget"
  | "misspelledTag"
  | "notGenerator"
  | "asyncGenerator"
  | "addAsync"
  | "addStar"
  | "removeAsync"
  | "fixSpelling";

type Context = Readonly<TSESLint.RuleContext<MessageIds, []>>;

type Location = { node: TSESTree.Node } | { loc: TSESTree.SourceLocation };

/** Where `async ` goes to make `fn` async. */
function asyncInsertionPoint(context: Context, fn: FunctionNode): TSESTree.Token | TSESTree.Node {
  const parent = fn.parent;
  if ((parent?.type === "MethodDefinition" || parent?.type === "Property") && parent.value === fn && fn.type === "FunctionExpression") {
    const key = parent.key;
    return parent.computed ? (context.sourceCode.getTokenBefore(key) ?? key) : key;
  }
  return context.sourceCode.getFirstToken(fn) ?? fn;
}

/** Reports a deferredCoroutine mark (tag, decorator or wrapper) on a function that cannot be a Deferred coroutine. */
function checkCoroutineShape(context: Context, fn: FunctionNode, where: Location): void {
  const parent = fn.parent;
  const kind = parent?.type === "MethodDefinition" || parent?.type === "Property" ? parent.kind : undefined;
  if (kind === "constructor") return context.report({ ...where, messageId: "constructorMarked" });
  if (kind === "get" || kind === "set") return context.report({ ...where, messageId: "accessorMarked" });
  if (fn.generator) return context.report({ ...where, messageId: "generatorMarked" });
  if (fn.async) return;
  context.report({
    ...where,
    messageId: "notAsync",
    suggest: [{ messageId: "addAsync", fix: (fixer) => fixer.insertTextBefore(asyncInsertionPoint(context, fn), "async ") }],
  });
}

/** Reports a function handed to `inlineCallbacks` that is not a plain (non-async) generator. */
function checkGeneratorShape(context: Context, fn: FunctionNode, where: Location): void {
  if (fn.generator && !fn.async) return;
  if (fn.generator) {
    const asyncToken = context.sourceCode.getFirstToken(fn.parent?.type === "MethodDefinition" ? fn.parent : fn, {
      filter: (token) => token.value === "async",
    });
    context.report({
      ...where,
      messageId: "asyncGenerator",
      suggest: asyncToken
        ? [
            {
              messageId: "removeAsync",
              fix: (fixer) => {
                const next = context.sourceCode.getTokenAfter(asyncToken)!;
                return fixer.removeRange([asyncToken.range[0], next.range[0]]);
              },
            },
          ]
        : [],
    });
    return;
  }
  const functionToken =
    fn.type === "FunctionExpression" && fn.parent?.type !== "MethodDefinition" && fn.parent?.type !== "Property"
      ? context.sourceCode.getFirstToken(fn, { filter: (token) => token.value === "function" })
      : fn.type === "FunctionDeclaration"
        ? context.sourceCode.getFirstToken(fn, { filter: (token) => token.value === "function" })
        : undefined;
  context.report({
    ...where,
    messageId: "notGenerator",
    suggest:
      functionToken && !fn.async
        ? [{ messageId: "addStar", fix: (fixer) => fixer.insertTextAfter(functionToken, "*") }]
        : [],
  });
}

/** The function a `deferredCoroutine(x)` / `inlineCallbacks(x)` argument stands for, when the file shows it. */
function functionArgument(context: Context, argument: TSESTree.Node): FunctionNode | undefined {
  const node = skipTypeWrappers(argument);
  if (isFunction(node)) return node;
  if (node.type !== "Identifier") return undefined;
  const definition = findVariable(context, node, node.name)?.defs[0];
  if (definition?.type === "FunctionName" && isFunction(definition.node)) return definition.node;
  if (definition?.type === "Variable" && definition.node.init && definition.parent?.kind === "const") {
    const init = skipTypeWrappers(definition.node.init);
    return isFunction(init) ? init : undefined;
  }
  return undefined;
}

function tagLocation(context: Context, start: number, name: string): TSESTree.SourceLocation {
  return {
    start: context.sourceCode.getLocFromIndex(start),
    end: context.sourceCode.getLocFromIndex(start + name.length + 1),
  };
}

export default createRule<MessageIds, []>({
  name: "valid-deferred-coroutine",
  meta: {
    type: "problem",
    docs: {
      description: "Require `@deferredCoroutine` and `inlineCallbacks` to mark functions of the right shape.",
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      notAsync:
        "`@deferredCoroutine` marks a function that is not `async`: the transform only compiles async functions, so this one " +
        "runs as plain code and returns no Deferred. Make it `async`.",
      generatorMarked:
        "`@deferredCoroutine` cannot mark a generator. Write an `async` function with `await`, or use `inlineCallbacks` " +
        "for a (non-async) generator.",
      accessorMarked:
        "`@deferredCoroutine` cannot mark a getter or setter: accessors cannot be async. Use an async method instead.",
      constructorMarked:
        "`@deferredCoroutine` cannot mark a constructor: constructors cannot be async. Move the asynchronous work into an " +
        "async method or a static factory.",
      tagNotOnFunction:
        "This `@deferredCoroutine` tag marks no function, so the transform ignores it. Put it directly before an async " +
        "function, method, arrow, or a `const` whose only initializer is one.",
      decoratorTarget:
        "The `@deferredCoroutine` decorator applies to async methods only; on anything else the transform refuses it. " +
        "Move it to an async method, or wrap the function with `deferredCoroutine(async …)`.",
      misspelledTag:
        "`@{{name}}` looks like a misspelling of `@deferredCoroutine`; as written, the transform ignores it and the function " +
        "stays a native async function. Spell it `@deferredCoroutine`.",
      notGenerator:
        "`inlineCallbacks` needs a generator function (`function*`): with anything else it throws a TypeError at the first call. " +
        "Make it a generator, or mark an async function with `@deferredCoroutine` instead.",
      asyncGenerator:
        "`inlineCallbacks` cannot drive an async generator: it throws a TypeError at the first call. Remove `async` and `yield` " +
        "the Deferreds.",
      addAsync: "Add `async`.",
      addStar: "Make it a generator (`function*`).",
      removeAsync: "Remove `async`.",
      fixSpelling: "Replace with `@deferredCoroutine`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          // Tags quoted as inline code (`@deferredCoroutine`) are prose about the tag: they
          // still mark a function that follows (as in the transform), but are not reported
          // as dangling or misspelled.
          for (const tag of commentTags(comment)) {
            const loc = tagLocation(context, tag.start, tag.name);
            if (tag.name === COROUTINE_TAG) {
              const fn = functionMarkedBy(context.sourceCode, comment);
              if (fn) checkCoroutineShape(context, fn, { loc });
              else if (!tag.quoted) context.report({ loc, messageId: "tagNotOnFunction" });
            } else if (!tag.quoted && isMisspelledTag(tag.name)) {
              context.report({
                loc,
                messageId: "misspelledTag",
                data: { name: tag.name },
                suggest: [
                  {
                    messageId: "fixSpelling",
                    fix: (fixer) => fixer.replaceTextRange([tag.start, tag.start + tag.name.length + 1], `@${COROUTINE_TAG}`),
                  },
                ],
              });
            }
          }
        }
      },
      Decorator(decorator) {
        const expression = decorator.expression.type === "CallExpression" ? decorator.expression.callee : decorator.expression;
        const name = resolveImport(context, expression);
        if (name !== "deferredCoroutine" && name !== "inlineCallbacks") return;
        const member = decorator.parent;
        if (member.type !== "MethodDefinition" || !isFunction(member.value)) {
          if (name === "deferredCoroutine") context.report({ node: decorator, messageId: "decoratorTarget" });
          return;
        }
        if (name === "deferredCoroutine") checkCoroutineShape(context, member.value, { node: decorator });
        else checkGeneratorShape(context, member.value, { node: decorator });
      },
      CallExpression(call) {
        const name = resolveImport(context, call.callee);
        if ((name !== "deferredCoroutine" && name !== "inlineCallbacks") || call.arguments.length === 0) return;
        const fn = functionArgument(context, call.arguments[0]);
        if (!fn) return;
        const where = { node: call.arguments[0] };
        if (name === "deferredCoroutine") checkCoroutineShape(context, fn, where);
        else checkGeneratorShape(context, fn, where);
      },
    };
  },
});

