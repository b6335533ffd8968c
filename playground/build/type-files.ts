// Vite plugin: `virtual:dc-type-files`, the `.d.ts` files the worker's virtual
// TypeScript environment needs: the ES lib files (no DOM: the playground declares
// the few host globals it offers in globals.d.ts) and the declarations of the
// `deferred-coroutine` runtime, emitted in memory from runtime/*.ts so the playground
// always type-checks against the runtime in this repository.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import type { Plugin } from "vite";

const ID = "virtual:dc-type-files";
const require = createRequire(import.meta.url);

function libFiles(): Record<string, string> {
  const ts: typeof import("typescript") = require("typescript");
  const libDir = dirname(ts.getDefaultLibFilePath({}));
  const files: Record<string, string> = {};
  for (const name of readdirSync(libDir)) {
    if (/^lib\.(es5|es20(1[5-9]|2[0-3])(\.[a-z.]+)?|decorators(\.legacy)?)\.d\.ts$/.test(name) && !name.includes("full")) {
      files["/" + name] = readFileSync(join(libDir, name), "utf8");
    }
  }
  return files;
}

function runtimeDeclarations(repoRoot: string): Record<string, string> {
  const entry = join(repoRoot, "runtime", "index.ts");
  if (!existsSync(entry)) return {};
  const ts: typeof import("typescript") = require("typescript");
  const files: Record<string, string> = {};
  const options: import("typescript").CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    declaration: true,
    emitDeclarationOnly: true,
    skipLibCheck: true,
    strict: true,
    rootDir: join(repoRoot, "runtime"),
    outDir: "/out",
    types: ["node"],
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  };
  const program = ts.createProgram([entry, ...["testing.ts"].map((n) => join(repoRoot, "runtime", n)).filter(existsSync)], options);
  program.emit(undefined, (fileName, text) => {
    const rel = relative("/out", fileName).split("\\").join("/");
    files["/node_modules/deferred-coroutine/runtime/" + rel] = text;
  });
  files["/node_modules/deferred-coroutine/package.json"] = JSON.stringify({
    name: "deferred-coroutine",
    types: "./runtime/index.d.ts",
  });
  if (files["/node_modules/deferred-coroutine/runtime/testing.d.ts"]) {
    files["/node_modules/deferred-coroutine/testing.d.ts"] = 'export * from "./runtime/testing.js";\n';
  }
  return files;
}

/** Serves `virtual:dc-type-files` as `export default { [absolutePath]: text }`. */
export function typeFiles(repoRoot: string): Plugin {
  return {
    name: "dc-type-files",
    resolveId(id) {
      return id === ID ? "\0" + ID : undefined;
    },
    load(id) {
      if (id !== "\0" + ID) return undefined;
      const all = { ...libFiles(), ...runtimeDeclarations(repoRoot) };
      return `export default ${JSON.stringify(all)};`;
    },
  };
}
