/**
 * Random Deferred programs for the differential fuzz test: a few Deferreds
 * (some with cancellers), then a sequence of operations — add stages whose
 * actions return values, raise, return other Deferreds (chaining), fire or
 * cancel other Deferreds from inside a callback — fire, pause, unpause,
 * cancel, chainDeferred. The same JSON program runs on Twisted
 * (twisted-chains.py) and on our runtime (runProgram), each producing a trace.
 *
 * Programs avoid the places where Twisted 22.4 and current Twisted (or our
 * documented choices) differ: no `callback(aDeferred)`, no generators.
 */
import { AlreadyCalledError, Deferred, Failure } from "../../../runtime/index.js";

export type Action =
  | ["ret", number]
  | ["raise", string]
  | ["retd", number]
  | ["retfail", string]
  | ["fire", number, number]
  | ["cancel", number]
  | ["unpause", number]
  | ["pass"];

export type Op =
  | ["add", number, "cb" | "eb" | "both", Action, number]
  | ["callback", number, number]
  | ["errback", number, string]
  | ["pause", number]
  | ["unpause", number]
  | ["cancel", number]
  | ["chain", number, number];

export interface Program {
  cancellers: (null | "noop" | "cb" | "eb" | "raise")[];
  ops: Op[];
}

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateProgram(random: () => number): Program {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const n = 2 + Math.floor(random() * 4);
  const idx = (): number => Math.floor(random() * n);
  const cancellers = Array.from({ length: n }, () => pick([null, null, "noop", "cb", "eb", "raise"] as const));
  const ops: Op[] = [];
  let stage = 0;
  const count = 4 + Math.floor(random() * 16);
  for (let k = 0; k < count; k++) {
    const r = random();
    if (r < 0.5) {
      const a = random();
      const target = idx();
      // A stage on Deferred i only returns Deferreds of higher index: waiting
      // never forms a cycle (a cycle hangs, and cancel() recurses forever in Twisted).
      const later = target + 1 + Math.floor(random() * (n - target - 1));
      const action: Action =
        a < 0.25 ? ["ret", stage * 10]
        : a < 0.35 ? ["raise", `s${stage}`]
        : a < 0.55 ? (later < n ? ["retd", later] : ["pass"])
        : a < 0.62 ? ["retfail", `f${stage}`]
        : a < 0.72 ? ["fire", idx(), 1000 + stage]
        : a < 0.78 ? ["cancel", idx()]
        : a < 0.82 ? ["unpause", idx()]
        : ["pass"];
      ops.push(["add", target, pick(["cb", "eb", "both"] as const), action, stage++]);
    } else if (r < 0.68) ops.push(["callback", idx(), k]);
    else if (r < 0.75) ops.push(["errback", idx(), `e${k}`]);
    else if (r < 0.83) ops.push(["pause", idx()]);
    else if (r < 0.9) ops.push(["unpause", idx()]);
    else if (r < 0.97) ops.push(["cancel", idx()]);
    else {
      const i = idx();
      const j = idx();
      if (i < j) ops.push(["chain", i, j]);
    }
  }
  return { cancellers, ops };
}

class E1 extends Error {
  override name = "E1";
}

/** Run `program` on our runtime; the trace has the same lines as twisted-chains.py prints. */
export function runProgram(program: Program): string[] {
  const trace: string[] = [];
  const ds: Deferred<unknown>[] = [];
  const desc = (x: unknown): string => {
    // Messages of our own error classes differ from Twisted's wording: compare E1's only.
    // `callback(aDeferred)` (reachable through chainDeferred after an unbalanced
    // unpause) is refused: an AssertionError in Twisted 22.4, a TypeError here.
    if (x instanceof Failure) {
      const refused = x.value instanceof TypeError && /must not be a Deferred/.test(x.value.message);
      return `F(${refused ? "RefusedDeferred" : (x.value as Error).name}:${x.value instanceof E1 ? x.getErrorMessage() : ""})`;
    }
    if (x instanceof Deferred) {
      const i = ds.indexOf(x);
      return i >= 0 ? `D${i}` : "D?";
    }
    if (x === undefined || x === null) return "None";
    return String(x);
  };
  const act = (stage: number, action: Action, arg: unknown): unknown => {
    trace.push(`stage ${stage} got ${desc(arg)}`);
    switch (action[0]) {
      case "ret":
        return action[1];
      case "raise":
        throw new E1(action[1]);
      case "retd":
        return ds[action[1]];
      case "retfail":
        return new Failure(new E1(action[1]));
      case "fire":
        try {
          ds[action[1]]!.callback(action[2]);
        } catch (e) {
          if (!(e instanceof AlreadyCalledError)) throw e;
          trace.push(`stage ${stage}: AlreadyCalledError`);
        }
        return arg;
      case "cancel":
        try {
          ds[action[1]]!.cancel();
        } catch (e) {
          if (!(e instanceof E1)) throw e;
          trace.push(`stage ${stage}: cancel raised ${e.message}`);
        }
        return arg;
      case "unpause":
        ds[action[1]]!.unpause();
        return arg;
      default:
        return arg;
    }
  };
  program.cancellers.forEach((kind, i) => {
    const canceller =
      kind === null
        ? undefined
        : (d: Deferred<unknown>) => {
            trace.push(`canceller ${i}`);
            if (kind === "cb") d.callback(100 + i);
            else if (kind === "eb") d.errback(new E1(`cancel${i}`));
            else if (kind === "raise") throw new E1(`canceller${i}`);
          };
    ds.push(new Deferred<unknown>(canceller));
  });
  for (const op of program.ops) {
    switch (op[0]) {
      case "add": {
        const [, i, side, action, stage] = op;
        const fn = (r: unknown): unknown => act(stage, action, r);
        if (side === "cb") ds[i]!.addCallback(fn);
        else if (side === "eb") ds[i]!.addErrback(fn);
        else ds[i]!.addBoth(fn);
        break;
      }
      case "callback":
      case "errback":
        try {
          if (op[0] === "callback") ds[op[1]]!.callback(op[2]);
          else ds[op[1]]!.errback(new E1(op[2]));
        } catch (e) {
          if (!(e instanceof AlreadyCalledError)) throw e;
          trace.push(`${op[0]} ${op[1]}: AlreadyCalledError`);
        }
        break;
      case "pause":
        ds[op[1]]!.pause();
        break;
      case "unpause":
        ds[op[1]]!.unpause();
        break;
      case "cancel":
        try {
          ds[op[1]]!.cancel();
        } catch (e) {
          if (!(e instanceof E1)) throw e;
          trace.push(`cancel ${op[1]} raised ${e.message}`);
        }
        break;
      case "chain":
        ds[op[1]]!.chainDeferred(ds[op[2]]!);
        break;
    }
    trace.push(`after ${op[0]}`);
  }
  ds.forEach((d, i) => {
    const result = d.called ? desc(d.result) : "-";
    trace.push(`final ${i} called=${d.called ? "True" : "False"} paused=${d.paused} result=${result}`);
    if (d.called && d.result instanceof Failure) d.addErrback(() => undefined);
  });
  return trace;
}
