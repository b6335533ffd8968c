import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isInlineCallbacksGenerator } from "../util/coroutine.js";
import { isThenableType, isUnknownType, returnsThenable, typeServices } from "../util/types.js";

type MessageIds = "notDeferred" | "uncalledFunction" | "delegateNotGenerator" | "callIt";
type Context = Readonly<TSESLint.RuleContext<MessageIds, []>>;

const SIMPLE = new Set(["CallExpression", "MemberExpression", "Identifier"]);

function callText(context: Context, node: TSESTree.Node): string {
  const text = context.sourceCode.getText(node);
  return SIMPLE.has(node.type) ? `${text}()` : `(${text})()`;
}

export default createRule<MessageIds, []>({
  name: "yield-deferred-only",
  meta: {
    type: "problem",
    docs: {
      description: "Require an `inlineCallbacks` generator to yield only Deferreds and other thenables.",
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      notDeferred:
        "Yielding a {{type}}: `inlineCallbacks` sends a value that is not a Deferred or thenable straight back without " +
        "waiting, so this `yield` does nothing. Yield the Deferred that produces the value, or drop the `yield`.",
      uncalledFunction:
        "This yields the function itself, not its result: `inlineCallbacks` sends the function straight back without calling " +
        "it. Call it: `yield {{call}}`.",
      delegateNotGenerator:
        "`yield*` into a {{type}} yields its elements one by one, and `inlineCallbacks` sends each non-Deferred straight back. " +
        "Use `yield*` only with a generator that yields Deferreds; to wait for several Deferreds use `gatherResults`.",
      callIt: "Call it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = typeServices(context);
    const { checker } = services;
    return {
      YieldExpression(node) {
        const fn = enclosingFunction(node);
        if (!fn || !isInlineCallbacksGenerator(context, fn)) return;
        const argument = node.argument;
        if (!argument) {
          context.report({ node, messageId: "notDeferred", data: { type: "bare `undefined`" } });
          return;
        }
        const type = services.typeOf(argument);
        if (isUnknownType(type)) return;
        if (node.delegate) {
          const next = checker.getApparentType(type).getProperty("next");
          if (next && checker.getTypeOfSymbol(next).getCallSignatures().length > 0) return;
          context.report({ node: argument, messageId: "delegateNotGenerator", data: { type: `\`${checker.typeToString(type)}\`` } });
          return;
        }
        if (isThenableType(checker, type)) return;
        if (returnsThenable(checker, type)) {
          const call = callText(context, argument);
          context.report({
            node: argument,
            messageId: "uncalledFunction",
            data: { call },
            suggest: [{ messageId: "callIt", fix: (fixer) => fixer.replaceText(argument, call) }],
          });
          return;
        }
        context.report({ node: argument, messageId: "notDeferred", data: { type: `\`${checker.typeToString(type)}\`` } });
      },
    };
  },
});
