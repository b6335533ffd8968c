// The worker's TypeScript: one virtual file, "/input.ts", in an @typescript/vfs
// environment holding the ES lib files and the runtime's declarations (so
// `import { Deferred } from "deferred-coroutine"` type-checks and the typed lint
// rules see real types). Edits update the file in place, so the language service
// reuses everything that did not change (this is what makes warm re-lint fast).
import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from "@typescript/vfs";
import ts from "typescript";
import typeFiles from "virtual:dc-type-files";
import globalsDts from "./sandbox-globals.txt?raw";
import type { Problem, Settings } from "../protocol.js";

export const INPUT = "/input.ts";
const GLOBALS = "/playground-globals.d.ts";

function compilerOptions(settings: Settings): ts.CompilerOptions {
  return {
    target: settings.target === "ES2017" ? ts.ScriptTarget.ES2017 : ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
}

let env: VirtualTypeScriptEnvironment | null = null;
let envTarget: Settings["target"] | null = null;

/** The environment for `settings`, with "/input.ts" holding `code`. */
export function tsEnvironment(code: string, settings: Settings): VirtualTypeScriptEnvironment {
  if (!env || envTarget !== settings.target) {
    const files = new Map<string, string>(Object.entries(typeFiles));
    files.set(GLOBALS, globalsDts);
    files.set(INPUT, code);
    const system = createSystem(files);
    env = createVirtualTypeScriptEnvironment(system, [GLOBALS, INPUT], ts, compilerOptions(settings));
    envTarget = settings.target;
  } else if (env.getSourceFile(INPUT)?.text !== code) {
    env.updateFile(INPUT, code.length ? code : " ");
  }
  return env;
}

/** TypeScript's syntactic and semantic errors for "/input.ts", as problems. */
export function typeProblems(environment: VirtualTypeScriptEnvironment): Problem[] {
  const ls = environment.languageService;
  const file = environment.getSourceFile(INPUT)!;
  const diags = [...ls.getSyntacticDiagnostics(INPUT), ...ls.getSemanticDiagnostics(INPUT)];
  return diags.map((d) => {
    const from = d.start ?? 0;
    const { line, character } = file.getLineAndCharacterOfPosition(from);
    return {
      source: "typescript",
      severity: d.category === ts.DiagnosticCategory.Error ? "error" : d.category === ts.DiagnosticCategory.Warning ? "warning" : "info",
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      code: `TS${d.code}`,
      from,
      to: from + (d.length ?? 0),
      line: line + 1,
      column: character + 1,
      fixes: [],
    };
  });
}
