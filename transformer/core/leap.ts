/**
 * Jump targets of the split (exploded) parts of a coroutine: loops, switches,
 * labeled statements, try statements and for-of iterators, innermost last.
 * `break`, `continue`, `return` and `throw` walk this stack outwards to find
 * their target and everything they cross on the way (a `finally` to run first,
 * an iterator to close).
 */
import type * as ts from "typescript";

/** A state number that is known only once the emitter reaches it (see Emitter.mark). */
export class Loc {
  value = -1;
  /** Literals created before the value was known; patched by Emitter.finish. */
  readonly uses: ts.NumericLiteral[] = [];
}

/** A finally block with its completion record (two frame fields). */
export interface FinallyInfo {
  readonly loc: Loc;
  /** Frame field holding the completion kind (see Completion). */
  readonly kindField: string;
  /** Frame field holding the thrown value, the returned value or the jump target. */
  readonly valueField: string;
  /** A return crossed this finally (the dispatch at its end needs a return branch). */
  returns: boolean;
  /** break/continue targets that crossed this finally, resumed at its end. */
  readonly jumps: { loc: Loc; entry: Entry }[];
}

/** Completion kinds stored in a finally's kind field. */
export const Completion = { normal: 0, throw: 1, return: 2, jump: 3 } as const;

export type Entry =
  | { kind: "loop"; labels: string[]; breakLoc: Loc; continueLoc: Loc }
  | { kind: "switch"; labels: string[]; breakLoc: Loc }
  | { kind: "label"; labels: string[]; breakLoc: Loc }
  | { kind: "try"; region: "try" | "catch" | "finally"; catchLoc?: Loc; fin?: FinallyInfo }
  | { kind: "iter"; iterField: string; exitLoc: Loc };

/** The stack itself; the Emitter owns one. */
export class LeapStack {
  readonly entries: Entry[] = [];

  push(e: Entry): void {
    this.entries.push(e);
  }

  pop(e: Entry): void {
    const top = this.entries.pop();
    if (top !== e) throw new Error("deferred-coroutine: unbalanced leap stack (compiler bug)");
  }

  /** The entry a `break` (label or innermost loop/switch) leaves, and its index. */
  breakTarget(label: string | undefined): { entry: Entry; index: number; loc: Loc } | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.kind === "try" || e.kind === "iter") continue;
      if (label === undefined ? e.kind !== "label" : e.labels.includes(label)) return { entry: e, index: i, loc: e.breakLoc };
    }
    return undefined;
  }

  /** The loop a `continue` goes to, and its index. */
  continueTarget(label: string | undefined): { entry: Entry; index: number; loc: Loc } | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.kind !== "loop") continue;
      if (label === undefined || e.labels.includes(label)) return { entry: e, index: i, loc: e.continueLoc };
    }
    return undefined;
  }

  /** Entries from the innermost down to (excluding) `index`: what an abrupt exit crosses. */
  crossed(index: number): Entry[] {
    return this.entries.slice(index + 1).reverse();
  }

  /** True when leaving to `index` runs a finally or closes an iterator. */
  needsCleanup(index: number): boolean {
    return this.crossed(index).some((e) => e.kind === "iter" || (e.kind === "try" && e.fin !== undefined && e.region !== "finally"));
  }
}
