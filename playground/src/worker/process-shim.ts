// ESLint, typescript-eslint and TypeScript read `process` at module load time
// (`process.env`, `process.cwd()`, `process.versions`). A worker has no `process`;
// this module gives them a frozen, empty one and must be imported first.
const g = globalThis as { process?: unknown };
if (!g.process) {
  g.process = {
    env: {},
    argv: [],
    platform: "browser",
    version: "v20.0.0",
    versions: { node: "20.0.0" },
    cwd: () => "/",
    nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
    emitWarning: () => undefined,
    on: () => undefined,
  };
}
export {};
