import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { isCoroutineFunction } from "../util/coroutine.js";
import { importNames } from "../util/fixes.js";
import {
  dottedName,
  findVariable,
  isGlobalReference,
  propertyName,
  resolveImport,
  skipTypeWrappers,
} from "../util/imports.js";
import { isFunction } from "../util/tags.js";
import { isThenableType, isUnknownType, returnsThenable, typeServices, type TypeServices } from "../util/types.js";

/** A user scheduler: calls named `name` (function or method) whose argument `argument` (0-based) is a callback. */
export interface SchedulerSpecifier {
  name: string;
  argument: number;
}

export interface NoCoroutineCallbackOptions {
  /** Also use types: any callee whose type returns a thenable counts as a coroutine. Needs type information. */
  checkTypes?: boolean;
  /** More functions or methods that call a callback and drop its result, e.g. `{ name: "callSoon", argument: 0 }`. */
  schedulers?: SchedulerSpecifier[];
  /** Names (or dotted names such as `api.fetchUser`) of the user's functions that return a Deferred or Promise. */
  coroutines?: string[];
}

type MessageIds = "coroutinePassed" | "calledCoroutinePassed" | "wrapInHandler";

/** `deferred-coroutine` exports that return a Deferred when called. */
const DEFERRED_RETURNING = new Set([
  "succeed",
  "fail",
  "maybeDeferred",
  "execute",
  "ensureDeferred",
  "deferLater",
  "gatherResults",
  "race",
]);

const TIMER_GLOBALS = new Set(["setTimeout", "setInterval", "setImmediate", "queueMicrotask"]);
const PASSES_FROM: Record<string, number> = { setTimeout: 2, setInterval: 2, setImmediate: 1, queueMicrotask: Infinity };

interface Scheduler {
  label: string;
  argument: number;
  /** index of the first argument the scheduler passes on to the callback (Infinity: none) */
  passesFrom: number;
}

interface Finding {
  kind: "function" | "called";
  name: string;
}

type Context = Readonly<TSESLint.RuleContext<MessageIds, [NoCoroutineCallbackOptions]>>;

function describe(node: TSESTree.Node, context: Context): string {
  const name = dottedName(node);
  if (name !== undefined) return `\`${name}\``;
  if (node.type === "CallExpression") {
    const callee = dottedName(node.callee);
    return callee !== undefined ? `\`${callee}(…)\`` : "this call";
  }
  const text = context.sourceCode.getText(node);
  return text.length <= 30 ? `\`${text}\`` : "this function";
}

/** Which argument of `call` the scheduler it calls will invoke later, if `call` is a scheduling call. */
function schedulerOf(context: Context, call: TSESTree.CallExpression, options: Required<NoCoroutineCallbackOptions>): Scheduler | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === "Identifier") {
    if (TIMER_GLOBALS.has(callee.name) && isGlobalReference(context, callee)) return { label: callee.name, argument: 0, passesFrom: PASSES_FROM[callee.name] };
  } else if (callee.type === "MemberExpression") {
    const method = propertyName(callee);
    const object = callee.object;
    if (method === "callLater") return { label: "callLater", argument: 1, passesFrom: 2 };
    if (method === "callWhenRunning") return { label: "callWhenRunning", argument: 0, passesFrom: 1 };
    if (method === "addSystemEventTrigger") {
      // Twisted waits for a Deferred returned by a "before" trigger; "during" and "after" drop it.
      const phase = call.arguments[0];
      if (phase?.type === "Literal" && (phase.value === "during" || phase.value === "after")) {
        return { label: `addSystemEventTrigger("${phase.value}", …)`, argument: 2, passesFrom: 3 };
      }
      return undefined;
    }
    if (
      method === "nextTick" &&
      object.type === "Identifier" &&
      object.name === "process" &&
      isGlobalReference(context, object)
    ) {
      return { label: "process.nextTick", argument: 0, passesFrom: 1 };
    }
    if (
      method !== undefined &&
      TIMER_GLOBALS.has(method) &&
      object.type === "Identifier" &&
      (object.name === "globalThis" || object.name === "window") &&
      isGlobalReference(context, object)
    ) {
      return { label: method, argument: 0, passesFrom: PASSES_FROM[method] };
    }
  }
  const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? propertyName(callee) : undefined;
  const custom = options.schedulers.find((scheduler) => scheduler.name === name);
  return custom ? { label: custom.name, argument: custom.argument, passesFrom: custom.argument + 1 } : undefined;
}

function isUserCoroutineName(node: TSESTree.Node, options: Required<NoCoroutineCallbackOptions>): boolean {
  const dotted = dottedName(node);
  if (dotted === undefined) return false;
  const last = dotted.slice(dotted.lastIndexOf(".") + 1);
  return options.coroutines.some((name) => name === dotted || (!name.includes(".") && name === last));
}

/** The method or field `name` of the class around `node`, if it is a coroutine function. */
function classMemberIsCoroutine(context: Context, node: TSESTree.Node, key: TSESTree.Node): boolean {
  let body: TSESTree.Node | undefined = node.parent;
  while (body && body.type !== "ClassBody") body = body.parent;
  if (!body) return false;
  const wanted = key.type === "Identifier" || key.type === "PrivateIdentifier" ? key : undefined;
  if (!wanted) return false;
  return body.body.some((member) => {
    if (member.type !== "MethodDefinition" && member.type !== "PropertyDefinition") return false;
    if (member.computed || member.key.type !== wanted.type || (member.key as TSESTree.Identifier).name !== wanted.name) {
      return false;
    }
    const value = member.value ? skipTypeWrappers(member.value) : undefined;
    return isFunction(value) && isCoroutineFunction(context, value);
  });
}

/** True when calling what `node` refers to starts a coroutine, judged from the file's syntax alone. */
function refersToCoroutine(context: Context, node: TSESTree.Node, options: Required<NoCoroutineCallbackOptions>): boolean {
  if (isUserCoroutineName(node, options)) return true;
  const imported = resolveImport(context, node);
  if (imported !== undefined) return DEFERRED_RETURNING.has(imported);
  if (node.type === "Identifier") {
    const definition = findVariable(context, node, node.name)?.defs[0];
    if (definition?.type === "FunctionName") {
      return isFunction(definition.node) && isCoroutineFunction(context, definition.node);
    }
    if (definition?.type === "Variable" && definition.node.init) return producesCoroutine(context, definition.node.init);
    return false;
  }
  if (node.type === "MemberExpression" && node.object.type === "ThisExpression" && !node.computed) {
    return classMemberIsCoroutine(context, node, node.property);
  }
  return false;
}

/** True when the value of `expression` is a coroutine function. */
function producesCoroutine(context: Context, expression: TSESTree.Node): boolean {
  const node = skipTypeWrappers(expression);
  if (isFunction(node)) return isCoroutineFunction(context, node);
  if (node.type === "CallExpression") {
    const wrapper = resolveImport(context, node.callee);
    if (wrapper === "inlineCallbacks" || wrapper === "deferredCoroutine") return true;
    // `this.fetch.bind(this)` is still the coroutine.
    const callee = skipTypeWrappers(node.callee);
    if (callee.type === "MemberExpression" && propertyName(callee) === "bind") {
      return refersToCoroutine(context, skipTypeWrappers(callee.object), { checkTypes: false, schedulers: [], coroutines: [] });
    }
  }
  return false;
}

function syntacticFinding(context: Context, argument: TSESTree.Node, options: Required<NoCoroutineCallbackOptions>): Finding | undefined {
  const node = skipTypeWrappers(argument);
  if (producesCoroutine(context, node) || ((node.type === "Identifier" || node.type === "MemberExpression") && refersToCoroutine(context, node, options))) {
    return { kind: "function", name: describe(node, context) };
  }
  if (node.type === "CallExpression" && refersToCoroutine(context, skipTypeWrappers(node.callee), options)) {
    return { kind: "called", name: describe(node, context) };
  }
  if (node.type === "CallExpression" && producesCoroutine(context, node.callee)) {
    return { kind: "called", name: describe(node, context) };
  }
  return undefined;
}

function typedFinding(services: TypeServices, context: Context, argument: TSESTree.Node): Finding | undefined {
  const type = services.typeOf(argument);
  if (isUnknownType(type)) return undefined;
  if (returnsThenable(services.checker, type)) return { kind: "function", name: describe(skipTypeWrappers(argument), context) };
  if (type.getCallSignatures().length === 0 && isThenableType(services.checker, type)) {
    return { kind: "called", name: describe(skipTypeWrappers(argument), context) };
  }
  return undefined;
}

/** The text that starts the coroutine once: `fn()` for a function, the call itself when already called. */
function startText(context: Context, argument: TSESTree.Node, finding: Finding): string {
  const text = context.sourceCode.getText(argument);
  if (finding.kind === "called") return text;
  const node = skipTypeWrappers(argument);
  const simple = node === argument && (node.type === "Identifier" || node.type === "MemberExpression");
  return simple ? `${text}()` : `(${text})()`;
}

export default createRule<MessageIds, [NoCoroutineCallbackOptions]>({
  name: "no-coroutine-callback",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow passing a coroutine to a scheduler that drops the Deferred or Promise it returns.",
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      coroutinePassed:
        "{{name}} is a coroutine: {{scheduler}} calls it and drops the Deferred or Promise it returns, so its errors are never " +
        "reported and nothing waits for it. Pass a function that starts it and handles the result, or use deferLater(clock, delay, fn).",
      calledCoroutinePassed:
        "{{name}} starts the coroutine now and passes its Deferred or Promise to {{scheduler}}, which expects a function. " +
        "Pass a function that starts the coroutine and handles its result.",
      wrapInHandler: "Wrap it: `() => { ensureDeferred(…).addErrback(logError); }`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          checkTypes: {
            type: "boolean",
            description: "Also treat any callee whose type returns a thenable as a coroutine (needs type information).",
          },
          schedulers: {
            type: "array",
            description: "More functions or methods that call a callback and drop its result.",
            items: {
              type: "object",
              properties: {
                name: { type: "string" },
                argument: { type: "integer", minimum: 0 },
              },
              required: ["name", "argument"],
              additionalProperties: false,
            },
          },
          coroutines: {
            type: "array",
            description: "Names or dotted names of functions that return a Deferred or Promise.",
            items: { type: "string" },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ checkTypes: false, schedulers: [], coroutines: [] }],
  create(context, [options]) {
    const services = options.checkTypes ? typeServices(context) : undefined;
    return {
      CallExpression(call) {
        const scheduler = schedulerOf(context, call, options);
        if (!scheduler) return;
        const argument = call.arguments[scheduler.argument];
        if (!argument || argument.type === "SpreadElement") return;
        const finding =
          syntacticFinding(context, argument, options) ?? (services ? typedFinding(services, context, argument) : undefined);
        if (!finding) return;
        // Arguments passed on to the callback are evaluated now; a wrapper would evaluate them later.
        const canWrap = call.arguments.length <= scheduler.passesFrom;
        context.report({
          node: argument,
          messageId: finding.kind === "function" ? "coroutinePassed" : "calledCoroutinePassed",
          data: { name: finding.name, scheduler: scheduler.label },
          suggest: canWrap
            ? [
                {
                  messageId: "wrapInHandler",
                  fix(fixer) {
                    const { names, fix } = importNames(context, fixer, ["ensureDeferred", "logError"]);
                    const start = startText(context, argument, finding);
                    const wrapped = `() => { ${names.ensureDeferred}(${start}).addErrback(${names.logError}); }`;
                    return fix ? [fix, fixer.replaceText(argument, wrapped)] : fixer.replaceText(argument, wrapped);
                  },
                },
              ]
            : [],
        });
      },
    };
  },
});
