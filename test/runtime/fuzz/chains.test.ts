// Differential fuzzing: random Deferred programs run on Twisted (Debian's
// python3-twisted) and on our runtime must produce identical traces.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { generateProgram, prng, runProgram, type Program } from "./chains-program.js";
import { generateCoProgram, runCoroutineProgram, type CoProgram } from "./coroutines-program.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = join(__dirname, "twisted-chains.py");
const CO_SCRIPT = join(__dirname, "twisted-coroutines.py");
const hasTwisted = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import twisted"]).status === 0;

describe.skipIf(!hasTwisted)("random Deferred programs behave as in Twisted", () => {
  test("500 random programs (chaining, stealing, pause, cancel, re-entrant firing) give Twisted's traces", () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261123);
    const random = prng(seed);
    const programs: Program[] = Array.from({ length: Number(process.env.FUZZ_COUNT ?? 500) }, () => generateProgram(random));
    const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(programs), encoding: "utf8", maxBuffer: 64 << 20 });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as string[][];
    for (let k = 0; k < programs.length; k++) {
      const actual = runProgram(programs[k]!);
      expect({ program: k, trace: actual }, JSON.stringify(programs[k])).toEqual({ program: k, trace: expected[k] });
    }
  });

  test("500 random inlineCallbacks programs (yield, catch, cancel through coroutines, re-entrant firing) give Twisted's traces", () => {
    const random = prng(Number(process.env.FUZZ_SEED ?? 20261123) + 1);
    const programs: CoProgram[] = Array.from({ length: Number(process.env.FUZZ_COUNT ?? 500) }, () => generateCoProgram(random));
    const run = spawnSync(PYTHON, [CO_SCRIPT], { input: JSON.stringify(programs), encoding: "utf8", maxBuffer: 64 << 20 });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as string[][];
    for (let k = 0; k < programs.length; k++) {
      const actual = runCoroutineProgram(programs[k]!);
      expect({ program: k, trace: actual }, JSON.stringify(programs[k])).toEqual({ program: k, trace: expected[k] });
    }
  });
});
