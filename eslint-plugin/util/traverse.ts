import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { isFunction } from "./tags.js";

/**
 * True when `predicate` holds for `root` or a node below it, not looking into
 * nested functions (their `throw`, `await` and `return` belong to them).
 */
export function someInFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  predicate: (node: TSESTree.Node) => boolean,
): boolean {
  const keys = sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
  const pending: TSESTree.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (predicate(node)) return true;
    if (node !== root && isFunction(node)) continue;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item === "object" && "type" in item) pending.push(item as TSESTree.Node);
      } else if (child && typeof child === "object" && "type" in child) {
        pending.push(child as TSESTree.Node);
      }
    }
  }
  return false;
}
