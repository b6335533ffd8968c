/**
 * The real-user path of the transform: `npm pack` the package (built in a scratch copy
 * of the repository, so the shared dist/ is never touched), install the tarball with
 * typescript@6.0.3 and ts-patch into a fresh project, compile with `tspc` and the
 * tsconfig plugin entry, and run the output under Node, as CommonJS and as ESM.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
let work = "";
let app = "";

function write(file: string, text: string): void {
  mkdirSync(dirname(join(app, file)), { recursive: true });
  writeFileSync(join(app, file), text);
}

function tsconfig(name: string, include: string[], plugins: object[], extra: object = {}): void {
  const compilerOptions = { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, skipLibCheck: true, outDir: "dist", rootDir: ".", types: [], plugins, ...extra };
  write(name, JSON.stringify({ compilerOptions, include }, null, 2));
}

/** Runs tspc with `--pretty` (the layout a terminal gets) and returns exit status and uncoloured output. */
function tspc(project: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [join(app, "node_modules", "ts-patch", "bin", "tspc.js"), "-p", project, "--pretty"], { cwd: app, encoding: "utf8" });
  // eslint-disable-next-line no-control-regex
  const output = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, "");
  return { status: r.status, output };
}

function run(file: string): string {
  return execFileSync(process.execPath, [join(app, file)], { cwd: app, encoding: "utf8" });
}

const PLUGIN = { transform: "deferred-coroutine/transformer" };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "dc-pack-"));
  const pkg = join(work, "pkg");
  mkdirSync(pkg);
  // The committed tree (HEAD), not the working tree: the shared working tree holds
  // other engineers' unfinished files. DC_PACK_WORKTREE=1 packs the working tree.
  if (process.env["DC_PACK_WORKTREE"] === "1") {
    for (const entry of ["package.json", "README.md", "docs", "runtime", "transformer", "eslint-plugin", "scripts", "tsconfig.json", "tsconfig.build.json"]) {
      if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(pkg, entry), { recursive: true });
    }
  } else {
    execFileSync("sh", ["-c", `git -C "${ROOT}" archive HEAD | tar -x -C "${pkg}"`], { stdio: "pipe" });
  }
  symlinkSync(join(ROOT, "node_modules"), join(pkg, "node_modules"));
  execFileSync(process.execPath, [join(pkg, "scripts", "build.mjs")], { cwd: pkg, stdio: "pipe" });
  execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: pkg, stdio: "pipe" });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))!;
  app = join(work, "app");
  mkdirSync(app);
  write("package.json", JSON.stringify({ name: "app", private: true, type: "commonjs" }));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--silent", join(work, tarball), "typescript@6.0.3", "ts-patch@4.0.1"], {
    cwd: app,
    stdio: "pipe",
  });
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("a project compiled with tspc and the tsconfig plugin entry", () => {
  it("runs tag, decorator and wrapper coroutines compiled to CommonJS, synchronously on ready values", () => {
    write(
      "src/main.ts",
      `import { Deferred, deferredCoroutine, ensureDeferred, succeed } from "deferred-coroutine";

/** Adds. @deferredCoroutine */
async function add(a: Deferred<number>, b: number): Promise<number> {
  const x = await a;
  return x + (await b);
}

class Counter {
  total = 0;
  @deferredCoroutine
  async addAll(ds: Deferred<number>[]): Promise<number> {
    for (const d of ds) this.total += await d;
    return this.total;
  }
}

const shout = deferredCoroutine(async (d: Deferred<string>) => (await d).toUpperCase() + "!");

const log: unknown[] = [];
const r1 = ensureDeferred(add(succeed(1), 2));
log.push(["add fired synchronously", r1.called]);
r1.addCallback((v) => void log.push(["add", v]));
const pending = new Deferred<number>();
const r2 = ensureDeferred(new Counter().addAll([succeed(1), pending, succeed(3)]));
log.push(["addAll fired before callback", r2.called]);
r2.addCallback((v) => void log.push(["addAll", v]));
pending.callback(2);
log.push(["after callback"]);
shout(succeed("hi")).addCallback((v) => void log.push(["shout", v, add.name, add.length, shout.name]));
console.log(JSON.stringify(log));
`,
    );
    tsconfig("tsconfig.json", ["src"], [PLUGIN]);
    const { status, output } = tspc("tsconfig.json");
    expect(output).toBe("");
    expect(status).toBe(0);
    const js = readFileSync(join(app, "dist/src/main.js"), "utf8");
    expect(js).toMatch(/require\("deferred-coroutine"\)/);
    expect(js).not.toMatch(/async function add/);
    expect(JSON.parse(run("dist/src/main.js"))).toEqual([
      ["add fired synchronously", true],
      ["add", 3],
      ["addAll fired before callback", false],
      ["addAll", 6],
      ["after callback"],
      ["shout", "HI!", "add", 2, "shout"],
    ]);
  });

  it("compiles an ES module (.mts) with the injected runtime import and runs it", () => {
    write(
      "esm/main.mts",
      `import { Deferred, succeed } from "deferred-coroutine";
const log: string[] = [];
export const twice = /** @deferredCoroutine */ async (d: PromiseLike<number>) => 2 * (await d);
const p = new Deferred<number>();
(twice(succeed(4)) as unknown as Deferred<number>).addCallback((v) => void log.push("ready " + v));
(twice(p) as unknown as Deferred<number>).addCallback((v) => void log.push("pending " + v));
log.push("before");
p.callback(5);
console.log(log.join(","));
`,
    );
    tsconfig("tsconfig.esm.json", ["esm"], [PLUGIN]);
    const { status, output } = tspc("tsconfig.esm.json");
    expect(output).toBe("");
    expect(status).toBe(0);
    expect(readFileSync(join(app, "dist/esm/main.mjs"), "utf8")).toMatch(/^import \* as \S+ from "deferred-coroutine";/m);
    expect(run("dist/esm/main.mjs").trim()).toBe("ready 8,before,pending 10");
  });

  it("fails the build with file:line:column for marks that cannot be compiled", () => {
    write(
      "bad/bad.ts",
      `export class A {
  /** @deferredCoroutine */
  get value(): number { return 1; }
}
// @deferredCoroutine
export function* gen() {}
`,
    );
    tsconfig("tsconfig.bad.json", ["bad"], [PLUGIN]);
    const { status, output } = tspc("tsconfig.bad.json");
    expect(status).not.toBe(0);
    expect(output).toContain("bad/bad.ts:3:3 - error TSDC1002: the @deferredCoroutine tag cannot mark a getter or setter");
    expect(output).toContain("bad/bad.ts:6:1 - error TSDC1004: the @deferredCoroutine tag cannot mark a generator");
  });

  it("accepts a Deferred<T> return type on a marked function only with the transformProgram entry", () => {
    write(
      "typed/typed.ts",
      `import { Deferred, succeed } from "deferred-coroutine";
/** @deferredCoroutine */
async function f(d: Deferred<number>): Deferred<number> {
  return (await d) + 1;
}
const r = f(succeed(41));
console.log(String(r.called), String(r instanceof Deferred));
r.addCallback((v) => void console.log(v));
`,
    );
    tsconfig("tsconfig.typed-plain.json", ["typed"], [PLUGIN], { noEmit: true });
    const plain = tspc("tsconfig.typed-plain.json");
    expect(plain.status).not.toBe(0);
    expect(plain.output).toContain("typed/typed.ts:3:40 - error TS1064");

    tsconfig("tsconfig.typed.json", ["typed"], [{ ...PLUGIN, transformProgram: true }]);
    const typed = tspc("tsconfig.typed.json");
    expect(typed.output).toBe("");
    expect(typed.status).toBe(0);
    expect(run("dist/typed/typed.js").trim().split("\n")).toEqual(["true true", "42"]);
  });

  it("still reports TS1064 for an unmarked async function under the transformProgram entry", () => {
    write("typed2/unmarked.ts", `import { Deferred } from "deferred-coroutine";\nexport async function g(): Deferred<number> { return 1; }\n`);
    tsconfig("tsconfig.typed2.json", ["typed2"], [{ ...PLUGIN, transformProgram: true }], { noEmit: true });
    const { status, output } = tspc("tsconfig.typed2.json");
    expect(status).not.toBe(0);
    expect(output).toContain("typed2/unmarked.ts:2:28 - error TS1064");
  });
});
