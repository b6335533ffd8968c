/**
 * The `@deferredCoroutine` transform's output against native async/await, on the
 * workloads of shared/reference/performance.md: awaits of ready values, call + await
 * chains, try/catch/finally with 10% rejections, and real suspensions. Also against
 * TypeScript's ES2015 downlevel (`__awaiter` + generators), `inlineCallbacks` and the
 * runtime-only `deferredCoroutine(asyncFn)` wrapper.
 *
 * Every variant is generated from ONE table of function bodies (below) when this module
 * loads: the transformed variant by `transformSource` (the real transform, CommonJS,
 * ES2022), the native and ES2015 ones by TypeScript's `transpileModule`, the wrapper
 * and generator ones by rewriting the same text. So all variants run the same code.
 *
 * @module
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as TS from "typescript";
import type { BenchCase } from "./case.js";
import * as runtime from "../runtime/index.js";
import { transformSource } from "../transformer/api.js";

// The runner runs from a temporary directory; TypeScript comes from the repository (its cwd).
const ts = createRequire(join(process.cwd(), "package.json"))("typescript") as typeof TS;

/** One benchmarked function: `body` uses `await (x)` only, so it can also be read as a generator. */
interface Fn {
  name: string;
  params: string;
  body: string;
}

const FUNCTIONS: Fn[] = [
  { name: "readyLoop", params: "n, v", body: "let s = 0; for (let i = 0; i < n; i++) s += (await (v)); return s;" },
  { name: "leaf", params: "x", body: "return x + 1;" },
  { name: "mid", params: "x", body: "return (await (leaf(x))) * 2;" },
  { name: "chain", params: "n", body: "let s = 0; for (let i = 0; i < n; i++) s += (await (mid(i))); return s;" },
  { name: "maybe", params: "i, err", body: "if (i % 10 === 0) throw err; return i;" },
  {
    name: "tryLoop",
    params: "n, err",
    body: "let s = 0, f = 0; for (let i = 0; i < n; i++) { try { s += (await (maybe(i, err))); } catch (e) { s -= 1; } finally { f++; } } return s + f;",
  },
  {
    name: "rejectLoop",
    params: "n, ok, bad",
    body: "let s = 0, f = 0; for (let i = 0; i < n; i++) { try { s += (await (i % 10 === 0 ? bad() : ok(i))); } catch (e) { s -= 1; } finally { f++; } } return s + f;",
  },
  // Synchronous descent (bench/descent-depth.mjs): each call calls the next before its first await.
  { name: "descend", params: "d, limit, reached", body: "reached.depth = d; if (d === limit) return 0; return (await (descend(d + 1, limit, reached))) + 1;" },
  { name: "waiter", params: "d", body: "return (await (d)) + 1;" },
];

const EXPORTS = `module.exports = { ${FUNCTIONS.map((f) => f.name).join(", ")} };\n`;

type Fns = Record<string, (...args: any[]) => any>;

function load(code: string): Fns {
  const module = { exports: {} as Fns };
  const require = (id: string) => {
    if (id === "deferred-coroutine") return runtime;
    throw new Error(`transform bench: unexpected require(${id})`);
  };
  new Function("require", "exports", "module", code)(require, module.exports, module);
  return module.exports;
}

function transpile(text: string, target: TS.ScriptTarget): string {
  return ts.transpileModule(text, { compilerOptions: { target, module: ts.ModuleKind.CommonJS } }).outputText;
}

const asyncText = FUNCTIONS.map((f) => `async function ${f.name}(${f.params}) { ${f.body} }`).join("\n") + "\n" + EXPORTS;
const markedText = asyncText.replace(/async function/g, "/** @deferredCoroutine */ async function");
const wrapperText =
  `const { deferredCoroutine } = require("deferred-coroutine");\n` +
  FUNCTIONS.map((f) => `const ${f.name} = deferredCoroutine(async function ${f.name}(${f.params}) { ${f.body} });`).join("\n") +
  "\n" +
  EXPORTS;
const generatorText =
  `const { inlineCallbacks } = require("deferred-coroutine");\n` +
  FUNCTIONS.map((f) => `const ${f.name} = inlineCallbacks(function* ${f.name}(${f.params}) { ${f.body.replace(/await \(/g, "yield (")} });`).join("\n") +
  "\n" +
  EXPORTS;

const compiled = transformSource(markedText, { ts, module: "CommonJS", target: "ES2022", fileName: "bench.ts" });
if (compiled.diagnostics.length > 0) throw new Error(`transform bench: ${compiled.diagnostics.map((d) => d.message).join("; ")}`);

/** The variants, also used by bench/suspended-memory.mjs. */
export const VARIANTS: { name: string; fns: Fns; deferred: boolean; baseline?: true }[] = [
  { name: "native async/await", fns: load(transpile(asyncText, ts.ScriptTarget.ES2022)), deferred: false, baseline: true },
  { name: "Deferred coroutine (transformed)", fns: load(compiled.code), deferred: true },
  { name: "TypeScript ES2015 (__awaiter)", fns: load(transpile(asyncText, ts.ScriptTarget.ES2015)), deferred: false },
  { name: "inlineCallbacks", fns: load(generatorText), deferred: true },
  { name: "runtime-only wrapper", fns: load(wrapperText), deferred: true },
];

let sink = 0;
const ERR = new Error("rejected");
const readyPromise = Promise.resolve(1);

/** A pending value and the function that fires it, in the variant's own kind. */
export function pending(deferred: boolean): [PromiseLike<number>, (v: number) => void] {
  if (deferred) {
    const d = new runtime.Deferred<number>();
    return [d, (v) => d.callback(v)];
  }
  let resolve!: (v: number) => void;
  const p = new Promise<number>((r) => (resolve = r));
  return [p, resolve];
}

async function collect(r: unknown): Promise<void> {
  sink += (await (r as PromiseLike<number>)) as number;
}

const cases: BenchCase[] = [];
for (const v of VARIANTS) {
  const { readyLoop, chain, tryLoop, rejectLoop, waiter } = v.fns as Record<string, (...a: any[]) => unknown>;
  // Ready and rejected values of the variant's own kind, made per await.
  const ok: (i: number) => PromiseLike<number> = v.deferred ? runtime.succeed : (i) => Promise.resolve(i);
  const bad: () => PromiseLike<number> = v.deferred ? () => runtime.fail(ERR) : () => Promise.reject(ERR);
  // One fired Deferred per variant: inlineCallbacks consumes a fired Deferred's
  // result when it yields it (Twisted), leaving undefined for whoever awaits
  // it next; a shared one would make later variants add up NaN.
  const readyDeferred = runtime.succeed(1);
  cases.push({
    group: "awaits of ready values",
    name: v.name + (v.deferred ? " (fired Deferred)" : " (resolved Promise)"),
    baseline: v.baseline,
    run: (n) => collect(readyLoop!(n, v.deferred ? readyDeferred : readyPromise)),
  });
  cases.push({ group: "call + await chain (2 calls per op)", name: v.name, baseline: v.baseline, run: (n) => collect(chain!(n)) });
  cases.push({ group: "try/catch/finally, 10% rejections", name: v.name, baseline: v.baseline, run: (n) => collect(rejectLoop!(n, ok, bad)) });
  cases.push({ group: "try/catch/finally, 10% synchronous throws", name: v.name, baseline: v.baseline, run: (n) => collect(tryLoop!(n, ERR)) });
  cases.push({
    group: "real suspension (100 000 coroutines, each awaits a value fired later)",
    name: v.name,
    baseline: v.baseline,
    // A fixed n: the cost per coroutine depends on how many are alive at once
    // (garbage collection), so every variant must run the same workload.
    n: 100_000,
    run: (n) => {
      const fire: ((v: number) => void)[] = [];
      const results: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const [p, f] = pending(v.deferred);
        fire.push(f);
        results.push(waiter!(p));
      }
      for (let i = 0; i < n; i++) fire[i]!(i);
      return v.deferred ? collect(results[n - 1]) : Promise.all(results).then((xs) => void (sink += xs.length));
    },
  });
}
// Its own copy of the compiled module: fed plain numbers, the shared readyLoop's
// await would see two kinds of value, and V8 would compile both rows' loop for
// both (every other row's function sees one kind, as native's does).
const plainValues = load(compiled.code);
cases.push({ group: "awaits of ready values", name: "Deferred coroutine (transformed, non-thenable)", run: (n) => collect(plainValues["readyLoop"]!(n, 1)) });
cases.push({
  group: "awaits of ready values",
  name: "plain synchronous loop",
  baseline: "sync",
  run: (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += i & 1;
    sink += s;
  },
});

export { cases };

/** Read by nobody; keeps results observable so no variant is optimised away. */
export function benchSink(): number {
  return sink;
}
