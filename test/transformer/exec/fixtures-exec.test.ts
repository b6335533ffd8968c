/**
 * Exec tests: every fixture that exports `run()` behaves the same natively and
 * transformed (return value, thrown error, event log), with its awaited values
 * plain, already fired, and pending.
 */
import { describe, expect, it } from "vitest";
import { compileFixture, compileNative, isSloppy, listFixtures } from "../fixture-files.js";
import { modes, runModule } from "./harness.js";

// A sloppy-mode fixture (see isSloppy) cannot export, so it assigns `module.exports.run`.
const runnable = listFixtures().filter((f) => /export (async )?(function|const) run\b|^module\.exports\.run = /m.test(f.input));

describe("transformed fixtures behave like native async functions", () => {
  it("most fixtures are runnable", () => {
    expect(runnable.length).toBeGreaterThan(40);
  });
  for (const f of runnable) {
    for (const mode of modes) {
      it(`${f.name} gives the native result, error and log when awaited values are ${mode}`, async () => {
        const compiled = compileFixture(f.input, "CommonJS");
        expect(compiled.diagnostics).toEqual([]);
        expect(compiled.code).toContain("coSite(");
        // Strict unless the fixture is the sloppy-mode one: a strict run would hide sloppy-only miscompiles.
        expect(compiled.code.startsWith('"use strict"')).toBe(!isSloppy(f.input));
        const native = await runModule(compileNative(f.input), mode);
        const ours = await runModule(compiled.code, mode);
        expect({ ok: ours.ok, value: ours.value, error: ours.error, log: ours.log }).toEqual({
          ok: native.ok,
          value: native.value,
          error: native.error,
          log: native.log,
        });
      });
    }
  }
});

describe("transformed output needs no syntax newer than the target", () => {
  // TypeScript lowers what the transform emits (it runs before TS's own transforms).
  const lowered = runnable.filter((f) => /^(try|statements|expressions\/(optional|destructuring|logical-assignment))/.test(f.name));
  for (const f of lowered) {
    // Ready awaits run the loops' native fast paths (fast-loop.ts), pending ones their states.
    for (const mode of ["ready", "pending"] as const) {
      it(`${f.name} compiled for ES2015 gives the native result with ${mode} awaits`, async () => {
        const compiled = compileFixture(f.input, "CommonJS", "ES2015");
        expect(compiled.diagnostics).toEqual([]);
        expect(compiled.code).not.toMatch(/\?\.|\?\?|catch \{/);
        const native = await runModule(compileNative(f.input), mode);
        const ours = await runModule(compiled.code, mode);
        expect({ ok: ours.ok, value: ours.value, error: ours.error, log: ours.log }).toEqual({ ok: native.ok, value: native.value, error: native.error, log: native.log });
      });
    }
  }
});
