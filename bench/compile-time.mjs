#!/usr/bin/env node
// Compile-time cost of the @deferredCoroutine transform under tspc.
//
//   node bench/compile-time.mjs [--files=300] [--runs=7]
//
// Generates a project of N TypeScript files (classes, async functions, imports between
// files) and measures the compiler process's CPU time, median of --runs interleaved runs, of:
//   - plain `tsc`                                    (the baseline);
//   - `tspc` without plugins                         (ts-patch's own cost);
//   - `tspc` with the plugin, no marks in the project (the goal: ≤ 10% over tsc);
//   - `tspc` with the plugin, one marked async function per file;
//   - plain `tsc` of a copy of TypeScript patched on disk by `ts-patch install`, with the
//     plugin, no marks: the same plugin without tspc's live patching of the compiler at
//     every start (what most of tspc's own cost is).
// The two tspc + plugin variants also time the plugin from inside (timed-plugin.js):
// the plugin's own cost on unmarked files and per marked function.
// Every variant with the plugin is checked to have run it (marked output has coSite calls).
// The plugin is the transformer compiled from this checkout (scripts/compile-ts.mjs).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTree } from "../scripts/compile-ts.mjs";
import { median } from "./median.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=", 2)));
const FILES = Number(args.files ?? 300);
const RUNS = Number(args.runs ?? 7);

// Inside node_modules so "typescript" and "deferred-coroutine"-free code resolve from the repository.
const work = join(root, "node_modules", ".cache", `dc-compile-time-${process.pid}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function fileText(i, marked) {
  const prev = i > 0 ? `import { Service${i - 1} } from "./f${i - 1}.js";\n` : "";
  const mark = marked ? "/** @deferredCoroutine */\n" : "/** Loads one item. */\n";
  return `${prev}export interface Item${i} { id: number; name: string; tags: string[] }
export class Service${i} {
  private cache = new Map<number, Item${i}>();
  constructor(private readonly base: string) {}
  get size(): number { return this.cache.size; }
  ${mark}  async load(id: number, fetch: (u: string) => Promise<Item${i}>): Promise<Item${i}> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    try {
      const item = await fetch(this.base + "/" + id);
      for (const t of item.tags) if (t === "skip") return item;
      this.cache.set(id, item);
      return item;
    } finally {
      this.cache.delete(-1);
    }
  }
  names(): string[] { return [...this.cache.values()].map((x) => x.name.toUpperCase()); }
}
export function make${i}(base: string): Service${i} { return new Service${i}(base); }
export async function total${i}(s: Service${i}, ids: number[], fetch: (u: string) => Promise<Item${i}>): Promise<number> {
  let n = 0;
  for (const id of ids) n += (await s.load(id, fetch)).id;
  return n;
}
${i > 0 ? `export const link${i} = (x: Service${i - 1}) => x.size;\n` : ""}`;
}

function project(name, marked, plugins) {
  const dir = join(work, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, "src", `f${i}.ts`), fileText(i, marked));
  const compilerOptions = { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, rootDir: "src", outDir: "dist", types: [], skipLibCheck: true, plugins };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "commonjs" }));
  return dir;
}

compileTree(root, [join(root, "transformer", "index.ts")], join(work, "plugin"));
const plugin = [{ transform: join(work, "plugin", "transformer", "index.js") }];
// The same plugin with a stopwatch: the time spent inside it (loading it, making
// its transformer, transforming each file), reported by the process at exit.
// Far steadier than a difference of two whole-compiler CPU times.
writeFileSync(
  join(work, "timed-plugin.js"),
  `let ns = 0n;
const timed = (f) => (...a) => { const t = process.hrtime.bigint(); try { return f(...a); } finally { ns += process.hrtime.bigint() - t; } };
process.on("exit", () => require("fs").writeSync(2, "\\nPLUGIN_US " + ns / 1000n + "\\n"));
const real = timed(() => require(${JSON.stringify(plugin[0].transform)}))();
module.exports = timed((...a) => { const factory = (real.default ?? real)(...a); return timed((context) => timed(factory(context))); });
`,
);
const timedPlugin = [{ transform: join(work, "timed-plugin.js") }];
// A plugin that does nothing: separates ts-patch's cost of running any plugin from ours.
writeFileSync(join(work, "noop-plugin.js"), "module.exports = () => () => (sourceFile) => sourceFile;\n");
const noop = [{ transform: join(work, "noop-plugin.js") }];
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const tspc = join(root, "node_modules", "ts-patch", "bin", "tspc.js");
// A copy of TypeScript patched in place, as `npx ts-patch install` does in a user's project.
const installed = join(work, "installed", "node_modules", "typescript");
cpSync(join(root, "node_modules", "typescript"), installed, { recursive: true });
const patch = spawnSync(process.execPath, [join(root, "node_modules", "ts-patch", "bin", "ts-patch.js"), "install", "-s", "-d", installed], { encoding: "utf8" });
if (patch.status !== 0) throw new Error(`ts-patch install failed (${patch.status}):\n${patch.stdout}${patch.stderr}`);
const patchedTsc = join(installed, "bin", "tsc");
const variants = [
  { name: "tsc", bin: tsc, dir: project("plain", false, []) },
  { name: "tspc, no plugin", bin: tspc, dir: project("patched", false, []) },
  { name: "tspc + a no-op plugin", bin: tspc, dir: project("noop", false, noop) },
  { name: "tspc + plugin, no marks", bin: tspc, dir: project("unmarked", false, timedPlugin) },
  { name: `tspc + plugin, ${FILES} marked functions`, bin: tspc, dir: project("marked", true, timedPlugin) },
  { name: "tsc patched by `ts-patch install` + plugin, no marks", bin: patchedTsc, dir: project("installed", false, plugin) },
];
/** Variants whose output must show that the plugin compiled (marked) or saw (unmarked) the project. */
const usesPlugin = new Map([[variants[3].name, false], [variants[4].name, true], [variants[5].name, false]]);

// The machine is shared: wall time swings with other load, so each compiler process
// reports its own CPU time (user + system) at exit, which is what the table shows.
writeFileSync(join(work, "cpu-time.cjs"), "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeSync(2, '\\nCPU_US ' + (u.user + u.system) + '\\n'); });\n");

function compile(v) {
  const r = spawnSync(process.execPath, ["-r", join(work, "cpu-time.cjs"), v.bin, "-p", v.dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${v.name} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  const inPlugin = /PLUGIN_US (\d+)/.exec(r.stderr);
  if (inPlugin !== null) (pluginTimes.get(v.name) ?? pluginTimes.set(v.name, []).get(v.name)).push(Number(inPlugin[1]) / 1000);
  return Number(/CPU_US (\d+)/.exec(r.stderr)[1]) / 1000;
}
/** Per variant with the timed plugin: milliseconds spent inside the plugin, one per compile. */
const pluginTimes = new Map();

try {
  for (const v of variants) compile(v); // warm-up (ts-patch builds its patched compiler once)
  // The plugin ran: marked output holds state machines; unmarked output is untouched by it.
  for (const [name, marked] of usesPlugin) {
    const v = variants.find((x) => x.name === name);
    const js = readFileSync(join(v.dir, "dist", "f1.js"), "utf8");
    if (js.includes(".coSite(") !== marked) throw new Error(`${name}: expected ${marked ? "" : "no "}compiled coroutine in dist/f1.js`);
  }
  // The installed-patch variant must run the plugin too: compile its project once with marks.
  const probe = { name: "installed, marked", bin: patchedTsc, dir: project("installed-marked", true, plugin) };
  compile(probe);
  if (!readFileSync(join(probe.dir, "dist", "f1.js"), "utf8").includes(".coSite(")) throw new Error("tsc patched by ts-patch install did not run the plugin");
  const times = new Map(variants.map((v) => [v.name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const v of [...variants].sort(() => Math.random() - 0.5)) times.get(v.name).push(compile(v));
  }
  // Ratios are taken round by round (each variant against the tsc run of the same
  // round, the two minutes apart at most), then the median over rounds: a drift
  // in machine speed between rounds then cancels out.
  const tscTimes = times.get("tsc");
  console.log(`## Compile time, ${FILES} files, CPU time of the compiler process, median of ${RUNS} runs (Node ${process.version})\n`);
  console.log("| variant | CPU time | × tsc (min–max over rounds) |\n|---|---|---|");
  for (const v of variants) {
    const ratios = times.get(v.name).map((t, i) => t / tscTimes[i]);
    const range = `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`;
    console.log(`| ${v.name} | ${(median(times.get(v.name)) / 1000).toFixed(2)} s | ${median(ratios).toFixed(3)} (${range}) |`);
  }
  pluginTimes.forEach((xs) => xs.splice(0, xs.length - RUNS)); // drop the warm-up and probe compiles
  const inPlugin = (name) => median(pluginTimes.get(name));
  const unmarkedMs = inPlugin(variants[3].name);
  const markedMs = inPlugin(variants[4].name);
  console.log(
    `\nTime inside the plugin (loading it, making its transformer, transforming every file; median of ${RUNS}): ` +
      `${unmarkedMs.toFixed(1)} ms on ${FILES} unmarked files (${((unmarkedMs / median(tscTimes)) * 100).toFixed(2)}% of tsc's CPU time), ` +
      `${markedMs.toFixed(1)} ms on ${FILES} files with one marked function each: ${(markedMs / FILES).toFixed(2)} ms per marked function ` +
      `(detection, analysis, the state machine; TypeScript's own printing of the larger output comes on top).`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
