import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isInlineCallbacksGenerator } from "../util/coroutine.js";
import { propertyName, resolveImport, skipTypeWrappers } from "../util/imports.js";
import { deferredTypesSchema, isDeferredType, typeServices, type DeferredTypeSpecifier } from "../util/types.js";

export interface NoDeferredResultOptions {
  /** More types that count as a Deferred. */
  deferredTypes?: DeferredTypeSpecifier[];
}

type MessageIds = "returnValueDeferred" | "returnDeferred" | "callbackWithDeferred" | "yieldIt" | "chainIt";
type Context = Readonly<TSESLint.RuleContext<MessageIds, [NoDeferredResultOptions]>>;

const SIMPLE = new Set(["CallExpression", "MemberExpression", "Identifier", "NewExpression"]);

function operand(context: Context, node: TSESTree.Node): string {
  const text = context.sourceCode.getText(node);
  return SIMPLE.has(node.type) ? text : `(${text})`;
}

export default createRule<MessageIds, [NoDeferredResultOptions]>({
  name: "no-deferred-result",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow a Deferred as the result of an `inlineCallbacks` generator or as the value passed to `callback()`.",
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      returnValueDeferred:
        "`returnValue()` receives a Deferred: the generator's caller gets a Deferred that fires with another Deferred " +
        "instead of its result. Yield it first: `returnValue(yield d)`, or better `return yield d`.",
      returnDeferred:
        "This `inlineCallbacks` generator returns a Deferred: its caller gets a Deferred that fires with another Deferred " +
        "instead of its result. Yield it first: `return yield d`.",
      callbackWithDeferred:
        "`callback()` with a Deferred as the result is refused at run time (Twisted asserts the same). To fire this " +
        "Deferred when the other one fires, chain them: `other.chainDeferred(d)`.",
      yieldIt: "Yield the Deferred and return its result.",
      chainIt: "Replace with `other.chainDeferred(d)`.",
    },
    schema: [
      {
        type: "object",
        properties: { deferredTypes: deferredTypesSchema },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ deferredTypes: [] }],
  create(context, [options]) {
    const services = typeServices(context);
    const isDeferred = (node: TSESTree.Node) =>
      isDeferredType(services.checker, services.typeOf(node), options.deferredTypes);
    const inGenerator = (node: TSESTree.Node) => {
      const fn = enclosingFunction(node);
      return fn !== undefined && isInlineCallbacksGenerator(context, fn);
    };

    return {
      CallExpression(call) {
        const [argument] = call.arguments;
        if (!argument || argument.type === "SpreadElement") return;
        if (resolveImport(context, call.callee) === "returnValue") {
          if (!isDeferred(argument)) return;
          const statement = call.parent;
          const canRewrite = statement.type === "ExpressionStatement" && inGenerator(call);
          context.report({
            node: argument,
            messageId: "returnValueDeferred",
            suggest: canRewrite
              ? [{ messageId: "yieldIt", fix: (fixer) => fixer.replaceText(statement, `return yield ${operand(context, argument)};`) }]
              : [],
          });
          return;
        }
        const callee = skipTypeWrappers(call.callee);
        if (callee.type !== "MemberExpression" || propertyName(callee) !== "callback") return;
        if (!isDeferred(callee.object) || !isDeferred(argument)) return;
        const statement = call.parent;
        context.report({
          node: argument,
          messageId: "callbackWithDeferred",
          suggest:
            statement.type === "ExpressionStatement" && call.arguments.length === 1
              ? [
                  {
                    messageId: "chainIt",
                    fix: (fixer) =>
                      fixer.replaceText(
                        call,
                        `${operand(context, argument)}.chainDeferred(${context.sourceCode.getText(callee.object)})`,
                      ),
                  },
                ]
              : [],
        });
      },
      ReturnStatement(statement) {
        if (!statement.argument || !inGenerator(statement) || !isDeferred(statement.argument)) return;
        const argument = statement.argument;
        context.report({
          node: argument,
          messageId: "returnDeferred",
          suggest: [{ messageId: "yieldIt", fix: (fixer) => fixer.replaceText(argument, `yield ${operand(context, argument)}`) }],
        });
      },
    };
  },
});
