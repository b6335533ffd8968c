/**
 * Runs generated cases natively and transformed, and compares them.
 *
 * Both variants come from the same TypeScript text: the native one through plain
 * `transpileModule`, the transformed one through `transformSource` with the runtime
 * module resolved to the runtime object given by the caller. Each case gets fresh
 * helpers: `ready(v)`/`bad(k)` return fired Deferreds, `later(v)`/`laterBad(k)`
 * pending ones, `promise(v)` a native Promise; `t(label, v)` logs and returns `v`;
 * `sum(a, b, c)` and `o.add(v)` log their call. The harness drains the job queue,
 * then fires the oldest pending Deferred, until the function settles, so both
 * variants see the same sequence of events (only the timing of ready awaits
 * differs, which the log cannot observe).
 */
import type * as ts from "typescript";
import { transformSource } from "../../../transformer/api.js";
import { caseSource, type Gen } from "./generator.js";

/** The runtime names the harness uses. */
export interface Runtime {
  Deferred: new <T>() => { callback(v: T): void; errback(e: unknown): void; then: PromiseLike<T>["then"] };
  succeed(v: unknown): unknown;
  fail(e: unknown): unknown;
}

/** What one run of a case did. */
export interface Outcome {
  /** `ok <json>`, `throw <message>`, or a harness problem (`hang`, `not a Deferred`). */
  readonly result: string;
  readonly log: readonly unknown[];
}

/** A case whose transformed run differs from the native one (or did not compile). */
export interface Mismatch {
  readonly index: number;
  readonly source: string;
  readonly native: Outcome | undefined;
  readonly transformed: Outcome | undefined;
  /** Transform diagnostics or a compile failure, when that is the problem. */
  readonly problem: string | undefined;
}

type CaseFn = (...args: unknown[]) => unknown;

/** The generated program is not valid JavaScript (natively). */
class InvalidCase extends Error {}

function load(code: string, runtime: unknown): CaseFn[] {
  const module = { exports: {} as unknown };
  const require = (id: string) => {
    if (id === "deferred-coroutine") return runtime;
    throw new Error(`fuzz: unexpected require(${id})`);
  };
  new Function("require", "exports", "module", code)(require, module.exports, module);
  return module.exports as CaseFn[];
}

/**
 * Compiles `bodies` in one module per variant. Returns the case functions, and per case
 * the transform diagnostics (a rejected case stays native in the transformed module).
 */
export function compileCases(tsApi: typeof ts, bodies: readonly Gen[], runtime: unknown) {
  const sources = bodies.map((b, i) => caseSource(`case${i}`, b));
  const text = sources.join("\n") + `\nmodule.exports = [${sources.map((_, i) => `case${i}`).join(", ")}];\n`;
  const compilerOptions = { target: tsApi.ScriptTarget.ES2022, module: tsApi.ModuleKind.CommonJS };
  const native = tsApi.transpileModule(text, { compilerOptions, reportDiagnostics: true, fileName: "fuzz.ts" });
  if (native.diagnostics && native.diagnostics.length > 0) {
    throw new InvalidCase(tsApi.flattenDiagnosticMessageText(native.diagnostics[0]!.messageText, "\n"));
  }
  let nativeFns: CaseFn[];
  try {
    nativeFns = load(native.outputText, runtime);
  } catch (e) {
    throw new InvalidCase(String(e));
  }
  const transformed = transformSource(text, { ts: tsApi, fileName: "fuzz.ts", target: "ES2022", module: "CommonJS" });
  const problems: string[][] = sources.map(() => []);
  const starts: number[] = [];
  let offset = 0;
  for (const s of sources) {
    starts.push(offset);
    offset += s.length + 1;
  }
  for (const d of transformed.diagnostics) {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > d.start) i--;
    problems[i]!.push(`${d.line}:${d.column} ${d.category} ${d.code}: ${d.message}`);
  }
  return { sources, native: nativeFns, transformed: load(transformed.code, runtime), problems, transformedCode: transformed.code };
}

/** Runs one case function with fresh helpers until it settles. */
export async function runCase(fn: CaseFn, runtime: Runtime, expectDeferred: boolean): Promise<Outcome> {
  const log: unknown[] = [];
  const pending: (() => void)[] = [];
  const ready = (v: unknown) => runtime.succeed(v);
  const bad = (k: number) => runtime.fail(new Error(`B${k}`));
  const later = (v: unknown) => {
    const d = new runtime.Deferred<unknown>();
    pending.push(() => d.callback(v));
    return d;
  };
  const laterBad = (k: number) => {
    const d = new runtime.Deferred<unknown>();
    pending.push(() => d.errback(new Error(`L${k}`)));
    return d;
  };
  const promise = (v: unknown) => Promise.resolve(v);
  const t = (label: string, v: unknown) => (log.push(label), v);
  const sum = (a: number, b: number, c: number) => (log.push(`sum ${a} ${b} ${c}`), a + b + c);
  const o = { base: 10, add(v: number) { log.push(`add ${v}`); return this.base + v; } };
  let settled: string | undefined;
  const r = fn(ready, later, bad, laterBad, promise, log, t, sum, o) as PromiseLike<unknown>;
  if (expectDeferred && !(r instanceof runtime.Deferred)) return { result: "not a Deferred (function not compiled)", log };
  r.then(
    (v) => void (settled = `ok ${JSON.stringify(v)}`),
    (e: unknown) => void (settled = `throw ${e instanceof Error ? e.message : String(e)}`),
  );
  for (let steps = 0; settled === undefined && steps < 10_000; steps++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled !== undefined) break;
    const next = pending.shift();
    if (!next) return { result: "hang (awaiting nothing that will fire)", log };
    next();
  }
  return { result: settled ?? "hang", log };
}

/** Options of {@link differential}. */
export interface DifferentialOptions {
  /**
   * The shrinker's predicate: a program JavaScript itself rejects (the shrinker
   * makes those, e.g. a `continue L` whose loop it deleted) is no difference.
   * Otherwise such a program is a generator bug and is reported.
   */
  readonly invalidIsFine?: boolean;
}

/** Compiles and runs `bodies`, returning the cases that differ. */
export async function differential(tsApi: typeof ts, bodies: readonly Gen[], runtime: Runtime, options: DifferentialOptions = {}): Promise<Mismatch[]> {
  let compiled;
  try {
    compiled = compileCases(tsApi, bodies, runtime);
  } catch (e) {
    if (e instanceof InvalidCase && bodies.length === 1) {
      if (options.invalidIsFine) return [];
      const problem = `the generator made a program JavaScript rejects (a generator bug): ${e.message}`;
      return [{ index: 0, source: caseSource("case0", bodies[0]!), native: undefined, transformed: undefined, problem }];
    }
    // One bad case breaks the batch: retry one by one to name it.
    if (bodies.length > 1) {
      const all: Mismatch[] = [];
      for (let i = 0; i < bodies.length; i++) for (const m of await differential(tsApi, [bodies[i]!], runtime, options)) all.push({ ...m, index: i });
      return all;
    }
    return [{ index: 0, source: caseSource("case0", bodies[0]!), native: undefined, transformed: undefined, problem: String(e instanceof Error ? e.stack : e) }];
  }
  const out: Mismatch[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const source = compiled.sources[i]!;
    const native = await runCase(compiled.native[i]!, runtime, false);
    if (compiled.problems[i]!.length > 0) {
      out.push({ index: i, source, native, transformed: undefined, problem: compiled.problems[i]!.join("\n") });
      continue;
    }
    const transformed = await runCase(compiled.transformed[i]!, runtime, true);
    if (JSON.stringify(native) !== JSON.stringify(transformed)) out.push({ index: i, source, native, transformed, problem: undefined });
  }
  return out;
}

/** A readable report of one mismatch. */
export function describeMismatch(m: Mismatch): string {
  const lines = [m.source, ""];
  if (m.problem) lines.push(`problem: ${m.problem}`);
  if (m.native) lines.push(`native:      ${m.native.result}  log ${JSON.stringify(m.native.log)}`);
  if (m.transformed) lines.push(`transformed: ${m.transformed.result}  log ${JSON.stringify(m.transformed.log)}`);
  return lines.join("\n");
}
