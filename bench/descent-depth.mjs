#!/usr/bin/env node
// Synchronous descent depth: how many nested calls of a coroutine that calls the next
// one before its first await run before the stack overflows, for each variant of
// bench/transform-awaits.ts (same function body: `descend`), warm (cold, interpreted
// frames are larger). Each variant runs in its own processes (the depth depends on what
// V8 inlined, so variants must not share type feedback); median of --runs processes.
//
//   node bench/descent-depth.mjs [--runs=5]
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "../scripts/compile-ts.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=", 2)));
const RUNS = Number(args.runs ?? 5);

if (args.child !== undefined) {
  // Child: warm the variant up, then descend until the stack overflows.
  process.chdir(root);
  const { VARIANTS } = createRequire(join(args.out, "x.js"))(join(args.out, "bench", "transform-awaits.js"));
  const descend = VARIANTS[Number(args.child)].fns.descend;
  const reached = { depth: 0 };
  const settle = (r) => new Promise((resolve) => r.then(resolve, resolve));
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < 100; i++) await settle(descend(0, 200, reached));
    await new Promise((resolve) => setTimeout(resolve, 10)); // let concurrent optimisation finish
  }
  reached.depth = 0;
  let outcome;
  try {
    const r = await settle(descend(0, 1e9, reached));
    outcome = r instanceof RangeError ? "RangeError" : `no RangeError: ${String(r)}`;
  } catch (e) {
    outcome = `threw ${e?.name}`; // the overflow must arrive as a rejection, not a throw
  }
  process.stdout.write(JSON.stringify({ depth: reached.depth, outcome }));
  process.exit(0);
}

const out = join(root, "node_modules", ".cache", `dc-descent-${process.pid}`);
try {
  compileTree(root, [join(root, "bench", "transform-awaits.ts")], out);
  const { VARIANTS } = createRequire(join(out, "x.js"))(join(out, "bench", "transform-awaits.js"));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`## Synchronous descent depth (warm, median of ${RUNS} processes per variant, Node ${process.version})\n`);
  console.log("| variant | nested calls before the stack overflows (min–max) | × native | overflow reported as |\n|---|---|---|---|");
  let native;
  for (let v = 0; v < VARIANTS.length; v++) {
    const depths = [];
    const outcomes = new Set();
    for (let k = 0; k < RUNS; k++) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--child=${v}`, `--out=${out}`], { encoding: "utf8", cwd: root });
      if (r.status !== 0) throw new Error(`descent child ${VARIANTS[v].name} failed (${r.status}):\n${r.stderr}`);
      const { depth, outcome } = JSON.parse(r.stdout.trim().split("\n").pop());
      depths.push(depth);
      outcomes.add(outcome);
    }
    const m = median(depths);
    native ??= m;
    console.log(`| ${VARIANTS[v].name} | ${m} (${Math.min(...depths)}–${Math.max(...depths)}) | ${(m / native).toFixed(2)} | ${[...outcomes].join(", ")} |`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
