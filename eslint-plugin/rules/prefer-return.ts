import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isInlineCallbacksGenerator } from "../util/coroutine.js";
import { isFunction } from "../util/tags.js";
import { resolveImport } from "../util/imports.js";

type MessageIds = "preferReturn" | "replaceWithReturn";

/**
 * True when `statement` sits in the protected block of a `try` that has a
 * `catch` (in the same function). There `returnValue(x)` throws into the catch,
 * while `return x` does not, so rewriting it changes what runs.
 */
function insideTryWithCatch(statement: TSESTree.Node): boolean {
  let child: TSESTree.Node = statement;
  for (let node = statement.parent; node && !isFunction(node); child = node, node = node.parent) {
    if (node.type === "TryStatement" && node.block === child && node.handler) return true;
  }
  return false;
}

export default createRule<MessageIds, []>({
  name: "prefer-return",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `return x` instead of `returnValue(x)` in an `inlineCallbacks` generator.",
      requiresTypeChecking: false,
    },
    fixable: "code",
    hasSuggestions: true,
    messages: {
      preferReturn:
        "`returnValue(…)` ends the generator by throwing, which a surrounding `catch` can swallow, and it is deprecated in Twisted. " +
        "Use `return` instead.",
      replaceWithReturn:
        "Replace with `return` (inside this `try` the `catch` currently receives the `returnValue` exception; check the new flow).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      "ExpressionStatement > CallExpression.expression"(call: TSESTree.CallExpression) {
        if (resolveImport(context, call.callee) !== "returnValue") return;
        const fn = enclosingFunction(call);
        if (!fn || !isInlineCallbacksGenerator(context, fn)) return;
        const statement = call.parent as TSESTree.ExpressionStatement;
        const [argument] = call.arguments;
        if (call.arguments.length > 1 || argument?.type === "SpreadElement") {
          context.report({ node: call, messageId: "preferReturn" });
          return;
        }
        const value = argument ? context.sourceCode.getText(argument) : "";
        const fix = (fixer: Parameters<NonNullable<Parameters<typeof context.report>[0]["fix"]>>[0]) =>
          fixer.replaceText(statement, value ? `return ${value};` : "return;");
        if (insideTryWithCatch(statement)) {
          context.report({ node: call, messageId: "preferReturn", suggest: [{ messageId: "replaceWithReturn", fix }] });
        } else {
          context.report({ node: call, messageId: "preferReturn", fix });
        }
      },
    };
  },
});
