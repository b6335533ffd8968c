import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as runtime from "../../../runtime/index.js";
import { caseBody, caseSource, DISABLED_FEATURES, print } from "./generator.js";
import { describeMismatch, differential, runCase, type Runtime } from "./harness.js";
import { shrink } from "./shrink.js";

/** Fixed seed of the fuzz run in `npm test`; `node scripts/fuzz.mjs --seed=N --count=M` explores others. */
const SEED = 20261123;
const CASES = Number(process.env["DC_FUZZ_CASES"] ?? 2000);
const BATCH = 100;
const rt = runtime as unknown as Runtime;

const body = (seed: number, i: number) => caseBody(seed, i);

describe("the differential fuzzer", () => {
  it("generates the same program for the same seed and different ones for different seeds", () => {
    expect(print(body(SEED, 7))).toBe(print(body(SEED, 7)));
    expect(print(body(SEED, 7))).not.toBe(print(body(SEED, 8)));
  });

  it("notices a marked function that was not compiled", async () => {
    const native = async (...args: unknown[]) => (args[5] as unknown[]).push(1);
    expect((await runCase(native, rt, true)).result).toBe("not a Deferred (function not compiled)");
  });

  it("reports a program JavaScript rejects as a generator bug, except to the shrinker", async () => {
    const invalid: Parameters<typeof differential>[1][number] = { k: "leaf", text: "continue nowhere;" };
    const [m] = await differential(ts, [invalid], rt);
    expect(m?.problem).toMatch(/^the generator made a program JavaScript rejects/);
    expect(await differential(ts, [invalid], rt, { invalidIsFine: true })).toEqual([]);
    // In a batch, the bad case is named by its index.
    const batch = [body(SEED, 0), invalid, body(SEED, 1)];
    expect((await differential(ts, batch, rt)).map((x) => x.index)).toEqual([1]);
  });

  it("lists every disabled feature with its reason", () => {
    for (const [feature, reason] of Object.entries(DISABLED_FEATURES)) expect(`${feature}: ${reason}`).toMatch(/^\w+: .{10,}/);
  });

  it(`finds no difference between native and transformed code in ${CASES} random async functions (seed ${SEED})`, async () => {
    const failures: string[] = [];
    for (let start = 0; start < CASES && failures.length === 0; start += BATCH) {
      const bodies = Array.from({ length: BATCH }, (_, j) => body(SEED, start + j));
      const mismatches = await differential(ts, bodies, rt);
      if (mismatches.length > 0) {
        const first = mismatches[0]!;
        const failing = bodies[first.index]!;
        const stillFails = async (g: typeof failing) => (await differential(ts, [g], rt, { invalidIsFine: true })).length > 0;
        const small = await shrink(failing, stillFails, 400);
        const [again] = await differential(ts, [small], rt);
        failures.push(`case ${start + first.index} (${mismatches.length} in this batch), shrunk:\n${again ? describeMismatch(again) : caseSource("case0", small)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
