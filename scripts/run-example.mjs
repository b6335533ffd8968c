#!/usr/bin/env node
// `npm run example [name]`: compiles examples/<name>/main.ts (default: crawler)
// and the runtime it imports into a temporary directory (scripts/compile-ts.mjs),
// runs it on Node, exits with its exit code, and removes the temporary
// directory. Nothing has to be built beforehand.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "./compile-ts.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2] ?? "crawler";
const entry = join(root, "examples", name, "main.ts");
if (!existsSync(entry)) {
  console.error(`run-example: no examples/${name}/main.ts`);
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), "deferred-coroutine-example-"));
let status = 1;
try {
  const [main] = compileTree(root, [entry], out);
  const child = spawnSync(process.execPath, [main, ...process.argv.slice(3)], { stdio: "inherit", cwd: root });
  status = child.status ?? 1;
} catch (e) {
  console.error(`run-example: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
