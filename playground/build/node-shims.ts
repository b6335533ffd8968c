// Node built-ins that ESLint, typescript-eslint and TypeScript import but never use
// on the code paths the playground takes (it lints one in-memory file). Each is
// replaced by a small module in src/shims/ so the browser bundles resolve.
import { join } from "node:path";

const SHIMMED = ["fs", "fs/promises", "path", "url", "os", "module", "util", "assert", "crypto", "perf_hooks", "inspector", "child_process", "worker_threads", "async_hooks", "tty", "v8", "process"];

/** Vite `resolve.alias` entries mapping `node:x` and `x` to the shims in src/shims. */
export function nodeShims(root: string): { find: RegExp; replacement: string }[] {
  return SHIMMED.map((name) => ({
    find: new RegExp(`^(node:)?${name.replace("/", "\\/")}$`),
    replacement: join(root, "src/shims", name === "path" ? "path.ts" : "empty.ts"),
  }));
}
