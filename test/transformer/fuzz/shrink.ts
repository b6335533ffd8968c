/**
 * Greedy shrinking of a failing fuzz case: repeatedly applies the first one-step
 * reduction that still fails — delete a statement, replace a compound statement by
 * the statements of one of its blocks, replace an expression by `1` — until none does.
 * A reduction that no longer parses (e.g. a `break L` left without its loop) simply
 * does not fail the same way and is skipped.
 */
import type { Gen } from "./generator.js";

/** Every tree one reduction step away from `g`, most aggressive first. */
export function reductions(g: Gen): Gen[] {
  if (g.k === "leaf") return [];
  if (g.k === "list") {
    const out: Gen[] = [];
    for (let i = 0; i < g.items.length; i++) out.push({ k: "list", items: [...g.items.slice(0, i), ...g.items.slice(i + 1)] });
    for (let i = 0; i < g.items.length; i++) {
      const item = g.items[i]!;
      if (item.k === "node") {
        for (const kid of item.kids) {
          if (kid.k === "list") out.push({ k: "list", items: [...g.items.slice(0, i), ...kid.items, ...g.items.slice(i + 1)] });
        }
      }
      for (const r of reductions(item)) out.push({ k: "list", items: [...g.items.slice(0, i), r, ...g.items.slice(i + 1)] });
    }
    return out;
  }
  const out: Gen[] = [];
  if (g.expr) out.push({ k: "leaf", text: "1" });
  for (let i = 0; i < g.kids.length; i++) {
    for (const r of reductions(g.kids[i]!)) out.push({ ...g, kids: [...g.kids.slice(0, i), r, ...g.kids.slice(i + 1)] });
  }
  return out;
}

/**
 * Shrinks `g` while `fails` holds, trying at most `budget` candidates.
 * @returns the smallest failing tree found.
 */
export async function shrink(g: Gen, fails: (g: Gen) => Promise<boolean>, budget = 2000): Promise<Gen> {
  let current = g;
  let tried = 0;
  for (let progress = true; progress && tried < budget; ) {
    progress = false;
    for (const candidate of reductions(current)) {
      if (++tried > budget) break;
      if (await fails(candidate)) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return current;
}
