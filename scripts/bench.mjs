#!/usr/bin/env node
// `npm run bench`: compiles bench/*.ts and the runtime they import into a
// temporary directory (scripts/compile-ts.mjs), runs the compiled runner
// (bench/run.ts), which writes bench/results.md, and removes the directory; then
// appends the memory per suspended coroutine (bench/suspended-memory.mjs), the
// synchronous descent depth (bench/descent-depth.mjs) and the compile time under
// tspc (bench/compile-time.mjs) to the same file.
// Arguments go to the runner, e.g. `npm run bench -- --quick --filter=timers`
// (a --filter run, or --no-extras, skips the appended measurements).
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "./compile-ts.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(join(tmpdir(), "deferred-coroutine-bench-"));
const sources = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => join(root, "bench", f));
const args = process.argv.slice(2);
const outFile = [...args].reverse().find((a) => a.startsWith("--out="))?.slice("--out=".length) ?? join(root, "bench", "results.md");
const quick = args.includes("--quick");
// The memory, descent and compile-time measurements run as their own processes (they
// need --expose-gc, fresh JIT state and whole compiler runs) and are appended to the same file; a
// filtered run (--filter=…) or --no-extras skips them.
const extras = !args.some((a) => a.startsWith("--filter=")) && !args.includes("--no-extras");
const runnerArgs = args.filter((a) => a !== "--no-extras");
try {
  compileTree(root, sources, out);
  const runner = spawnSync(process.execPath, [join(out, "bench", "run.js"), `--out=${outFile}`, ...runnerArgs], { stdio: "inherit", cwd: root });
  process.exitCode = runner.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (process.exitCode === 0 && extras) {
  for (const [script, extra] of [
    ["suspended-memory.mjs", quick ? ["--n=20000"] : []],
    ["descent-depth.mjs", quick ? ["--runs=1"] : []],
    ["compile-time.mjs", quick ? ["--runs=3", "--files=100"] : []],
  ]) {
    process.stderr.write(`bench: ${script}…\n`);
    const r = spawnSync(process.execPath, [join(root, "bench", script), ...extra], { encoding: "utf8", cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    if (r.status !== 0) {
      process.stderr.write(`bench: ${script} failed with status ${r.status}\n`);
      process.exitCode = 1;
      break;
    }
    process.stdout.write("\n" + r.stdout);
    appendFileSync(outFile, "\n" + r.stdout);
  }
}
