// Stand-in for a Node built-in in the browser bundles (see build/node-shims.ts).
// Every export is a function that throws if it is ever called, so a code path
// that really needs Node fails loudly instead of misbehaving.
function unavailable(name: string) {
  return () => {
    throw new Error(`${name} is not available in the playground`);
  };
}
export const fileURLToPath = (u: string) => String(u).replace(/^file:\/\//, "");
export const pathToFileURL = (p: string) => new URL("file://" + p);
export const createRequire = () => unavailable("require");
export const readFile = unavailable("fs.readFile");
export const readFileSync = unavailable("fs.readFileSync");
export const existsSync = () => false;
export const statSync = unavailable("fs.statSync");
export const realpathSync = (p: string) => p;
export const readdirSync = () => [];
export const promises = {};
export const platform = () => "browser";
export const homedir = () => "/";
export const tmpdir = () => "/tmp";
export const EOL = "\n";
export const inspect = (v: unknown) => String(v);
export const format = (...a: unknown[]) => a.map(String).join(" ");
export const deprecate = <T>(fn: T) => fn;
export const inherits = () => undefined;
export const isatty = () => false;
export const performance = globalThis.performance;
export const AsyncLocalStorage = undefined;
export const env = {};
export const cwd = () => "/";
const shim = {
  fileURLToPath, pathToFileURL, createRequire, readFile, readFileSync, existsSync, statSync, realpathSync,
  readdirSync, promises, platform, homedir, tmpdir, EOL, inspect, format, deprecate, inherits, isatty,
  performance, AsyncLocalStorage, env, cwd,
};
export default shim;
