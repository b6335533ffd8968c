/**
 * Fixture tests: every input.ts compiles to its committed output.js, and a case
 * the transform rejects reports exactly the diagnostics in diagnostics.txt.
 * `UPDATE=1 npx vitest run test/transformer/fixtures.test.ts` rewrites the
 * expected files; without it a missing or different file fails.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileFixture, listFixtures } from "./fixture-files.js";

const update = process.env.UPDATE === "1" && !process.env.CI;

function check(file: string, actual: string | undefined): void {
  if (update) {
    if (actual === undefined) rmSync(file, { force: true });
    else writeFileSync(file, actual);
    return;
  }
  if (actual === undefined) {
    expect(existsSync(file), `${file} exists but the case produced nothing for it`).toBe(false);
    return;
  }
  expect(existsSync(file), `${file} is missing (run with UPDATE=1 to write it)`).toBe(true);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("transform fixtures", () => {
  const fixtures = listFixtures();
  it("there are fixtures for every group of hard-constructs.md", () => {
    const groups = new Set(fixtures.map((f) => f.name.split("/")[0]));
    expect([...groups].sort()).toEqual(["expressions", "functions", "rejected", "statements", "try", "values"]);
  });
  for (const f of fixtures) {
    it(`${f.name} compiles to its committed output`, () => {
      const { code, diagnostics } = compileFixture(f.input);
      check(join(f.dir, "output.js"), code);
      const text = diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.category} ${d.code}: ${d.message}`).join("\n");
      check(join(f.dir, "diagnostics.txt"), diagnostics.length > 0 ? text + "\n" : undefined);
      if (f.name.startsWith("rejected/")) expect(diagnostics.length, "a rejected case must report a diagnostic").toBeGreaterThan(0);
      else expect(text).toBe("");
    });
  }
});
