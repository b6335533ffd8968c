#!/usr/bin/env node
// `npm run bench:eslint`: what the ESLint plugin costs on this repository's own
// sources (runtime/, transformer/, eslint-plugin/). Lints them with the
// repository's eslint.config.mjs alone, then with the plugin's configs added, in
// interleaved rounds (fresh ESLint instance, no cache), and prints the median
// time of each:
//
//   base                      the repository's config (js + typescript-eslint recommended)
//   + recommended             base + deferred-coroutine/recommended (no type information)
//   + type info only          base + parserOptions.projectService, none of our rules
//   + recommended-type-checked base + type info + deferred-coroutine/recommended-type-checked
//
// The untyped config is meant to add at most 10% to `base`. Wall-clock times on a
// shared machine drift between runs, so the script also measures the plugin's
// cost inside each run: ESLint's own per-rule timings (`stats: true`) give the
// time spent in deferred-coroutine/* rules, compared with the rest of that run
// (parsing, scope analysis, the other rules). Typed linting is dominated by the
// TypeScript program, so the typed config is also compared with `type info only`.
// Options: --rounds=N (default 5).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileTree } from "../scripts/compile-ts.mjs";
import { median } from "./median.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { ESLint } = require("eslint");
const rounds = Number(process.argv.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 5);
const PATTERNS = ["runtime/**/*.ts", "transformer/**/*.ts", "eslint-plugin/**/*.ts"];

const out = mkdtempSync(join(tmpdir(), "deferred-coroutine-eslint-cost-"));
try {
  // The plugin from source, compiled next to a copy of its layout (it imports only types and itself).
  compileTree(root, [join(root, "eslint-plugin", "index.ts")], out);
  const plugin = require(join(out, "eslint-plugin", "index.js")).default;
  const base = (await import(pathToFileURL(join(root, "eslint.config.mjs")).href)).default;
  const typeInfo = {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
  };
  const variants = {
    base: base,
    "+ recommended": [...base, plugin.configs.recommended],
    "+ type info only": [...base, typeInfo],
    "+ recommended-type-checked": [...base, typeInfo, plugin.configs["recommended-type-checked"]],
  };

  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const shares = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  let files = 0;
  let problems = {};
  for (let round = 0; round <= rounds; round++) {
    for (const [name, config] of Object.entries(variants)) {
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, cache: false, stats: true });
      const start = performance.now();
      const results = await eslint.lintFiles(PATTERNS);
      const ms = performance.now() - start;
      if (round === 0) {
        // Warm-up round: loads parsers and modules; not counted.
        files = results.length;
        problems[name] = results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith("deferred-coroutine/")).length, 0);
        continue;
      }
      times[name].push(ms);
      let ours = 0;
      let all = 0;
      for (const result of results) {
        for (const pass of result.stats?.times.passes ?? []) {
          all += pass.total;
          for (const [rule, timing] of Object.entries(pass.rules ?? {})) {
            if (rule.startsWith("deferred-coroutine/")) ours += timing.total;
          }
        }
      }
      shares[name].push(all > ours ? ours / (all - ours) : 0);
    }
  }

  const baseMs = median(times.base);
  const typeInfoMs = median(times["+ type info only"]);
  console.log(`ESLint on ${files} files of runtime/, transformer/, eslint-plugin/ — median of ${rounds} rounds (ms)\n`);
  console.log("| config | ms | vs base | vs type info only | plugin rules / rest of run | plugin reports |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const name of Object.keys(variants)) {
    const ms = median(times[name]);
    const vsBase = `${((ms / baseMs - 1) * 100).toFixed(1)}%`;
    const vsTyped = name.includes("type") ? `${((ms / typeInfoMs - 1) * 100).toFixed(1)}%` : "";
    const share = median(shares[name]);
    const sign = (text) => (text.startsWith("-") ? text : `+${text}`);
    console.log(
      `| ${name} | ${ms.toFixed(0)} | ${name === "base" ? "" : sign(vsBase)} | ${vsTyped && name !== "+ type info only" ? sign(vsTyped) : ""} | ${share > 0 ? `+${(share * 100).toFixed(1)}%` : ""} | ${problems[name]} |`,
    );
  }
  const wall = median(times["+ recommended"]) / baseMs - 1;
  const inRun = median(shares["+ recommended"]);
  console.log(
    `\nrecommended adds ${(inRun * 100).toFixed(1)}% measured inside the run (${(wall * 100).toFixed(1)}% wall clock against base) ` +
      `— budget 10%: ${inRun <= 0.1 ? "within budget" : "OVER BUDGET"}`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
