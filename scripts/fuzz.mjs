#!/usr/bin/env node
// The differential fuzzer at scale: compiles test/transformer/fuzz (and the
// transformer and runtime it imports) with scripts/compile-ts.mjs, then runs
// random async functions natively and transformed until one differs; prints
// that case shrunk to a minimal program and exits 1.
//
//   node scripts/fuzz.mjs --seed=42 --count=1000000 [--from=0] [--batch=100]
//                         [--disable=switch,tryFinally] [--enable=forOfAwaitHeader] [--budget=2000]
// (--enable turns a feature of DISABLED_FEATURES back on, to check whether the core fixed it)
//
// `npm test` runs the first 2 000 cases of one fixed seed (test/transformer/fuzz/fuzz.test.ts).
import { createRequire } from "node:module";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "./compile-ts.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=", 2)));
const seed = Number(args.seed ?? Math.floor(Math.random() * 2 ** 31));
const count = Number(args.count ?? 1_000_000);
const from = Number(args.from ?? 0);
const batch = Number(args.batch ?? 100);
const budget = Number(args.budget ?? 2000);
const disabled = args.disable ? String(args.disable).split(",") : [];
const reEnabled = args.enable ? String(args.enable).split(",") : [];

// Inside node_modules so that the compiled files resolve "typescript" from the repository.
const out = join(root, "node_modules", ".cache", `deferred-coroutine-fuzz-${process.pid}`);
mkdirSync(out, { recursive: true });
try {
  const dir = join(root, "test", "transformer", "fuzz");
  compileTree(root, [join(dir, "generator.ts"), join(dir, "harness.ts"), join(dir, "shrink.ts"), join(root, "runtime", "index.ts")], out);
  const require = createRequire(join(out, "x.js"));
  const ts = require("typescript");
  const gen = require(join(out, "test/transformer/fuzz/generator.js"));
  const { differential, describeMismatch } = require(join(out, "test/transformer/fuzz/harness.js"));
  const { shrink } = require(join(out, "test/transformer/fuzz/shrink.js"));
  const runtime = require(join(out, "runtime/index.js"));
  const enabled = gen.enabledFeatures(disabled, reEnabled);
  console.error(`fuzz: seed ${seed}, cases ${from}..${from + count - 1}, disabled: ${[...Object.keys(gen.DISABLED_FEATURES).filter((f) => !reEnabled.includes(f)), ...disabled].join(", ") || "none"}`);
  const started = Date.now();
  for (let start = from; start < from + count; start += batch) {
    const n = Math.min(batch, from + count - start);
    const bodies = Array.from({ length: n }, (_, j) => gen.caseBody(seed, start + j, enabled));
    const mismatches = await differential(ts, bodies, runtime);
    if (mismatches.length > 0) {
      const first = mismatches[0];
      console.error(`fuzz: case ${start + first.index} differs (${mismatches.length} of cases ${start}..${start + n - 1}); shrinking…`);
      const small = await shrink(bodies[first.index], async (g) => (await differential(ts, [g], runtime, { invalidIsFine: true })).length > 0, budget);
      const [again] = await differential(ts, [small], runtime);
      console.log(`seed ${seed}, case ${start + first.index}, minimal program:\n`);
      console.log(again ? describeMismatch(again) : gen.caseSource("case0", small));
      process.exitCode = 1;
      break;
    }
    if ((start - from) % (batch * 10) === 0) {
      const done = start - from + n;
      console.error(`fuzz: ${done} cases, ${((Date.now() - started) / done).toFixed(1)} ms/case`);
    }
  }
  if (process.exitCode !== 1) console.error(`fuzz: no difference in ${count} cases (seed ${seed})`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
