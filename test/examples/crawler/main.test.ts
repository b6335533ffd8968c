import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..", "..");
const distDir = join(root, "examples", "crawler", "dist");
let out = "";
let run: SpawnSyncReturns<string>;
let texts: string[] = [];
let times: number[] = [];

// One run, shared by the assertions below: `npm run example` builds the package if
// dist/ is stale, compiles the example with tspc and its tsconfig plugin entry, and
// runs it. --out-dir keeps the compiled JavaScript for inspection.
beforeAll(() => {
  mkdirSync(distDir, { recursive: true });
  out = mkdtempSync(join(distDir, "test-"));
  run = spawnSync(process.execPath, [join(root, "scripts", "run-example.mjs"), `--out-dir=${out}`, "crawler"], {
    cwd: root,
    encoding: "utf8",
  });
  const parsed = run.stdout
    .trimEnd()
    .split("\n")
    .map((line) => {
      const m = /^\[(\d+\.\d{3})s\] (.*)$/.exec(line);
      return m === null ? { t: Number.NaN, text: line } : { t: Number(m[1]), text: m[2] };
    });
  texts = parsed.map((p) => p.text);
  times = parsed.map((p) => p.t);
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
  try {
    rmdirSync(distDir); // only if no concurrent run is using it
  } catch {
    // in use, or already gone
  }
});

describe("examples/crawler (npm run example)", () => {
  it("exits with code 0, and its only message on stderr is the build notice", () => {
    const stderr = run.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("run-example: building the package"));
    expect(stderr).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("prints the crawl's events in causal order, each with a timestamp relative to the start", () => {
    expect(texts).toEqual([
      "crawl start",
      "level 0: fetching /",
      "GET / -> 200, 3 link(s)",
      "level 0 done: 1 ok, 0 failed",
      "level 1: fetching /docs /blog /about",
      "GET /about -> HTTP 404",
      "GET /docs -> 200, 3 link(s)",
      "GET /blog -> 200, 2 link(s)",
      "level 1 done: 2 ok, 1 failed",
      "level 2: fetching /docs/api /docs/guide /blog/2024 /blog/slow",
      "cancel GET mirror-a/docs/api",
      "GET /docs/api: mirror-b answered first",
      "GET /docs/api -> 200, 1 link(s)",
      "GET /blog/2024 -> 200, 0 link(s)",
      "GET /docs/guide -> 200, 1 link(s)",
      "cancel GET /blog/slow",
      "GET /blog/slow -> timed out after 0.5 s",
      "level 2 done: 3 ok, 1 failed",
      // Only a compiled coroutine passes cancel() on to the Deferred it awaits: a
      // native async function's Promise cannot be cancelled.
      "cancel GET /sitemap.xml",
      "sitemap request cancelled: the crawl finished first",
      "crawl done: 6 pages, 2 failed",
    ]);
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect(times).toEqual(times.slice().sort((a, b) => a - b));
  });

  it("was compiled by the tsconfig plugin: the marked async functions are state machines on the injected runtime import", () => {
    const js = readFileSync(join(out, "main.js"), "utf8");
    expect(js).toContain("/* deferred-coroutine: compiled */");
    // The runtime import the transform injects, under its own name, next to the example's own import.
    expect(js).toMatch(/const \$\w* = require\("deferred-coroutine"\);/);
    for (const name of ["main", "fetchPage", "visit", "crawl", "prefetchSitemap"]) {
      expect(js).toContain(`coSite("${name}", "main.ts"`);
    }
    expect(js.match(/\.coSite\(/g)).toHaveLength(5);
    expect(js).not.toMatch(/\basync (function\s*\w*\s*)?\(/);
    expect(js).not.toMatch(/\bawait [\w$(]/);
    // The inlineCallbacks generator is left as it is.
    expect(js).toMatch(/inlineCallbacks\)\(function\* \(urls\)/);
  });
});
