// ESLint in the worker: the browser `Linter` (flat config) with typescript-eslint's
// parser reading the vfs environment's program (`parserOptions.programs`), so the
// type-aware rules of our plugin run without any file system. The plugin is loaded
// from eslint-plugin/index.ts in this repository; while it does not exist the
// worker reports `plugin: false` and lints nothing (it never pretends).
import { Linter } from "eslint/universal";
import { parseForESLint } from "@typescript-eslint/parser";
import type ts from "typescript";
import type { FixAction, Problem, Settings } from "../protocol.js";
import { INPUT } from "./ts-env.js";

type PluginModule = { default?: unknown; plugin?: unknown };
const pluginModules = import.meta.glob<PluginModule>("../../../eslint-plugin/index.ts");

interface EslintPlugin {
  rules?: Record<string, unknown>;
  configs?: Record<string, unknown>;
}

let plugin: EslintPlugin | null | undefined;

/** Our ESLint plugin, or null while eslint-plugin/index.ts is missing. */
export async function loadPlugin(): Promise<EslintPlugin | null> {
  if (plugin !== undefined) return plugin;
  const load = Object.values(pluginModules)[0];
  if (!load) return (plugin = null);
  const mod = await load();
  plugin = ((mod.default ?? mod.plugin ?? mod) as EslintPlugin) ?? null;
  return plugin;
}

const linter = new Linter({ configType: "flat", cwd: "/" });
// Built from the named export: the CommonJS module's namespace object does not
// survive the browser bundle's interop as a usable parser object.
const tsParser = { meta: { name: "@typescript-eslint/parser" }, parseForESLint } as unknown as Linter.Parser;

function presetConfigs(p: EslintPlugin, preset: Settings["lint"]): Linter.Config[] {
  const config = p.configs?.[preset] ?? p.configs?.["recommended"];
  if (!config) return [];
  return (Array.isArray(config) ? config : [config]) as Linter.Config[];
}

function offsetOf(lineStarts: readonly number[], line: number, column: number): number {
  return (lineStarts[line - 1] ?? 0) + column - 1;
}

/**
 * Lint "/input.ts" with the plugin's `preset` config over `program`.
 * @returns ESLint's messages as problems, with fixes and suggestions as text changes.
 */
export function lintProblems(code: string, program: ts.Program, preset: Settings["lint"]): Problem[] {
  if (!plugin || preset === "off") return [];
  const configs: Linter.Config[] = [
    {
      files: ["**/*.ts"],
      languageOptions: {
        parser: tsParser,
        parserOptions: { programs: [program], filePath: INPUT, sourceType: "module" },
      },
      plugins: { "deferred-coroutine": plugin as never },
    },
    ...presetConfigs(plugin, preset).map((c) => ({ ...c, files: ["**/*.ts"] })),
  ];
  const messages = linter.verify(code, configs, { filename: INPUT });
  const sourceFile = program.getSourceFile(INPUT);
  const lineStarts = sourceFile ? sourceFile.getLineStarts() : [0];
  return messages.map((m): Problem => {
    const from = offsetOf(lineStarts, m.line, m.column);
    const to = m.endLine && m.endColumn ? offsetOf(lineStarts, m.endLine, m.endColumn) : from;
    const fixes: FixAction[] = [];
    if (m.fix) fixes.push({ title: `Fix: ${m.message}`, kind: "fix", changes: [{ from: m.fix.range[0], to: m.fix.range[1], insert: m.fix.text }] });
    for (const s of m.suggestions ?? []) {
      fixes.push({ title: `Suggestion: ${s.desc}`, kind: "suggestion", changes: [{ from: s.fix.range[0], to: s.fix.range[1], insert: s.fix.text }] });
    }
    return {
      source: "eslint",
      severity: m.fatal || m.severity === 2 ? "error" : "warning",
      message: m.message,
      code: m.ruleId ?? undefined,
      from,
      to: Math.max(from, to),
      line: m.line,
      column: m.column,
      fixes,
    };
  });
}
