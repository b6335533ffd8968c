import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isInlineCallbacksGenerator } from "../util/coroutine.js";
import { resolveImport } from "../util/imports.js";

type MessageIds = "notInGenerator" | "inNestedFunction";

export default createRule<MessageIds, []>({
  name: "no-misplaced-return-value",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow `returnValue()` outside the body of a generator driven by `inlineCallbacks`.",
      requiresTypeChecking: false,
    },
    messages: {
      notInGenerator:
        "`returnValue()` here is not inside an `inlineCallbacks` generator, so nothing catches the exception it throws: " +
        "the caller sees an error instead of a result. Use `return`, or move the code into an `inlineCallbacks` generator.",
      inNestedFunction:
        "`returnValue()` inside a nested function exits that function's caller, not the `inlineCallbacks` generator around it, " +
        "and the value goes to the wrong Deferred. Return the value from the nested function and `return` it from the generator.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      CallExpression(call) {
        if (resolveImport(context, call.callee) !== "returnValue") return;
        const fn = enclosingFunction(call);
        if (fn && isInlineCallbacksGenerator(context, fn)) return;
        let outer = fn ? enclosingFunction(fn) : undefined;
        while (outer && !isInlineCallbacksGenerator(context, outer)) outer = enclosingFunction(outer);
        context.report({ node: call, messageId: outer ? "inNestedFunction" : "notInGenerator" });
      },
    };
  },
});
