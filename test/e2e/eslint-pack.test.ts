/**
 * The real-user path of the ESLint plugin: build and `npm pack` the committed tree
 * (in a scratch copy, so the shared dist/ is never touched), install the tarball
 * with eslint, typescript-eslint and typescript into a fresh project whose
 * eslint.config.js imports `deferred-coroutine/eslint-plugin` (ESM default import)
 * and uses its configs, run the `eslint` CLI and compare what it prints.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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

/**
 * Runs the installed eslint CLI; returns its exit status and output with the project
 * path replaced by `<app>` and the stylish formatter's column padding collapsed to
 * one space (the padding depends on the longest message of each file).
 */
function eslint(...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [join(app, "node_modules", "eslint", "bin", "eslint.js"), "--no-color", ...args], {
    cwd: app,
    encoding: "utf8",
  });
  const output = (r.stdout + r.stderr).split(app).join("<app>");
  return { status: r.status, output: output.replace(/[ \t]+$/gm, "").replace(/(\S) {2,}/g, "$1 ").replace(/^ +(?=\d)/gm, "  ") };
}

const CONFIG = `import tseslint from "typescript-eslint";
import deferred from "deferred-coroutine/eslint-plugin";

export default [
  { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
  { files: ["src/**/*.ts", "plain/**/*.js"], ...deferred.configs.recommended },
  {
    files: ["typed/**/*.ts"],
    ...deferred.configs["recommended-type-checked"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // typescript-eslint's no-floating-promises next to ours: Deferreds are ours alone.
    files: ["combined/**/*.ts"],
    plugins: { ...deferred.configs["recommended-type-checked"].plugins, "@typescript-eslint": tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...deferred.configs["recommended-type-checked"].rules,
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          checkThenables: true,
          allowForKnownSafePromises: [{ from: "package", package: "deferred-coroutine", name: "Deferred" }],
        },
      ],
    },
  },
];
`;

const SCHEDULE = `import { reactor, inlineCallbacks, returnValue } from "deferred-coroutine";

async function refresh(): Promise<void> {}

reactor.callLater(1, refresh);

export const load = inlineCallbacks(function* () {
  const value: number = yield Promise.resolve(1);
  returnValue(value);
});

export function helper(x: number): void {
  returnValue(x);
}
`;

const PLAIN = `import { reactor } from "deferred-coroutine";

setTimeout(async () => { await reactor; }, 10);
`;

const FLOATING = `import { Deferred, succeed, logError } from "deferred-coroutine";

export function start(): void {
  succeed(1);
  succeed(2).addErrback(logError);
  const d = new Deferred<number>();
  d.callback(1);
  d.callback(2);
}
`;

const COMBINED = `import { succeed } from "deferred-coroutine";

export async function run(): Promise<void> {
  succeed(1);
  Promise.resolve(2);
}
`;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "dc-eslint-pack-"));
  const pkg = join(work, "pkg");
  mkdirSync(pkg);
  // The committed tree (HEAD): the shared working tree holds other engineers' unfinished files.
  execFileSync("sh", ["-c", `git -C "${ROOT}" archive HEAD | tar -x -C "${pkg}"`], { stdio: "pipe" });
  symlinkSync(join(ROOT, "node_modules"), join(pkg, "node_modules"));
  execFileSync(process.execPath, [join(pkg, "scripts", "build.mjs")], { cwd: pkg, stdio: "pipe" });
  execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: pkg, stdio: "pipe" });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))!;
  app = join(work, "app");
  mkdirSync(app);
  write("package.json", JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--silent",
      join(work, tarball),
      "eslint@10.15.0",
      "typescript-eslint@8.72.0",
      "typescript@6.0.3",
    ],
    { cwd: app, stdio: "pipe" },
  );
  write("eslint.config.js", CONFIG);
  write(
    "tsconfig.json",
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, skipLibCheck: true, noEmit: true, types: [] },
      include: ["typed", "combined"],
    }),
  );
  write("src/schedule.ts", SCHEDULE);
  write("plain/app.js", PLAIN);
  write("typed/floating.ts", FLOATING);
  write("combined/both.ts", COMBINED);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed plugin in a fresh project", () => {
  it("loads through CommonJS require with the same rules and configs as the ESM entry", () => {
    const script = `const p = require("deferred-coroutine/eslint-plugin");
console.log(JSON.stringify([Object.keys(p.rules).length, Object.keys(p.configs), p.configs.recommended.plugins["deferred-coroutine"].rules === p.rules, p.default === p.default.configs.strict.plugins["deferred-coroutine"]]));`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: app, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([11, ["recommended", "recommended-type-checked", "strict"], true, true]);
  });

  it("the eslint CLI prints the untyped and typed diagnostics of the sample files", () => {
    const { status, output } = eslint("src", "plain", "typed", "combined");
    expect(status).toBe(1);
    expect(output).toBe(`
<app>/combined/both.ts
  4:3 error This Deferred is dropped: if it fails, the error only shows up as "Unhandled error in Deferred" when it is garbage collected, or never. Await or yield it, return or store it, or end the chain with \`.addErrback(…)\` deferred-coroutine/no-floating-deferred
  5:3 error Promises must be awaited, end with a call to .catch, end with a call to .then with a rejection handler or be explicitly marked as ignored with the \`void\` operator @typescript-eslint/no-floating-promises

<app>/plain/app.js
  3:12 error \`async () => { await reactor; }\` is a coroutine: setTimeout calls it and drops the Deferred or Promise it returns, so its errors are never reported and nothing waits for it. Pass a function that starts it and handles the result, or use deferLater(clock, delay, fn) deferred-coroutine/no-coroutine-callback

<app>/src/schedule.ts
  5:22 error \`refresh\` is a coroutine: callLater calls it and drops the Deferred or Promise it returns, so its errors are never reported and nothing waits for it. Pass a function that starts it and handles the result, or use deferLater(clock, delay, fn) deferred-coroutine/no-coroutine-callback
  9:3 error \`returnValue(…)\` ends the generator by throwing, which a surrounding \`catch\` can swallow, and it is deprecated in Twisted. Use \`return\` instead deferred-coroutine/prefer-return
  13:3 error \`returnValue()\` here is not inside an \`inlineCallbacks\` generator, so nothing catches the exception it throws: the caller sees an error instead of a result. Use \`return\`, or move the code into an \`inlineCallbacks\` generator deferred-coroutine/no-misplaced-return-value

<app>/typed/floating.ts
  4:3 error This Deferred is dropped: if it fails, the error only shows up as "Unhandled error in Deferred" when it is garbage collected, or never. Await or yield it, return or store it, or end the chain with \`.addErrback(…)\` deferred-coroutine/no-floating-deferred
  8:3 error \`d\` may already have fired on a path that reaches this \`callback()\`: a Deferred fires only once, and the second call throws AlreadyCalledError. Make the calls exclusive (if/else, or return right after firing) deferred-coroutine/no-double-fire

✖ 8 problems (8 errors, 0 warnings)
  1 error and 0 warnings potentially fixable with the \`--fix\` option.

`);
  });

  it("eslint --fix rewrites returnValue(x) to return x and leaves the rest", () => {
    const { status } = eslint("--fix", "src/schedule.ts");
    expect(status).toBe(1);
    expect(readFileSync(join(app, "src/schedule.ts"), "utf8")).toBe(SCHEDULE.replace("  returnValue(value);", "  return value;"));
  });
});
