// Every rule runs over every TypeScript file of this repository — sources, tests,
// transformer fixtures, whatever other work is in the tree — without throwing:
// once without type information (the untyped rules), once with one TypeScript
// program holding all the files (every rule, no-coroutine-callback with checkTypes).
// Files that do not parse are counted, not failed: the parser reports them before
// any rule runs.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Linter } from "eslint";
import ts from "typescript";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin, { rules } from "../../eslint-plugin/index.js";

const ROOT = join(__dirname, "..", "..");
const SKIP = new Set(["node_modules", "dist", ".git", "coverage"]);

function collect(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) collect(join(dir, entry.name), out);
    } else if (/\.(c|m)?tsx?$/.test(entry.name)) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

const FILES = collect(ROOT, []).sort();
const NAMES = Object.keys(rules);

interface Outcome {
  linted: number;
  unparsable: string[];
  crashes: string[];
}

function lintAll(config: Linter.Config[], files: string[]): Outcome {
  const linter = new Linter({ configType: "flat", cwd: ROOT });
  const outcome: Outcome = { linted: 0, unparsable: [], crashes: [] };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue; // removed by someone else since collect()
    }
    try {
      const messages = linter.verify(text, config, file);
      const fatal = messages.filter((m) => m.fatal);
      if (fatal.length > 0) outcome.unparsable.push(`${relative(ROOT, file)}: ${fatal[0].message}`);
      else outcome.linted++;
    } catch (error) {
      outcome.crashes.push(`${relative(ROOT, file)}: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`);
    }
  }
  return outcome;
}

function rulesConfig(names: string[], typed: boolean): Linter.RulesRecord {
  return Object.fromEntries(
    names.map((name) => [
      `deferred-coroutine/${name}`,
      name === "no-coroutine-callback" && typed ? ["error", { checkTypes: true }] : "error",
    ]),
  );
}

describe("running the rules over every .ts file of the repository", () => {
  it("finds this repository's sources, tests and fixtures", () => {
    const relativeFiles = FILES.map((file) => relative(ROOT, file));
    expect(relativeFiles).toContain("eslint-plugin/index.ts");
    expect(relativeFiles).toContain("test/eslint-plugin/fixtures/deferred-coroutine.d.ts");
    expect(relativeFiles.some((file) => file.startsWith("runtime/"))).toBe(true);
  });

  it("no untyped rule throws on any file", () => {
    const untyped = NAMES.filter((name) => !rules[name].meta.docs?.requiresTypeChecking);
    const outcome = lintAll(
      [
        { files: ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"], languageOptions: { parser: tseslint.parser } },
        { plugins: { "deferred-coroutine": plugin as never }, rules: rulesConfig(untyped, false) },
      ],
      FILES,
    );
    expect(outcome.crashes).toEqual([]);
    expect(outcome.linted).toBeGreaterThan(FILES.length / 2);
  });

  it("no rule throws on any file with type information", () => {
    const program = ts.createProgram(FILES, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      allowJs: false,
      types: ["node"],
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    });
    const inProgram = FILES.filter((file) => program.getSourceFile(file) !== undefined);
    const outcome = lintAll(
      [
        {
          files: ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"],
          languageOptions: { parser: tseslint.parser, parserOptions: { programs: [program] } },
        },
        { plugins: { "deferred-coroutine": plugin as never }, rules: rulesConfig(NAMES, true) },
      ],
      inProgram,
    );
    expect(outcome.crashes).toEqual([]);
    expect(outcome.linted).toBeGreaterThan(inProgram.length / 2);
  });
});
