#!/usr/bin/env node
// `npm run bench`: compiles bench/*.ts and the runtime they import into a
// temporary directory (scripts/compile-ts.mjs), runs the compiled runner
// (bench/run.ts), which writes bench/results.md, and removes the directory.
// Arguments go to the runner, e.g. `npm run bench -- --quick --filter=timers`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "./compile-ts.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(join(tmpdir(), "deferred-coroutine-bench-"));
const sources = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => join(root, "bench", f));
try {
  compileTree(root, sources, out);
  const runner = spawnSync(
    process.execPath,
    [join(out, "bench", "run.js"), `--out=${join(root, "bench", "results.md")}`, ...process.argv.slice(2)],
    { stdio: "inherit", cwd: root },
  );
  process.exitCode = runner.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
