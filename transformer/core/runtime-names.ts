import type * as ts from "typescript";

/**
 * The runtime names that compiled coroutines call (docs/internals.md, "The names
 * compiled code uses"). The transform reads each name once per file into a
 * module constant (see {@link RuntimeTable}), `coSite` straight from the
 * runtime namespace; it never imports runtime code. A test checks that
 * runtime/index.ts exports every name listed here.
 */
export const runtimeNames = {
  Deferred: "Deferred",
  Failure: "Failure",
  coSite: "coSite",
  coCaught: "coCaught",
  coSuspend: "coSuspend",
  coThenable: "coThenable",
  coReturn: "coReturn",
  coThrow: "coThrow",
} as const;

/**
 * The module constants through which a compiled file reaches the runtime names
 * (all but `coSite`, read once per coroutine): `const $Deferred = $dc.Deferred, …`.
 */
export type RuntimeTable = Record<Exclude<keyof typeof runtimeNames, "coSite">, ts.Identifier>;

/** Frame fields the runtime reads or writes (compiled code names its own fields around them). */
export const frameFields = ["state", "step", "site", "d", "waitingOn", "ctx"] as const;
