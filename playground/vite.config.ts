// Playground build. `PLAYGROUND_BASE` sets the public base path (default "./", so
// the built folder works from any directory of any static host).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { iifeBundles } from "./build/iife-bundles.js";
import { nodeShims } from "./build/node-shims.js";
import { typeFiles } from "./build/type-files.js";

const root = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(root, "..");

export default defineConfig({
  root,
  base: process.env.PLAYGROUND_BASE ?? "./",
  plugins: [
    iifeBundles(root, { sandbox: join(root, "src/sandbox/boot.ts") }),
    typeFiles(repoRoot),
  ],
  resolve: {
    alias: [
      ...nodeShims(root),
      // ESLint `require`s esquery; its "module" (ESM) build has only a default
      // export, so the CommonJS interop would see no `parse`. Use the UMD build.
      { find: /^esquery$/, replacement: join(repoRoot, "node_modules/esquery/dist/esquery.min.js") },
    ],
  },
  // TypeScript and ESLint read these CommonJS globals at load time; in the worker
  // they only name the (virtual) location of the bundle.
  define: { "process.env.NODE_ENV": JSON.stringify("production"), __filename: JSON.stringify("/bundle.js"), __dirname: JSON.stringify("/") },
  worker: {
    format: "es",
    plugins: () => [typeFiles(repoRoot)],
  },
  server: { host: "127.0.0.1", fs: { allow: [repoRoot] } },
  preview: { host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 12_000,
    reportCompressedSize: false,
  },
});
