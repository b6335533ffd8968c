import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..", "..");

describe("examples/crawler (npm run example)", () => {
  // One run, shared by the assertions below: it compiles the example with tsc first.
  const run = spawnSync(process.execPath, [join(root, "scripts", "run-example.mjs"), "crawler"], {
    cwd: root,
    encoding: "utf8",
  });
  const lines = run.stdout.trimEnd().split("\n");
  const parsed = lines.map((line) => {
    const m = /^\[(\d+\.\d{3})s\] (.*)$/.exec(line);
    return m === null ? { t: Number.NaN, text: line } : { t: Number(m[1]), text: m[2] };
  });

  it("exits with code 0 and writes nothing to stderr", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("prints the crawl's events in causal order, each with a timestamp relative to the start", () => {
    expect(parsed.map((p) => p.text)).toEqual([
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
      "cancel GET /sitemap.xml",
      "sitemap request cancelled: the crawl finished first",
      "crawl done: 6 pages, 2 failed",
    ]);
    const times = parsed.map((p) => p.t);
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect(times).toEqual(times.slice().sort((a, b) => a - b));
  });

  it("cancels the slow request no earlier than its 0.5 s timeout", () => {
    const start = parsed.find((p) => p.text.startsWith("level 2: fetching"))!.t;
    const timedOut = parsed.find((p) => p.text === "cancel GET /blog/slow")!.t;
    // A timed call never runs before its time; the printed times are rounded to 1 ms.
    expect(timedOut - start).toBeGreaterThanOrEqual(0.499);
  });
});
