#!/usr/bin/env node
// `npm run bench`: compiles bench/*.ts (and the runtime they import) with tsc
// into a temporary directory, runs the compiled runner (bench/run.ts), which
// writes bench/results.md, and removes the temporary directory.
// Arguments are passed to the runner, e.g. `npm run bench -- --quick --filter=reactor`.
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const out = mkdtempSync(join(tmpdir(), "deferred-coroutine-bench-"));
const sources = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => join(root, "bench", f));

try {
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve("typescript/bin/tsc"),
      "--ignoreConfig",
      "--noCheck", // types are checked by `npm run typecheck`; this only emits
        ...sources,
        ...["--outDir", out, "--rootDir", root, "--module", "nodenext", "--moduleResolution", "nodenext"],
        ...["--target", "ES2022", "--lib", "ES2023,DOM", "--types", "node", "--strict", "--skipLibCheck"],
        ...["--sourceMap", "false", "--declaration", "false"],
      ],
      { stdio: "inherit", cwd: root },
    );
  } catch {
    // tsc still emits on type errors; run what was emitted, but say so.
    if (!existsSync(join(out, "bench", "run.js"))) process.exit(1);
    console.error("bench: tsc reported errors (above); running the emitted JavaScript anyway");
  }
  const runner = spawnSync(
    process.execPath,
    [join(out, "bench", "run.js"), `--out=${join(root, "bench", "results.md")}`, ...process.argv.slice(2)],
    { stdio: "inherit", cwd: root },
  );
  process.exitCode = runner.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
