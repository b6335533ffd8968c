import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isCoroutineFunction } from "../util/coroutine.js";
import { calleeName, resolveImport, skipTypeWrappers } from "../util/imports.js";
import { isFunction } from "../util/tags.js";

export interface NoBusyWaitOptions {
  /** Names of functions that only wait (a plain name matches any call of that name). `deferLater` without a callable always counts. */
  sleepFunctions?: string[];
}

type MessageIds = "busyWait";
type Context = Readonly<TSESLint.RuleContext<MessageIds, [NoBusyWaitOptions]>>;
type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/** `new Promise((resolve) => setTimeout(resolve, ms))` */
function isTimeoutPromise(node: TSESTree.Node): boolean {
  if (node.type !== "NewExpression" || node.callee.type !== "Identifier" || node.callee.name !== "Promise") return false;
  const executor = node.arguments[0];
  if (!isFunction(executor) || executor.params[0]?.type !== "Identifier") return false;
  const resolve = executor.params[0].name;
  let body: TSESTree.Node = executor.body;
  if (body.type === "BlockStatement") {
    if (body.body.length !== 1 || body.body[0].type !== "ExpressionStatement") return false;
    body = body.body[0].expression;
  }
  return (
    body.type === "CallExpression" &&
    body.callee.type === "Identifier" &&
    body.callee.name === "setTimeout" &&
    body.arguments[0]?.type === "Identifier" &&
    body.arguments[0].name === resolve
  );
}

/** True when `statement` is `await sleep(t)` / `yield deferLater(clock, t)`: it waits and does nothing else. */
function isSleep(context: Context, statement: TSESTree.Statement, options: Required<NoBusyWaitOptions>): boolean {
  if (statement.type !== "ExpressionStatement") return false;
  const wrapper = statement.expression;
  if (!(wrapper.type === "AwaitExpression" || (wrapper.type === "YieldExpression" && !wrapper.delegate)) || !wrapper.argument) {
    return false;
  }
  const waited = skipTypeWrappers(wrapper.argument);
  if (isTimeoutPromise(waited)) return true;
  if (waited.type !== "CallExpression") return false;
  if (resolveImport(context, waited.callee) === "deferLater") return waited.arguments.length <= 2;
  const name = calleeName(skipTypeWrappers(waited.callee));
  return name !== undefined && options.sleepFunctions.includes(name);
}

function isExit(statement: TSESTree.Statement): boolean {
  if (statement.type === "BreakStatement" || statement.type === "ReturnStatement") return true;
  return statement.type === "BlockStatement" && statement.body.length === 1 && isExit(statement.body[0]);
}

/** True when `statement` is `if (cond) break;` (or `return`): the check of a polling loop. */
function isExitCheck(statement: TSESTree.Statement): boolean {
  return statement.type === "IfStatement" && !statement.alternate && isExit(statement.consequent);
}

export default createRule<MessageIds, [NoBusyWaitOptions]>({
  name: "no-busy-wait",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow polling loops that only sleep until a condition becomes true.",
      requiresTypeChecking: false,
    },
    messages: {
      busyWait:
        "This loop polls: it sleeps and re-checks a condition, so it reacts late and wakes up for nothing. Wait for the event " +
        "itself: have the code that changes the condition fire a Deferred (or resolve a Promise) and await or yield that.",
    },
    schema: [
      {
        type: "object",
        properties: {
          sleepFunctions: {
            type: "array",
            description: "Functions that only wait.",
            items: { type: "string" },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ sleepFunctions: ["sleep", "delay"] }],
  create(context, [options]) {
    function check(loop: Loop): void {
      const statements = loop.body.type === "BlockStatement" ? loop.body.body : [loop.body];
      let sleeps = 0;
      for (const statement of statements) {
        if (isSleep(context, statement, options)) sleeps++;
        else if (!isExitCheck(statement)) return;
      }
      if (sleeps === 0) return;
      const fn = enclosingFunction(loop);
      if (!fn || !isCoroutineFunction(context, fn)) return;
      context.report({ node: loop, messageId: "busyWait" });
    }
    return { WhileStatement: check, DoWhileStatement: check, ForStatement: check };
  },
});
