/**
 * The transform fixtures: test/transformer/fixtures/<group>/<case>/input.ts with
 * its committed output.js (and diagnostics.txt when the case is rejected).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { transformSource } from "../../transformer/api.js";

export const fixturesRoot = join(__dirname, "fixtures");

export interface Fixture {
  /** "group/case" */
  readonly name: string;
  readonly dir: string;
  readonly input: string;
}

export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const group of readdirSync(fixturesRoot).sort()) {
    const gdir = join(fixturesRoot, group);
    for (const c of readdirSync(gdir).sort()) {
      const dir = join(gdir, c);
      const file = join(dir, "input.ts");
      if (existsSync(file)) out.push({ name: `${group}/${c}`, dir, input: readFileSync(file, "utf8") });
    }
  }
  return out;
}

/**
 * A fixture whose input.ts starts with `// sloppy-mode script` is compiled without
 * `"use strict"` (a script with no import or export, `alwaysStrict` off), for the
 * constructs that exist only in sloppy mode (hard-constructs 4.27: `yield` as an
 * identifier). Every other fixture stays strict.
 */
export function isSloppy(input: string): boolean {
  return input.startsWith("// sloppy-mode script");
}

// TypeScript 6 deprecates alwaysStrict=false (it still works until 7.0).
const sloppyOptions = { alwaysStrict: false, ignoreDeprecations: "6.0" };

/** The transform's output for a fixture, as reviewed in output.js (ES modules, ES2022). */
export function compileFixture(input: string, module: "ESNext" | "CommonJS" = "ESNext", target = "ES2022") {
  return transformSource(input, { ts, fileName: "input.ts", module, target, compilerOptions: isSloppy(input) ? sloppyOptions : undefined });
}

/** The fixture compiled without the transform (native async functions), as CommonJS. */
export function compileNative(input: string): string {
  return ts.transpileModule(input, {
    fileName: "input.ts",
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, ...(isSloppy(input) ? sloppyOptions : {}) },
  }).outputText;
}
