#!/usr/bin/env node
// Measures the built playground (playground/dist) in Debian's Chromium and prints
// a Markdown table: gzipped sizes, time to first output (cold and warm), and the
// worker's re-transform + re-lint time after an edit (warm). Wall-clock numbers:
// for the README, never for assertions.
// Usage: npm run build:playground && node playground/scripts/measure.mjs
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const assets = join(dist, "assets");
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const html = readFileSync(join(dist, "index.html"), "utf8");
const initial = [join(dist, "index.html"), ...[...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => join(dist, m[1]))];
const files = readdirSync(assets);
const pick = (prefix) => files.filter((f) => f.startsWith(prefix)).map((f) => join(assets, f));
const worker = [...pick("compile-worker"), ...pick("lint-"), ...pick("api-"), ...pick("eslint-plugin")];
const sandbox = pick("sandbox");
const sum = (list) => list.reduce((n, f) => n + gz(f), 0);

const { server, url } = await serve(dist, 0);
const profile = mkdtempSync(join(tmpdir(), "pg-measure-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function firstOutput(page) {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("body[data-output]", { timeout: 120_000 });
  const output = Date.now() - t0;
  await page.waitForSelector("body[data-compiled]", { timeout: 120_000 });
  return { output, all: Date.now() - t0 };
}

const page = context.pages()[0] ?? (await context.newPage());
const cold = await firstOutput(page);
const warmRuns = [];
for (let i = 0; i < 3; i++) warmRuns.push(await firstOutput(page));

// Edits: type one character at the end of line 1, wait for the new result.
const workerMs = [];
const roundTrips = [];
await page.click("[data-testid=source-editor] .cm-content");
for (let i = 0; i < 12; i++) {
  const before = Number(await page.getAttribute("body", "data-compiled"));
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press(i % 2 ? "Backspace" : "Space");
  await page.waitForFunction((n) => Number(document.body.dataset.compiled) > n, before);
  if (i >= 2) {
    workerMs.push(Number(await page.getAttribute("body", "data-worker-ms")));
    roundTrips.push(Number(await page.getAttribute("body", "data-round-trip")));
  }
}
await context.close();
server.close();
rmSync(profile, { recursive: true, force: true });

const rows = [
  ["initial page (HTML + JS + CSS), gzipped", kb(sum(initial))],
  ["compile worker (TypeScript, ESLint, typescript-eslint, transformer, plugin, lib .d.ts), gzipped", kb(sum(worker))],
  ["run sandbox (runtime + boot), gzipped, loaded on first Run", kb(sum(sandbox))],
  ["time to first output, cold (empty cache)", `${cold.output} ms`],
  ["time to first output, warm (reload, median of 3)", `${median(warmRuns.map((r) => r.output))} ms`],
  ["time to first type-check + lint results, cold", `${cold.all} ms`],
  ["time to first type-check + lint results, warm (median of 3)", `${median(warmRuns.map((r) => r.all))} ms`],
  ["re-transform + type-check + re-lint after an edit, in the worker (median of 10)", `${median(workerMs).toFixed(0)} ms`],
  ["same, request to result on screen, after the 150 ms debounce (median of 10)", `${median(roundTrips).toFixed(0)} ms`],
];
console.log("| measure | value |\n|---|---|");
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
