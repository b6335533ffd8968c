#!/usr/bin/env node
// `npm run example [name]`: compiles examples/<name>/*.ts (default: crawler),
// with the runtime they import, into a temporary directory with tsc, runs
// examples/<name>/main.js on Node, exits with its exit code, and removes the
// temporary directory. Nothing has to be built beforehand.
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const name = process.argv[2] ?? "crawler";
const dir = join(root, "examples", name);
if (!existsSync(join(dir, "main.ts"))) {
  console.error(`run-example: no examples/${name}/main.ts`);
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), "deferred-coroutine-example-"));
let status = 1;
try {
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => join(dir, f));
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
  const child = spawnSync(process.execPath, [join(out, "examples", name, "main.js"), ...process.argv.slice(3)], {
    stdio: "inherit",
    cwd: root,
  });
  status = child.status ?? 1;
} catch (e) {
  console.error(`run-example: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
