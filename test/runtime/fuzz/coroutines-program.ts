/**
 * Random inlineCallbacks programs for the differential fuzz test: base
 * Deferreds (some with cancellers) and generator coroutines that yield them
 * (or later coroutines' Deferreds), catch or re-raise what is thrown in, fire
 * and cancel things; operations start the coroutines, add stages, fire and
 * cancel. Waiting edges only go from a coroutine to a base Deferred, from a
 * base Deferred to a higher one, or from a coroutine to a later coroutine, so
 * no program forms a waiting cycle. Run by twisted-coroutines.py on Twisted
 * and by runCoroutineProgram on our runtime.
 */
import { AlreadyCalledError, Deferred, Failure, coReady, coResult, coReturn, coSite, coStart, coSuspend, coThrow, inlineCallbacks } from "../../../runtime/index.js";
import type { Frame } from "../../../runtime/index.js";

export type GenStep = ["yield", number, boolean] | ["raise"] | ["return", number] | ["fire", number, number] | ["cancel", number];
export type StageAction = ["ret", number] | ["raise", string] | ["retd", number] | ["fire", number, number] | ["cancel", number] | ["pass"];
export type CoOp =
  | ["start", number]
  | ["add", number, "cb" | "eb" | "both", StageAction, number]
  | ["callback", number, number]
  | ["errback", number, string]
  | ["cancel", number]
  | ["pause", number]
  | ["unpause", number];

export interface CoProgram {
  cancellers: (null | "noop" | "cb" | "eb")[];
  gens: GenStep[][];
  /** "ic": an inlineCallbacks generator; "co": an async function (Twisted: ensureDeferred; here: a step function in the shape the transform emits). */
  kinds: ("ic" | "co")[];
  ops: CoOp[];
}

export function generateCoProgram(random: () => number): CoProgram {
  const int = (k: number): number => Math.floor(random() * k);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const n = 1 + int(3);
  const m = 1 + int(3);
  const total = n + m;
  const cancellers = Array.from({ length: n }, () => pick([null, null, "noop", "cb", "eb"] as const));
  const gens: GenStep[][] = [];
  for (let k = 0; k < m; k++) {
    const steps: GenStep[] = [];
    const len = 1 + int(4);
    for (let s = 0; s < len; s++) {
      const r = random();
      if (r < 0.6) {
        // a base Deferred, or a later coroutine's Deferred
        const later = n + k + 1 + int(m - k);
        steps.push(["yield", later < total && random() < 0.3 ? later : int(n), random() < 0.3]);
      } else if (r < 0.7) steps.push(["raise"]);
      else if (r < 0.78) steps.push(["return", 500 + k]);
      else if (r < 0.92) steps.push(["fire", int(total), 700 + s]);
      else steps.push(["cancel", int(total)]);
    }
    gens.push(steps);
  }
  const ops: CoOp[] = [];
  const pauses: number[] = [];
  let stage = 0;
  const count = 3 + int(14);
  for (let k = 0; k < count; k++) {
    const r = random();
    if (r < 0.25) ops.push(["start", int(m)]);
    else if (r < 0.55) {
      const i = int(total);
      const a = random();
      // retd targets: base -> higher base; coroutine -> later coroutine
      const hi = i < n ? n : total;
      const later = i + 1 + int(Math.max(0, hi - i - 1));
      const action: StageAction =
        a < 0.3 ? ["ret", stage * 10]
        : a < 0.45 ? ["raise", `s${stage}`]
        : a < 0.6 ? (later < hi ? ["retd", later] : ["pass"])
        : a < 0.75 ? ["fire", int(total), 1000 + stage]
        : a < 0.85 ? ["cancel", int(total)]
        : ["pass"];
      ops.push(["add", i, pick(["cb", "eb", "both"] as const), action, stage++]);
    } else if (r < 0.75) ops.push(["callback", int(n), k]);
    else if (r < 0.82) ops.push(["errback", int(n), `e${k}`]);
    else if (r < 0.9) ops.push(["cancel", int(total)]);
    else if (r < 0.95) {
      const i = int(total);
      pauses[i] = (pauses[i] ?? 0) + 1;
      ops.push(["pause", i]);
    } else {
      // Only balanced unpauses: an unbalanced one leaves a Deferred whose
      // result is a Deferred while unpaused, where Twisted 22.4's `await`
      // differs from current Twisted (which we follow).
      const i = pauses.findIndex((c) => (c ?? 0) > 0);
      if (i >= 0) {
        pauses[i]!--;
        ops.push(["unpause", i]);
      }
    }
  }
  const kinds = gens.map(() => pick(["ic", "co"] as const));
  return { cancellers, gens, kinds, ops };
}

class E1 extends Error {
  override name = "E1";
}

interface ScriptEnv {
  trace: string[];
  ds: (Deferred<unknown> | null)[];
  desc(x: unknown): string;
  nameOf(e: unknown): string;
  fire(who: string, j: number, value: number): void;
}

interface ScriptFrame extends Frame {
  k: number;
  steps: GenStep[];
  pc: number;
  env: ScriptEnv;
}

const scriptSite = coSite("script", "coroutines-program.ts", 1);

/**
 * Interprets a coroutine script through the coroutine ABI, the way compiled
 * `async` code does: `await` takes a ready Deferred's outcome synchronously
 * (without consuming it) and otherwise suspends; the catch of each await is
 * reached by checking the error flag.
 */
function scriptStep(f: ScriptFrame, v: unknown, isError: boolean): Deferred<any> | undefined {
  const { trace, ds, desc, nameOf, fire } = f.env;
  const k = f.k;
  const settle = (): void => {
    const step = f.steps[f.pc] as ["yield", number, boolean];
    if (!isError) trace.push(`gen ${k} got ${desc(v)}`);
    else {
      trace.push(`gen ${k} caught ${nameOf(v)}`);
      if (step[2]) throw v;
    }
  };
  try {
    if (f.state === 0) {
      trace.push(`gen ${k} start`);
      f.pc = 0;
    } else {
      settle();
      f.pc++;
    }
    for (; f.pc < f.steps.length; f.pc++) {
      const step = f.steps[f.pc]!;
      switch (step[0]) {
        case "yield": {
          const target = ds[step[1]];
          if (target === null || target === undefined) continue;
          if (!coReady(target)) {
            f.state = 1;
            return coSuspend(f, target);
          }
          v = coResult(target, f);
          isError = f.e;
          settle();
          break;
        }
        case "raise":
          throw new E1(`g${k}`);
        case "return":
          return coReturn(f.d, step[1]);
        case "fire":
          fire(`gen ${k}`, step[1], step[2]);
          break;
        case "cancel":
          ds[step[1]]?.cancel();
          break;
      }
    }
    return coReturn(f.d, `done${k}`);
  } catch (e) {
    return coThrow(f.d, e, f.site);
  }
}

/** Run `program` on our runtime; the trace has the same lines as twisted-coroutines.py prints. */
export function runCoroutineProgram(program: CoProgram): string[] {
  const trace: string[] = [];
  const n = program.cancellers.length;
  const ds: (Deferred<unknown> | null)[] = new Array(n + program.gens.length).fill(null);
  const nameOf = (e: unknown): string => `${(e as Error).name}:${e instanceof E1 ? e.message : ""}`;
  const desc = (x: unknown): string => {
    if (x instanceof Failure) return `F(${nameOf(x.value)})`;
    if (x instanceof Deferred) {
      const i = ds.indexOf(x);
      return i >= 0 ? `D${i}` : "D?";
    }
    if (x === undefined || x === null) return "None";
    return String(x);
  };
  const fire = (who: string, j: number, value: number): void => {
    const d = ds[j];
    if (d === null || d === undefined) return;
    try {
      d.callback(value);
    } catch (e) {
      if (!(e instanceof AlreadyCalledError)) throw e;
      trace.push(`${who}: AlreadyCalledError`);
    }
  };
  const env: ScriptEnv = { trace, ds, desc: (x) => desc(x), nameOf: (e) => nameOf(e), fire: (w, j, v) => fire(w, j, v) };
  const gens = program.gens.map((steps, k) =>
    program.kinds[k] === "co"
      ? () => coStart<unknown>({ state: 0, step: scriptStep, site: scriptSite, d: null as any, waitingOn: null, ctx: null, e: false, k, steps, pc: 0, env } as ScriptFrame)
      : inlineCallbacks(function* () {
      trace.push(`gen ${k} start`);
      for (const step of steps) {
        switch (step[0]) {
          case "yield":
            try {
              const v: unknown = yield ds[step[1]];
              trace.push(`gen ${k} got ${desc(v)}`);
            } catch (e) {
              trace.push(`gen ${k} caught ${nameOf(e)}`);
              if (step[2]) throw e;
            }
            break;
          case "raise":
            throw new E1(`g${k}`);
          case "return":
            return step[1];
          case "fire":
            fire(`gen ${k}`, step[1], step[2]);
            break;
          case "cancel":
            ds[step[1]]?.cancel();
            break;
        }
      }
      return `done${k}`;
    }),
  );
  program.cancellers.forEach((kind, i) => {
    const canceller =
      kind === null
        ? undefined
        : (d: Deferred<unknown>) => {
            trace.push(`canceller ${i}`);
            if (kind === "cb") d.callback(100 + i);
            else if (kind === "eb") d.errback(new E1(`cancel${i}`));
          };
    ds[i] = new Deferred<unknown>(canceller);
  });
  const act = (stage: number, action: StageAction, arg: unknown): unknown => {
    trace.push(`stage ${stage} got ${desc(arg)}`);
    switch (action[0]) {
      case "ret":
        return action[1];
      case "raise":
        throw new E1(action[1]);
      case "retd":
        return ds[action[1]] ?? arg;
      case "fire":
        fire(`stage ${stage}`, action[1], action[2]);
        return arg;
      case "cancel":
        ds[action[1]]?.cancel();
        return arg;
      default:
        return arg;
    }
  };
  for (const op of program.ops) {
    if (op[0] === "start") {
      const k = op[1];
      if (ds[n + k] === null) ds[n + k] = gens[k]!();
    } else {
      const d = ds[op[1]];
      if (d !== null && d !== undefined) {
        switch (op[0]) {
          case "add": {
            const [, , side, action, stage] = op;
            const fn = (r: unknown): unknown => act(stage, action, r);
            if (side === "cb") d.addCallback(fn);
            else if (side === "eb") d.addErrback(fn);
            else d.addBoth(fn);
            break;
          }
          case "callback":
            fire(`callback ${op[1]}`, op[1], op[2]);
            break;
          case "errback":
            try {
              d.errback(new E1(op[2]));
            } catch (e) {
              if (!(e instanceof AlreadyCalledError)) throw e;
              trace.push(`errback ${op[1]}: AlreadyCalledError`);
            }
            break;
          case "cancel":
            d.cancel();
            break;
          case "pause":
            d.pause();
            break;
          case "unpause":
            d.unpause();
            break;
        }
      }
    }
    trace.push(`after ${op[0]}`);
  }
  ds.forEach((d, i) => {
    if (d === null) {
      trace.push(`final ${i} unstarted`);
      return;
    }
    const result = d.called ? desc(d.result) : "-";
    trace.push(`final ${i} called=${d.called ? "True" : "False"} paused=${d.paused} result=${result}`);
    if (d.called && d.result instanceof Failure) d.addErrback(() => undefined);
  });
  return trace;
}
