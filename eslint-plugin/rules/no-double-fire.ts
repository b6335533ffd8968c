import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { dottedName, propertyName, skipTypeWrappers } from "../util/imports.js";
import { isFunction } from "../util/tags.js";

type MessageIds = "alreadyFired" | "fireInsideTry";

/** ESLint's code path segment (the part of its API this rule reads). */
interface Segment {
  id: string;
  prevSegments: Segment[];
}

type Event = { kind: "fire"; key: string; method: string; node: TSESTree.CallExpression } | { kind: "reset"; key: string };
type Fire = Extract<Event, { kind: "fire" }>;

/** What one function (one code path) recorded: its segments in order of appearance and what happened in each. */
interface PathState {
  order: Segment[];
  events: Map<string, Event[]>;
  current: Set<Segment>;
  fires: Fire[];
}

/**
 * The Deferred a `x.callback(v)` / `x.errback(e)` call fires, as the dotted text
 * of `x` (`d`, `this.result`). Calls with more than one argument are left
 * alone: they are Node-style callbacks (`cb.callback(err, value)`), not Deferreds.
 */
function firedKey(call: TSESTree.CallExpression): { key: string; method: string } | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== "MemberExpression" || call.arguments.length > 1) return undefined;
  const method = propertyName(callee);
  if (method !== "callback" && method !== "errback") return undefined;
  const key = dottedName(callee.object);
  return key === undefined ? undefined : { key, method };
}

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The `try` blocks (with a `catch`) around `node`, innermost first, up to its function. */
function enclosingTries(node: TSESTree.Node): TSESTree.TryStatement[] {
  const tries: TSESTree.TryStatement[] = [];
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type === "TryStatement" && parent.block === child && parent.handler) tries.push(parent);
  }
  return tries;
}

function union(into: Set<string>, from: Set<string> | undefined): void {
  if (from) for (const key of from) into.add(key);
}

function transfer(input: Set<string>, events: Event[]): Set<string> {
  const out = new Set(input);
  for (const event of events) {
    if (event.kind === "fire") out.add(event.key);
    else out.delete(event.key);
  }
  return out;
}

export default createRule<MessageIds, []>({
  name: "no-double-fire",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow firing the same Deferred twice on one code path.",
      requiresTypeChecking: false,
    },
    messages: {
      alreadyFired:
        "`{{key}}` may already have fired on a path that reaches this `{{method}}()`: a Deferred fires only once, and the second " +
        "call throws AlreadyCalledError. Make the calls exclusive (if/else, or return right after firing).",
      fireInsideTry:
        "`{{key}}.{{method}}()` is inside a `try` whose `catch` fires `{{key}}` again. Exceptions raised by callbacks are captured " +
        "into the chain, not thrown by `{{method}}()`, so the `catch` only runs when the call itself threw (AlreadyCalledError) — " +
        "and then firing again throws too. Compute the value in the `try` and fire after it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const stack: PathState[] = [];
    const record = (event: Event) => {
      const state = stack[stack.length - 1];
      if (!state) return;
      for (const segment of state.current) state.events.get(segment.id)!.push(event);
      if (event.kind === "fire") state.fires.push(event);
    };
    const reset = (target: TSESTree.Node) => {
      const key = dottedName(target);
      if (key !== undefined) record({ kind: "reset", key });
    };

    function analyse(state: PathState): void {
      if (state.fires.length === 0) return;
      // Forward "may have fired" analysis to a fixed point: loops make a
      // segment reachable from itself, so one pass in source order is not enough.
      const input = new Map<string, Set<string>>();
      const output = new Map<string, Set<string>>();
      let changed = true;
      while (changed) {
        changed = false;
        for (const segment of state.order) {
          const entry = new Set<string>();
          for (const previous of segment.prevSegments) union(entry, output.get(previous.id));
          const exit = transfer(entry, state.events.get(segment.id)!);
          if (exit.size !== (output.get(segment.id)?.size ?? -1) || ![...exit].every((key) => output.get(segment.id)!.has(key))) {
            changed = true;
          }
          input.set(segment.id, entry);
          output.set(segment.id, exit);
        }
      }

      const excused = new Set<TSESTree.Node>();
      const reported = new Set<TSESTree.Node>();
      for (const fire of state.fires) {
        for (const tryStatement of enclosingTries(fire.node)) {
          const again = state.fires.some((other) => other.key === fire.key && within(other.node, tryStatement.handler!));
          if (!again) continue;
          for (const other of state.fires) if (other.key === fire.key && within(other.node, tryStatement.handler!)) excused.add(other.node);
          if (!reported.has(fire.node)) {
            reported.add(fire.node);
            context.report({ node: fire.node, messageId: "fireInsideTry", data: { key: fire.key, method: fire.method } });
          }
        }
      }
      for (const segment of state.order) {
        const fired = new Set(input.get(segment.id));
        for (const event of state.events.get(segment.id)!) {
          if (event.kind === "reset") {
            fired.delete(event.key);
            continue;
          }
          if (fired.has(event.key) && !excused.has(event.node) && !reported.has(event.node)) {
            reported.add(event.node);
            context.report({ node: event.node, messageId: "alreadyFired", data: { key: event.key, method: event.method } });
          }
          fired.add(event.key);
        }
      }
    }

    const listeners = {
      onCodePathStart() {
        stack.push({ order: [], events: new Map(), current: new Set(), fires: [] });
      },
      onCodePathEnd() {
        analyse(stack.pop()!);
      },
      onCodePathSegmentStart(segment: Segment) {
        const state = stack[stack.length - 1];
        state.order.push(segment);
        state.events.set(segment.id, []);
        state.current.add(segment);
      },
      onCodePathSegmentEnd(segment: Segment) {
        stack[stack.length - 1].current.delete(segment);
      },
      "CallExpression:exit"(call: TSESTree.CallExpression) {
        const fired = firedKey(call);
        if (fired) record({ kind: "fire", ...fired, node: call });
      },
      "AssignmentExpression:exit"(node: TSESTree.AssignmentExpression) {
        reset(node.left);
      },
      "VariableDeclarator:exit"(node: TSESTree.VariableDeclarator) {
        reset(node.id);
      },
    };
    return listeners as TSESLint.RuleListener;
  },
});
