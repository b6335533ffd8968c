// The compile worker: for each request, transform (real transformer), type-check
// and lint (real ESLint + our plugin) the source, and build the programs the
// sandbox runs. Requests are answered in order; the page drops stale answers by
// `seq`. Any exception becomes `error` in the answer: the page never hangs on it.
import "./process-shim.js";
import ts from "typescript";
import type { CompileRequest, CompileResult, Problem, RunnableCode } from "../protocol.js";
import { probeAwaits, toRunnable } from "./run-code.js";
import { loadTransformer, runTransform } from "./transform.js";
import { tsEnvironment, typeProblems } from "./ts-env.js";

// ESLint, typescript-eslint and the plugin are loaded (and evaluated) only after
// the first early answer is sent: the output does not wait for them.
const ready = loadTransformer();
let linting: Promise<typeof import("./lint.js")> | null = null;
function loadLinting(): Promise<typeof import("./lint.js")> {
  linting ??= import("./lint.js").then(async (m) => {
    await m.loadPlugin();
    return m;
  });
  return linting;
}

function tsTarget(target: CompileRequest["settings"]["target"]): ts.ScriptTarget {
  return target === "ES2017" ? ts.ScriptTarget.ES2017 : ts.ScriptTarget.ES2022;
}

function timelinePrograms(code: string, target: ts.ScriptTarget, transformer: boolean): { transformed: RunnableCode | null; native: RunnableCode | null } {
  const probed = probeAwaits(code);
  const native = toRunnable(probed, target, null);
  if (!transformer) return { transformed: null, native };
  const t = runTransform(probed, target);
  const transformed = t.code !== null && !t.problems.some((p) => p.severity === "error") ? toRunnable(t.code, target, t.map, "output.js") : null;
  return { transformed, native };
}

/** Sends the early (partial) answer: the output is on screen before type-check and lint. */
function postPartial(req: CompileRequest, output: ReturnType<typeof runTransform>, transformMs: number, components: CompileResult["components"]): void {
  const partial: CompileResult = {
    type: "compiled",
    seq: req.seq,
    output: output.code,
    outputMap: output.map,
    problems: output.problems,
    run: null,
    timings: { transform: transformMs, lint: 0, total: transformMs },
    components,
    partial: true,
  };
  (self as unknown as Worker).postMessage(partial);
}

async function compile(req: CompileRequest): Promise<CompileResult> {
  const transformer = await ready;
  const t0 = performance.now();
  const target = tsTarget(req.settings.target);
  const transformed = runTransform(req.code, target);
  const t1 = performance.now();
  if (!req.timeline) postPartial(req, transformed, t1 - t0, { transformer: transformer !== null, plugin: linting !== null });
  const { lintProblems, loadPlugin } = await loadLinting();
  const plugin = await loadPlugin();
  const t1b = performance.now();
  const env = tsEnvironment(req.code, req.settings);
  const program = env.languageService.getProgram();
  const problems: Problem[] = [...transformed.problems, ...typeProblems(env)];
  let lintError: string | undefined;
  if (program) {
    try {
      problems.push(...lintProblems(req.code, program, req.settings.lint));
    } catch (e) {
      lintError = `ESLint failed: ${e instanceof Error ? e.stack : String(e)}`;
    }
  }
  const t2 = performance.now();
  problems.sort((a, b) => a.from - b.from || a.source.localeCompare(b.source));
  const blocked = transformed.problems.some((p) => p.severity === "error");
  let run: RunnableCode | null = null;
  if (!blocked) {
    run = transformed.code !== null ? toRunnable(transformed.code, target, transformed.map, "output.js") : transformer ? null : toRunnable(req.code, target, null);
  }
  const result: CompileResult = {
    type: "compiled",
    seq: req.seq,
    output: transformed.code,
    outputMap: transformed.map,
    problems,
    run,
    // Loading the linter (first request only) is not part of the lint time.
    timings: { transform: t1 - t0, lint: t2 - t1b, total: performance.now() - t0 - (t1b - t1) },
    components: { transformer: transformer !== null, plugin: plugin !== null },
    error: lintError,
  };
  if (req.timeline) result.timeline = timelinePrograms(req.code, target, transformer !== null);
  return result;
}

self.onmessage = async (ev: MessageEvent<CompileRequest>) => {
  const req = ev.data;
  let result: CompileResult;
  try {
    result = await compile(req);
  } catch (e) {
    result = {
      type: "compiled",
      seq: req.seq,
      output: null,
      outputMap: null,
      problems: [],
      run: null,
      timings: { transform: 0, lint: 0, total: 0 },
      components: { transformer: false, plugin: false },
      error: `The compile worker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    };
  }
  (self as unknown as Worker).postMessage(result);
};
