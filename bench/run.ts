/**
 * The benchmark runner (`npm run bench`, through scripts/bench.mjs, which
 * transpiles bench/ and the runtime to CommonJS first).
 *
 * The parent process starts `--processes` child processes one after another
 * (the machine's cores are shared: children never run concurrently). Each
 * child loads every case module in this directory, warms up (and picks `n`
 * for cases that did not fix it), then runs `--rounds` rounds; each round runs
 * every case once, in a fresh random order, so that drifts in machine speed
 * hit all variants alike. A child reports the median time per operation of
 * each case. The parent computes each case's ratio to its group's baseline
 * *inside each process*, and prints the median over processes, with the
 * spread. `gc()` is never called between samples: it would discard optimised
 * code and measure something no program sees.
 *
 * Options: `--processes=3 --rounds=15 --warmup=5 --filter=<text> --out=<file>`
 * (`--quick` = 1 process, 5 rounds, 2 warm-up rounds).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { BenchCase } from "./case.js";

/** Target duration of one sample, in milliseconds. */
const TARGET_MS = 20;

interface Options {
  processes: number;
  rounds: number;
  warmup: number;
  filter: string;
  out: string | undefined;
  child: boolean;
}

/** One case's result in one process. */
interface CaseResult {
  group: string;
  name: string;
  baseline: boolean | "sync";
  n: number;
  /** Median nanoseconds per operation over the rounds. */
  nsPerOp: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { processes: 3, rounds: 15, warmup: 5, filter: "", out: undefined, child: false };
  for (const arg of argv) {
    const [key, value = ""] = arg.replace(/^--/, "").split("=", 2);
    if (key === "processes") o.processes = Math.max(1, Number(value));
    else if (key === "rounds") o.rounds = Math.max(1, Number(value));
    else if (key === "warmup") o.warmup = Math.max(1, Number(value));
    else if (key === "filter") o.filter = value;
    else if (key === "out") o.out = value;
    else if (key === "child") o.child = true;
    else if (key === "quick") Object.assign(o, { processes: 1, rounds: 5, warmup: 2 });
    else throw new Error(`bench: unknown option ${arg}`);
  }
  return o;
}

/** Loads `cases` from every compiled module next to this one, except the runner's own. */
function loadCases(filter: string): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const file of readdirSync(__dirname).sort()) {
    if (!file.endsWith(".js") || file === "run.js" || file === "case.js") continue;
    // The runner is compiled to CommonJS (scripts/bench.mjs): require loads the case modules synchronously.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(__dirname, file)) as { cases?: BenchCase[] };
    if (!Array.isArray(mod.cases)) throw new Error(`bench/${file}: no exported "cases" array`);
    for (const c of mod.cases) {
      if (filter === "" || c.group.includes(filter) || c.name.includes(filter)) cases.push(c);
    }
  }
  return cases;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Time of one sample, in milliseconds. */
async function sample(c: BenchCase, n: number): Promise<number> {
  const t0 = performance.now();
  const r = c.run(n);
  if (r !== undefined && r !== null && typeof (r as PromiseLike<unknown>).then === "function") await r;
  return performance.now() - t0;
}

/** Child: measure every case and return the medians. */
async function measure(o: Options): Promise<CaseResult[]> {
  const cases = loadCases(o.filter);
  const ns = new Map<BenchCase, number>(cases.map((c) => [c, c.n ?? 16]));
  const times = new Map<BenchCase, number[]>(cases.map((c) => [c, []]));
  const order = cases.slice();
  for (let round = 0; round < o.warmup + o.rounds; round++) {
    for (const c of shuffle(order)) {
      const n = ns.get(c)!;
      const ms = await sample(c, n);
      if (round < o.warmup) {
        // Calibrate n towards TARGET_MS per sample, by at most 64x per round.
        if (c.n === undefined) {
          const want = Math.round((n * TARGET_MS) / Math.max(ms, 0.05));
          ns.set(c, Math.max(1, Math.min(n * 64, Math.max(Math.floor(n / 4), want))));
        }
      } else {
        times.get(c)!.push((ms * 1e6) / n);
      }
    }
  }
  return cases.map((c) => ({
    group: c.group,
    name: c.name,
    baseline: c.baseline ?? false,
    n: ns.get(c)!,
    nsPerOp: median(times.get(c)!),
  }));
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

function formatRatio(rs: number[]): string {
  if (rs.length === 0) return "";
  const m = median(rs);
  const digits = m < 0.1 ? 3 : 2;
  if (rs.length === 1) return m.toFixed(digits);
  return `${m.toFixed(digits)} (${Math.min(...rs).toFixed(digits)}–${Math.max(...rs).toFixed(digits)})`;
}

/** Parent: aggregate per-process results into a markdown table. */
function table(runs: CaseResult[][], o: Options): string {
  // Cases are registered variant by variant; the table lists them group by
  // group (groups in order of first appearance, variants in registration order).
  const groups = [...new Set(runs[0].map((r) => r.group))];
  const keys = groups.flatMap((g) => runs[0].filter((r) => r.group === g).map((r) => `${r.group}\u0000${r.name}`));
  const lines = [
    "| group | variant | time per op | × baseline | × sync loop | n per sample |",
    "|---|---|---|---|---|---|",
  ];
  let lastGroup = "";
  for (const key of keys) {
    const [group, name] = key.split("\u0000");
    const per = runs.map((run) => run.find((r) => r.group === group && r.name === name)!);
    const ratios = (kind: true | "sync"): number[] =>
      runs.flatMap((run) => {
        const base = run.find((r) => r.group === group && r.baseline === kind);
        const me = run.find((r) => r.group === group && r.name === name)!;
        return base === undefined ? [] : [me.nsPerOp / base.nsPerOp];
      });
    const mark = per[0].baseline === true ? " (baseline)" : per[0].baseline === "sync" ? " (sync loop)" : "";
    lines.push(
      `| ${group === lastGroup ? "" : group} | ${name}${mark} | ${formatNs(median(per.map((r) => r.nsPerOp)))} | ` +
        `${formatRatio(ratios(true))} | ${formatRatio(ratios("sync"))} | ${per[0].n} |`,
    );
    lastGroup = group;
  }
  const header = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString()} — Node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}.`,
    `${runs.length} process(es) × ${o.rounds} rounds after ${o.warmup} warm-up rounds; variants interleaved ` +
      "in random order each round. Times are medians; ratios are computed inside each process " +
      "(case ÷ baseline of its group) and shown as the median over processes (min–max). Lower is faster.",
    "",
  ];
  return header.concat(lines).join("\n") + "\n";
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (o.child) {
    const results = await measure(o);
    process.stdout.write(JSON.stringify(results));
    return;
  }
  const runs: CaseResult[][] = [];
  const childArgs = [`--rounds=${o.rounds}`, `--warmup=${o.warmup}`, `--filter=${o.filter}`, "--child"];
  for (let p = 0; p < o.processes; p++) {
    process.stderr.write(`bench: process ${p + 1}/${o.processes}…\n`);
    const child = spawnSync(process.execPath, [__filename, ...childArgs], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (child.status !== 0) throw new Error(`bench: child process failed with status ${child.status}`);
    runs.push(JSON.parse(child.stdout) as CaseResult[]);
  }
  if (runs[0].length === 0) throw new Error("bench: no cases matched");
  const md = table(runs, o);
  process.stdout.write(md);
  if (o.out !== undefined) {
    writeFileSync(o.out, md);
    process.stderr.write(`bench: wrote ${o.out}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
