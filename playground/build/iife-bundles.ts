// Vite plugin: `virtual:iife/<name>` modules whose default export is the *source
// text* of a self-contained IIFE bundle. The sandboxed run iframe has an opaque
// origin and loads nothing from the page's origin, so everything it runs (the
// runtime and the boot script) is handed to it as text.
import { build, type Plugin } from "vite";
import { nodeShims } from "./node-shims.js";

/** Entries that can be requested as `virtual:iife/<name>`, relative to the playground root. */
export interface IifeEntries {
  [name: string]: string;
}

const PREFIX = "virtual:iife/";

async function bundle(root: string, entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: "warn",
    root,
    resolve: { alias: nodeShims(root) },
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      lib: { entry, formats: ["iife"], name: "__dcBundle" },
      // keepNames: class names (Deferred, Failure) show in console previews,
      // timeline labels and the runtime's own tracebacks.
      rollupOptions: { output: { keepNames: true } as Record<string, unknown> },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const out of outputs) {
    if (!("output" in out)) continue;
    for (const chunk of out.output) if (chunk.type === "chunk" && chunk.isEntry) return chunk.code;
  }
  throw new Error(`iife-bundles: no entry chunk for ${entry}`);
}

/** Serves `virtual:iife/<name>` as `export default "<bundle source>"`. */
export function iifeBundles(root: string, entries: IifeEntries): Plugin {
  return {
    name: "dc-iife-bundles",
    resolveId(id) {
      return id.startsWith(PREFIX) ? "\0" + id : undefined;
    },
    async load(id) {
      if (!id.startsWith("\0" + PREFIX)) return undefined;
      const name = id.slice(PREFIX.length + 1);
      const entry = entries[name];
      if (!entry) throw new Error(`iife-bundles: unknown bundle ${name}`);
      const code = await bundle(root, entry);
      return `export default ${JSON.stringify(code)};`;
    },
  };
}
