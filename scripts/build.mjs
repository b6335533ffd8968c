#!/usr/bin/env node
// Builds the published package:
//   dist/cjs/**  — tsc output (CommonJS + .d.ts), the one real copy of the code;
//   dist/esm/**  — thin .mjs wrappers that re-export the CommonJS entries by name,
//                  so ESM and CommonJS consumers share ONE Deferred class
//                  (no dual-package hazard for `instanceof Deferred`).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
rmSync(join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
  cwd: root,
});

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
for (const [subpath, entry] of Object.entries(pkg.exports)) {
  if (typeof entry !== "object" || !entry.import) continue;
  const cjs = join(root, entry.require);
  const esm = join(root, entry.import);
  const mod = require(cjs);
  const names = Object.keys(mod).filter((n) => n !== "__esModule" && n !== "default");
  const spec = relative(dirname(esm), cjs).split("\\").join("/");
  const lines = [
    `// ESM entry for "${pkg.name}${subpath.slice(1)}": re-exports the CommonJS build (one copy of the code).`,
    `import mod from ${JSON.stringify(spec.startsWith(".") ? spec : "./" + spec)};`,
    ...names.map((n) => `export const ${n} = mod.${n};`),
  ];
  if ("default" in mod) lines.push("export default mod.default;");
  mkdirSync(dirname(esm), { recursive: true });
  writeFileSync(esm, lines.join("\n") + "\n");
}
console.log("built dist/cjs and dist/esm");
