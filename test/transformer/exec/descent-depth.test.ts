/**
 * Synchronous descent: a coroutine that calls the next one before its first
 * await, until the stack overflows. A compiled coroutine must go at least as
 * deep as the native async function, and the overflow must arrive as a
 * rejection (RangeError), as it does natively.
 *
 * Measured by bench/descent-depth.mjs, each sample in its own Node process
 * (fresh JIT state; what V8 inlined decides the frame sizes), on the bench's
 * `descend` body compiled natively and by the transform.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

interface Condition {
  median: number;
  min: number;
  max: number;
  depths: number[];
  outcomes: string[];
  optimized: boolean;
}
type Row = { variant: string; warm: Condition; cold: Condition };

const root = join(__dirname, "..", "..", "..");

describe("synchronous descent depth", () => {
  let run: SpawnSyncReturns<string>;
  let native: Row;
  let compiled: Row;
  beforeAll(() => {
    // Variant 0 is native async/await, variant 1 the transformed coroutine (bench/transform-awaits.ts).
    run = spawnSync(process.execPath, [join(root, "bench", "descent-depth.mjs"), "--runs=2", "--variants=0,1", "--json"], { encoding: "utf8", cwd: root });
    if (run.status === 0) [native, compiled] = JSON.parse(run.stdout) as Row[];
  });

  it("the measurement ran", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect([native.variant, compiled.variant]).toEqual(["native async/await", "Deferred coroutine (transformed)"]);
  });

  it("warm (optimised code): every compiled run descends at least as deep as native's median", () => {
    expect(native.warm.optimized && compiled.warm.optimized).toBe(true);
    expect(compiled.warm.min).toBeGreaterThanOrEqual(native.warm.median);
  });

  it("cold (the first call descends, interpreter frames): within 0.5% of native", () => {
    // Measured: 7 237 levels against native's 7 241, every run; the entry's
    // interpreter frame has as many registers as native's (the awaited value
    // of state 0 lives in a dead parameter). With a `$v` local it was one
    // register more, 0.94×; the old entry-plus-step shape reached 0.50×.
    expect(compiled.cold.min).toBeGreaterThanOrEqual(0.995 * native.cold.median);
  });

  it("the overflow is a rejection with a RangeError, in both", () => {
    for (const r of [native, compiled]) expect(new Set([...r.warm.outcomes, ...r.cold.outcomes])).toEqual(new Set(["RangeError"]));
  });
});
