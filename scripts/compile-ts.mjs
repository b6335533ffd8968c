// Compiles TypeScript entry files, and every relative module they import, to
// JavaScript (CommonJS, or ES modules for browsers) in an output directory
// that mirrors the repository layout — fast, for running examples, benchmarks
// and browser tests without a build.
//
// Each file is transpiled on its own (ts.transpileModule): no type checking
// (`npm run typecheck` does that) and no program-wide analysis, which the
// repository allows because it compiles with `isolatedModules`. Only relative
// specifiers (`./x.js`, `../runtime/index.js`) are followed; packages are left
// to Node's resolution.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const require = createRequire(import.meta.url);

/** `import … from "x"`, `export … from "x"`, `import "x"`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g;

/**
 * @param {string} root - the repository root (output paths are relative to it)
 * @param {string[]} entries - absolute paths of .ts files
 * @param {string} outDir - where to write the .js files
 * @param {{ format?: "cjs" | "esm" }} [options] - module format, CommonJS by default
 * @returns {string[]} the absolute paths of the written .js files, entries first
 */
export function compileTree(root, entries, outDir, options = {}) {
  const ts = require("typescript");
  const compilerOptions = {
    module: options.format === "esm" ? ts.ModuleKind.ES2022 : ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    sourceMap: false,
  };
  const seen = new Set();
  const queue = entries.map((e) => resolve(e));
  const written = [];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    const { outputText, diagnostics } = ts.transpileModule(source, { compilerOptions, fileName: file });
    if (diagnostics && diagnostics.length > 0) {
      const text = ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => root,
        getNewLine: () => "\n",
      });
      throw new Error(`compile-ts: ${text}`);
    }
    const out = join(outDir, relative(root, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    written.push(out);
    for (const m of source.matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), m[1]).replace(/\.js$/, ".ts");
      if (existsSync(target)) queue.push(target);
    }
  }
  return written;
}
