import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isCoroutineFunction } from "../util/coroutine.js";
import { importNames } from "../util/fixes.js";
import { calleeName, propertyName, resolveImport, skipTypeWrappers } from "../util/imports.js";
import { isFunction, type FunctionNode } from "../util/tags.js";
import { someInFunction } from "../util/traverse.js";

type MessageIds = "catchSwallows" | "errbackSwallows" | "rethrowCancelled" | "passCancelled";
type Context = Readonly<TSESLint.RuleContext<MessageIds, []>>;

/** Calls on a Failure that re-raise what they do not handle. */
const RERAISING = new Set(["trap", "raiseException"]);

function mentionsCancelledError(context: Context, node: TSESTree.Node): boolean {
  return (
    (node.type === "Identifier" || node.type === "MemberExpression") && resolveImport(context, node) === "CancelledError"
  );
}

/** True when `body` rethrows or names CancelledError: the handler then lets cancellation through (or decides about it). */
function handlesCancellation(context: Context, body: TSESTree.Node): boolean {
  return someInFunction(context.sourceCode, body, (node) => {
    if (node.type === "ThrowStatement" || mentionsCancelledError(context, node)) return true;
    return node.type === "CallExpression" && RERAISING.has(calleeName(skipTypeWrappers(node.callee)) ?? "");
  });
}

/** True when the errback hands its Failure on: `return f` (or `f => f`), which keeps the chain failing. */
function returnsFailure(context: Context, fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (param?.type !== "Identifier") return false;
  const isParam = (node: TSESTree.Node | null | undefined) => node?.type === "Identifier" && node.name === param.name;
  if (fn.body.type !== "BlockStatement") return isParam(fn.body);
  return someInFunction(context.sourceCode, fn.body, (node) => node.type === "ReturnStatement" && isParam(node.argument));
}

export default createRule<MessageIds, []>({
  name: "no-swallowed-cancellation",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow catch-all handlers in coroutines and errbacks that swallow `CancelledError`.",
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      catchSwallows:
        "This `catch` around an await/yield catches everything, including the CancelledError that `cancel()` and timeouts " +
        "deliver there, so the coroutine carries on after being cancelled. Rethrow CancelledError: " +
        "`if (e instanceof CancelledError) throw e;`.",
      errbackSwallows:
        "This errback handles every Failure and does not pass it on, so it also swallows CancelledError: `cancel()` and " +
        "timeouts stop the chain from failing. Trap the errors you expect (`f.trap(SomeError)`), or return the Failure " +
        "when it is a CancelledError.",
      rethrowCancelled: "Rethrow CancelledError first.",
      passCancelled: "Pass CancelledError on first.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    function catchSuggestion(handler: TSESTree.CatchClause): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const param = handler.param;
      if (param && param.type !== "Identifier") return [];
      return [
        {
          messageId: "rethrowCancelled",
          fix(fixer) {
            const { names, fix } = importNames(context, fixer, ["CancelledError"]);
            const name = param?.name ?? "error";
            const brace = context.sourceCode.getFirstToken(handler.body)!;
            const fixes = [fixer.insertTextAfter(brace, ` if (${name} instanceof ${names.CancelledError}) throw ${name};`)];
            if (!param) fixes.push(fixer.insertTextAfter(context.sourceCode.getFirstToken(handler)!, ` (${name})`));
            if (fix) fixes.push(fix);
            return fixes;
          },
        },
      ];
    }

    function errbackSuggestion(fn: FunctionNode): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const param = fn.params[0];
      if (fn.params.length > 1 || (param && param.type !== "Identifier")) return [];
      return [
        {
          messageId: "passCancelled",
          fix(fixer) {
            const { names, fix } = importNames(context, fixer, ["CancelledError"]);
            const name = param?.type === "Identifier" ? param.name : "failure";
            const guard = `if (${name}.check(${names.CancelledError})) return ${name};`;
            const fixes: TSESLint.RuleFix[] = [];
            if (!param) {
              const open = context.sourceCode.getFirstToken(fn, { filter: (token) => token.value === "(" })!;
              fixes.push(fixer.insertTextAfter(open, name));
            }
            if (fn.body.type === "BlockStatement") {
              fixes.push(fixer.insertTextAfter(context.sourceCode.getFirstToken(fn.body)!, ` ${guard}`));
            } else {
              fixes.push(fixer.replaceText(fn.body, `{ ${guard} return ${context.sourceCode.getText(fn.body)}; }`));
            }
            if (fix) fixes.push(fix);
            return fixes;
          },
        },
      ];
    }

    return {
      "CatchClause:exit"(handler: TSESTree.CatchClause) {
        const tryStatement = handler.parent;
        const fn = enclosingFunction(tryStatement);
        if (!fn || !isCoroutineFunction(context, fn)) return;
        const suspends = someInFunction(
          context.sourceCode,
          tryStatement.block,
          (node) => node.type === "AwaitExpression" || node.type === "YieldExpression",
        );
        if (!suspends || handlesCancellation(context, handler.body)) return;
        context.report({ node: handler, messageId: "catchSwallows", suggest: catchSuggestion(handler) });
      },
      CallExpression(call) {
        const callee = skipTypeWrappers(call.callee);
        if (callee.type !== "MemberExpression") return;
        const method = propertyName(callee);
        const index = method === "addErrback" || method === "addBoth" ? 0 : method === "addCallbacks" ? 1 : -1;
        if (index < 0) return;
        const errback = call.arguments[index] ? skipTypeWrappers(call.arguments[index]) : undefined;
        if (!isFunction(errback)) return;
        if (handlesCancellation(context, errback.body) || returnsFailure(context, errback)) return;
        context.report({
          node: errback,
          messageId: "errbackSwallows",
          suggest: method === "addBoth" ? [] : errbackSuggestion(errback),
        });
      },
    };
  },
});
