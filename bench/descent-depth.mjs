#!/usr/bin/env node
// Synchronous descent depth: how many nested calls of a coroutine that calls the next
// one before its first await run before the stack overflows, for each variant of
// bench/transform-awaits.ts (same function body: `descend`). Two conditions:
//
// - warm: after 1 000 shallow calls, and once V8 has optimised the function (checked
//   with %GetOptimizationStatus; frames of optimised code are smaller);
// - cold: the first call of the process descends (interpreter frames).
//
// Each sample is its own process (the depth depends on what V8 compiled and inlined,
// so variants must not share type feedback); median of --runs processes.
//
//   node bench/descent-depth.mjs [--runs=5] [--variants=0,1] [--json]
//
// --json prints the results as JSON instead of the table (test/transformer/exec/descent-depth.test.ts).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "../scripts/compile-ts.mjs";
import { median } from "./median.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=", 2)));
const RUNS = Number(args.runs ?? 5);
const MODES = ["warm", "cold"];
/** V8's OptimizationStatus bit for "has optimised code" (src/runtime/runtime.h). */
const OPTIMIZED = 16;

if (args.child !== undefined) {
  process.chdir(root);
  const { VARIANTS } = createRequire(join(args.out, "x.js"))(join(args.out, "bench", "transform-awaits.js"));
  const descend = VARIANTS[Number(args.child)].fns.descend;
  const status = new Function("f", "return %GetOptimizationStatus(f)");
  const reached = { depth: 0 };
  const settle = (r) => new Promise((resolve) => r.then(resolve, resolve));
  let optimized = false;
  if (args.mode === "warm") {
    // Warm up, then give the concurrent compiler time until the code is installed.
    for (let round = 0; round < 200 && !(round >= 10 && optimized); round++) {
      for (let i = 0; i < 100; i++) await settle(descend(0, 200, reached));
      await new Promise((resolve) => setTimeout(resolve, 10));
      optimized = (status(descend) & OPTIMIZED) !== 0;
    }
  }
  reached.depth = 0;
  let outcome;
  try {
    const r = await settle(descend(0, 1e9, reached));
    outcome = r instanceof RangeError ? "RangeError" : `no RangeError: ${String(r)}`;
  } catch (e) {
    outcome = `threw ${e?.name}`; // the overflow must arrive as a rejection, not a throw
  }
  process.stdout.write(JSON.stringify({ depth: reached.depth, outcome, optimized }));
  process.exit(0);
}

const out = join(root, "node_modules", ".cache", `dc-descent-${process.pid}`);
try {
  compileTree(root, [join(root, "bench", "transform-awaits.ts")], out);
  const { VARIANTS } = createRequire(join(out, "x.js"))(join(out, "bench", "transform-awaits.js"));
  const chosen = args.variants === undefined ? VARIANTS.map((_, i) => i) : args.variants.split(",").map(Number);
  const results = [];
  for (const v of chosen) {
    const row = { variant: VARIANTS[v].name };
    for (const mode of MODES) {
      const samples = [];
      for (let k = 0; k < RUNS; k++) {
        const child = [fileURLToPath(import.meta.url), `--child=${v}`, `--mode=${mode}`, `--out=${out}`];
        const r = spawnSync(process.execPath, ["--allow-natives-syntax", ...child], { encoding: "utf8", cwd: root });
        if (r.status !== 0) throw new Error(`descent child ${VARIANTS[v].name} (${mode}) failed (${r.status}):\n${r.stderr}`);
        samples.push(JSON.parse(r.stdout.trim().split("\n").pop()));
      }
      const depths = samples.map((s) => s.depth);
      row[mode] = {
        median: median(depths),
        min: Math.min(...depths),
        max: Math.max(...depths),
        depths,
        outcomes: [...new Set(samples.map((s) => s.outcome))],
        optimized: samples.every((s) => s.optimized),
      };
    }
    results.push(row);
  }
  if ("json" in args) {
    process.stdout.write(JSON.stringify(results));
  } else {
    const base = results.find((r) => r.variant.startsWith("native")) ?? results[0];
    const cell = (r, mode) => `${r[mode].median} (${r[mode].min}–${r[mode].max}) | ${(r[mode].median / base[mode].median).toFixed(2)}`;
    console.log(`## Synchronous descent depth (median of ${RUNS} processes per variant and condition, Node ${process.version})\n`);
    console.log("Warm: after 1 000 shallow calls and once V8 optimised the function. Cold: the process's first call descends.\n");
    console.log("| variant | warm: nested calls (min–max) | × native | cold: nested calls (min–max) | × native | overflow reported as |\n|---|---|---|---|---|---|");
    for (const r of results) {
      const outcomes = [...new Set([...r.warm.outcomes, ...r.cold.outcomes])].join(", ");
      const unoptimized = r.warm.optimized ? "" : " (not optimised in every warm run)";
      console.log(`| ${r.variant}${unoptimized} | ${cell(r, "warm")} | ${cell(r, "cold")} | ${outcomes} |`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
