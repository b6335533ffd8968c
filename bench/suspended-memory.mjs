#!/usr/bin/env node
// Memory per suspended coroutine: N coroutines each suspended on its own pending value,
// for each variant of bench/transform-awaits.ts (native async/await, the transformed
// Deferred coroutine, TypeScript's ES2015 downlevel, inlineCallbacks, the runtime-only
// wrapper). Bytes = (heap with N suspended coroutines and their pending values − heap
// with the N pending values alone) / N, after full GCs; median of 5 measurements.
//
//   node bench/suspended-memory.mjs [--n=100000]
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "../scripts/compile-ts.mjs";
import { median } from "./median.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=", 2)));
const N = Number(args.n ?? 100_000);

if (!globalThis.gc) {
  // Re-run this script with --expose-gc.
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit", cwd: root });
  process.exit(r.status ?? 1);
}

const out = join(root, "node_modules", ".cache", `dc-memory-${process.pid}`);
try {
  compileTree(root, [join(root, "bench", "transform-awaits.ts")], out);
  process.chdir(root);
  const { VARIANTS, pending } = createRequire(join(out, "x.js"))(join(out, "bench", "transform-awaits.js"));
  const heap = () => {
    for (let i = 0; i < 4; i++) globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  console.log(`## Memory per suspended coroutine (N = ${N}, Node ${process.version})\n`);
  console.log("| variant | bytes per suspended coroutine | × native |\n|---|---|---|");
  let native;
  for (const v of VARIANTS) {
    const samples = [];
    for (let k = 0; k < 5; k++) {
      const values = [];
      const fire = [];
      for (let i = 0; i < N; i++) {
        const [p, f] = pending(v.deferred);
        values.push(p);
        fire.push(f);
      }
      const before = heap();
      const suspended = values.map((p) => v.fns.waiter(p));
      const after = heap();
      samples.push((after - before) / N);
      for (const f of fire) f(1); // settle, so nothing leaks into the next sample
      suspended.length = 0;
    }
    const bytes = median(samples);
    native ??= bytes;
    console.log(`| ${v.name} | ${bytes.toFixed(0)} B | ${(bytes / native).toFixed(2)} |`);
  }
  console.log("\n(The transformed and wrapper variants keep each result Deferred in an array; native variants keep a Promise: the same one object per coroutine.)");
} finally {
  rmSync(out, { recursive: true, force: true });
}
