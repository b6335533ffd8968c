import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isInlineCallbacksGenerator } from "../util/coroutine.js";
import { importNames } from "../util/fixes.js";
import { propertyName, skipTypeWrappers } from "../util/imports.js";
import { deferredTypesSchema, isDeferredType, typeServices, type DeferredTypeSpecifier } from "../util/types.js";

export interface NoFloatingDeferredOptions {
  /** More types that count as a Deferred. */
  deferredTypes?: DeferredTypeSpecifier[];
  /** Accept `void d` as an explicit "I do not care about this Deferred". */
  ignoreVoid?: boolean;
}

type MessageIds = "floating" | "errbackMissesCallback" | "addAwait" | "addYield" | "addErrback" | "addVoid";
type Context = Readonly<TSESLint.RuleContext<MessageIds, [NoFloatingDeferredOptions]>>;

const SIMPLE = new Set(["CallExpression", "MemberExpression", "Identifier", "NewExpression", "ThisExpression"]);

function operand(context: Context, node: TSESTree.Node): string {
  const text = context.sourceCode.getText(node);
  return SIMPLE.has(node.type) ? text : `(${text})`;
}

/** Last links that handle the outcome: an errback sees failures; `chainDeferred` hands the result to another Deferred. */
const HANDLED = new Set(["addErrback", "addBoth", "chainDeferred"]);

/** Methods that add to a Deferred's chain and return that same Deferred. */
const CHAIN_LINKS = new Set(["addCallback", "addErrback", "addBoth", "addCallbacks", "addTimeout"]);

/**
 * True when the chain starts from a Deferred that is held elsewhere (`d`, `this.d`):
 * `d.addCallback(f);` adds to a Deferred that its owner still awaits or returns, the
 * everyday Twisted idiom, so only chains on a fresh Deferred (a call, `new`) float.
 */
function isStored(base: TSESTree.Node): boolean {
  return base.type === "Identifier" || base.type === "MemberExpression" || base.type === "ThisExpression";
}

/** True when `node` is `null` or `undefined`, which leaves `addCallbacks` without an errback. */
function isNothing(node: TSESTree.Node | undefined): boolean {
  return (
    node === undefined ||
    (node.type === "Literal" && node.value === null) ||
    (node.type === "Identifier" && node.name === "undefined")
  );
}

export default createRule<MessageIds, [NoFloatingDeferredOptions]>({
  name: "no-floating-deferred",
  meta: {
    type: "problem",
    docs: {
      description: "Require every Deferred to be awaited, yielded, returned, stored, or to end its chain with an errback.",
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      floating:
        "This Deferred is dropped: if it fails, the error only shows up as \"Unhandled error in Deferred\" when it is garbage " +
        "collected, or never. Await or yield it, return or store it, or end the chain with `.addErrback(…)`.",
      errbackMissesCallback:
        "The chain ends in `addCallbacks(cb, eb)`: `eb` does not see exceptions raised by `cb`, so those are unhandled. " +
        "Add `.addErrback(…)` after it, or use `addCallback(cb).addErrback(eb)`.",
      addAwait: "Await it.",
      addYield: "Yield it to the inlineCallbacks generator.",
      addErrback: "Append `.addErrback(logError)`.",
      addVoid: "Mark it as deliberately ignored with `void`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          deferredTypes: deferredTypesSchema,
          ignoreVoid: { type: "boolean", description: "Accept `void d`." },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ deferredTypes: [], ignoreVoid: true }],
  create(context, [options]) {
    const services = typeServices(context);

    function check(expression: TSESTree.Node): void {
      const node = skipTypeWrappers(expression);
      switch (node.type) {
        case "UnaryExpression":
          if (node.operator === "void" && !options.ignoreVoid) check(node.argument);
          return;
        case "SequenceExpression":
          node.expressions.forEach(check);
          return;
        case "ConditionalExpression":
          check(node.consequent);
          check(node.alternate);
          return;
        case "LogicalExpression":
          check(node.right);
          return;
        case "AssignmentExpression":
        case "AwaitExpression":
        case "YieldExpression":
          return;
      }
      if (!isDeferredType(services.checker, services.typeOf(node), options.deferredTypes)) return;
      let messageId: MessageIds = "floating";
      if (node.type === "CallExpression" && node.callee.type === "MemberExpression") {
        const method = propertyName(node.callee);
        if (method !== undefined && HANDLED.has(method)) return;
        if (method === "addCallbacks" && !isNothing(node.arguments[1])) messageId = "errbackMissesCallback";
      }
      if (isStored(chainBase(node))) return;
      report(node, messageId);
    }

    /**
     * The Deferred a chain of links starts from: `fetchUser(id)` in
     * `fetchUser(id).addCallback(f).addTimeout(5, clock)`. A link is a chaining
     * method (which returns its receiver, as in Twisted) or any method whose type
     * is its receiver's (`this`-returning methods).
     */
    function chainBase(start: TSESTree.Node): TSESTree.Node {
      let node = skipTypeWrappers(start);
      while (node.type === "CallExpression" && node.callee.type === "MemberExpression") {
        const receiver = skipTypeWrappers(node.callee.object);
        const method = propertyName(node.callee);
        const link =
          (method !== undefined && CHAIN_LINKS.has(method)) || services.typeOf(node) === services.typeOf(receiver);
        if (!link) break;
        node = receiver;
      }
      return node;
    }

    function report(node: TSESTree.Node, messageId: MessageIds): void {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const fn = enclosingFunction(node);
      if (messageId === "floating" && fn?.async) {
        suggest.push({ messageId: "addAwait", fix: (fixer) => fixer.replaceText(node, `await ${operand(context, node)}`) });
      } else if (messageId === "floating" && fn && isInlineCallbacksGenerator(context, fn)) {
        suggest.push({ messageId: "addYield", fix: (fixer) => fixer.replaceText(node, `yield ${operand(context, node)}`) });
      }
      suggest.push({
        messageId: "addErrback",
        fix(fixer) {
          const { names, fix } = importNames(context, fixer, ["logError"]);
          const replaced = fixer.replaceText(node, `${operand(context, node)}.addErrback(${names.logError})`);
          return fix ? [fix, replaced] : replaced;
        },
      });
      if (messageId === "floating") {
        suggest.push({ messageId: "addVoid", fix: (fixer) => fixer.replaceText(node, `void ${operand(context, node)}`) });
      }
      context.report({ node, messageId, suggest });
    }

    return {
      ExpressionStatement(statement) {
        if (statement.directive === undefined) check(statement.expression);
      },
    };
  },
});
