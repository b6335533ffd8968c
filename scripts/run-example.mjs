#!/usr/bin/env node
// `npm run example [-- [--out-dir=DIR] [name] [args…]]`: compiles examples/<name>
// (default: crawler) with `tspc` and the example's own tsconfig.json — whose
// plugin entry is `{ "transform": "deferred-coroutine/transformer" }`, as in a
// user's project — runs the output on Node with `args`, and exits with its exit
// code. Progress and compiler messages go to stderr; stdout is the example's.
//
// The example imports "deferred-coroutine" like a project that depends on the
// package, and the transform injects an import of it too, so both need the built
// package:
// - dist/ is rebuilt (`npm run build`) unless it is newer than every input of the
//   build; concurrent runs build once (a lock directory, as mkdir is atomic);
// - examples/<name>/node_modules/deferred-coroutine is a symlink to the repository
//   (gitignored), created on first use. Node's self-reference would resolve
//   "deferred-coroutine" from inside the package, but ts-patch resolves plugins with
//   `require.resolve(name, { paths: [projectDir] })`, which only searches
//   node_modules folders.
//
// The output goes to a fresh directory under examples/<name>/dist/ (gitignored; it
// has to be inside the package for its imports to resolve), removed after the run;
// `--out-dir=DIR` writes it to DIR instead and keeps it.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

let args = process.argv.slice(2);
const outOption = args.find((a) => a.startsWith("--out-dir="));
args = args.filter((a) => a !== outOption);
const name = args[0] ?? "crawler";
const exampleDir = join(root, "examples", name);
const project = join(exampleDir, "tsconfig.json");

function fail(message) {
  console.error(`run-example: ${message}`);
  process.exit(2);
}

if (!existsSync(project)) fail(`no examples/${name}/tsconfig.json`);

/** The newest modification time (ms) of a file, or of any file under a directory. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether every file of package.json "exports" exists and is newer than every input of the build. */
function buildIsFresh() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const outputs = Object.values(pkg.exports)
    .filter((entry) => typeof entry === "object")
    .flatMap((entry) => Object.values(entry))
    .map((file) => join(root, file));
  if (!outputs.every((file) => existsSync(file))) return false;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const inputs = ["runtime", "transformer", "eslint-plugin", "package.json", "tsconfig.json", "tsconfig.build.json", "scripts/build.mjs"];
  return built > Math.max(...inputs.map((p) => newestMtime(join(root, p))));
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `npm run build` unless dist/ is fresh; another run holding the lock builds for both. */
function ensureBuilt() {
  if (buildIsFresh()) return;
  const lock = join(root, "node_modules", ".deferred-coroutine-build.lock");
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      waited = true;
      // A lock left by a killed run is stale after 5 minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      sleepSync(250);
    }
  }
  try {
    if (waited && buildIsFresh()) return;
    console.error("run-example: building the package (npm run build)…");
    const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) fail(`npm run build failed:\n${build.stdout}${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Makes "deferred-coroutine" resolvable from the example's directory, as an installed dependency is. */
function ensureLinked() {
  const link = join(exampleDir, "node_modules", "deferred-coroutine");
  try {
    lstatSync(link);
    return;
  } catch {
    // not there yet
  }
  mkdirSync(dirname(link), { recursive: true });
  try {
    symlinkSync(relative(dirname(link), root), link, "junction");
  } catch (e) {
    if (e.code !== "EEXIST") throw e; // a concurrent run made it
  }
}

ensureBuilt();
ensureLinked();

let out;
if (outOption === undefined) {
  mkdirSync(join(exampleDir, "dist"), { recursive: true });
  out = mkdtempSync(join(exampleDir, "dist", "run-"));
} else {
  out = resolve(outOption.slice("--out-dir=".length));
  mkdirSync(out, { recursive: true });
}

let status = 1;
try {
  const tspc = join(dirname(require.resolve("ts-patch/package.json")), "bin", "tspc.js");
  // tspc prints diagnostics on stdout: send them to stderr, so stdout is the example's alone.
  const compile = spawnSync(process.execPath, [tspc, "-p", project, "--outDir", out], { cwd: root, stdio: ["ignore", 2, 2] });
  if (compile.status !== 0) {
    console.error(`run-example: tspc -p examples/${name}/tsconfig.json failed`);
  } else {
    const child = spawnSync(process.execPath, [join(out, "main.js"), ...args.slice(1)], { stdio: "inherit", cwd: root });
    status = child.status ?? 1;
  }
} finally {
  if (outOption === undefined) {
    rmSync(out, { recursive: true, force: true });
    try {
      // Remove dist/ too unless another run is using it (rmdir fails on a non-empty directory).
      rmdirSync(join(exampleDir, "dist"));
    } catch {
      // in use, or already removed
    }
  }
}
process.exit(status);
