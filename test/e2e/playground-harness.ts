// Test harness for the playground's end-to-end tests: builds the site once (or
// reuses a build newer than every input), serves it on 127.0.0.1 and drives
// Debian's Chromium through playwright-core (never `npx playwright install`).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const repo = join(__dirname, "..", "..");
const playground = join(repo, "playground");
const dist = join(playground, "dist");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  const inputs = ["src", "build", "index.html", "vite.config.ts"].map((p) => join(playground, p));
  inputs.push(...["runtime", "transformer", "eslint-plugin"].map((p) => join(repo, p)));
  const built = existsSync(join(dist, "index.html")) ? statSync(join(dist, "index.html")).mtimeMs : 0;
  return built > Math.max(...inputs.map(newestMtime));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Build playground/dist unless it is newer than all of its inputs. Test files run
 * in parallel processes, so the build is serialised by a lock directory (mkdir is
 * atomic); whoever gets the lock second reuses the build the first one made.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(playground, ".build-lock");
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
    // If another test file held the lock, it has just built the site: reuse that build
    // even if a source changed meanwhile (rebuilding would empty dist under its server).
    const builtMeanwhile = waited && existsSync(join(dist, "index.html"));
    if (!builtMeanwhile && !isFresh()) {
      execFileSync(process.execPath, [join(repo, "node_modules/vite/bin/vite.js"), "build", "playground", "--logLevel", "warn"], { cwd: repo, stdio: "inherit" });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Harness {
  url: string;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Build (if needed), serve and launch Chromium with a fresh profile. */
export async function startHarness(): Promise<Harness> {
  ensureBuilt();
  const { serve } = (await import(join(playground, "scripts/serve.mjs"))) as { serve(dir: string, port?: number): Promise<{ server: Server; url: string }> };
  const { server, url } = await serve(dist, 0);
  const profile = mkdtempSync(join(tmpdir(), "pg-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // --expose-gc lets a test program collect a dropped failed Deferred, so the
    // runtime's "Unhandled error in Deferred" report can be checked.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--js-flags=--expose-gc"],
  });
  return {
    url,
    context,
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The number of the last compile result shown by the page (0 before the first). */
export async function compiledSeq(page: Page): Promise<number> {
  return Number((await page.getAttribute("body", "data-compiled")) ?? 0);
}

/** Wait until the page shows a compile result newer than `after`. */
export async function waitForCompile(page: Page, after: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.compiled ?? 0) > n, after, { timeout: 60_000 });
}

/** Open the playground (optionally with a hash) and wait for its first compile. */
export async function openPlayground(h: Harness, hash = ""): Promise<Page> {
  const page = await h.context.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(h.url + hash);
  await waitForCompile(page, 0);
  return page;
}

/** Replace the editor's text as a user would (select all, type), and wait for the compile. */
export async function setCode(page: Page, code: string): Promise<void> {
  const before = await compiledSeq(page);
  await page.click("[data-testid=source-editor] .cm-content");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
  await waitForCompile(page, before);
}

/** The text of the source editor (CodeMirror renders lines as elements). */
export async function sourceText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { playground: { sourceText(): string } }).playground.sourceText());
}

/** The text of the Output editor. */
export async function outputText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { playground: { outputText(): string } }).playground.outputText());
}

/** Console entries of the last run, as text (one per entry). */
export async function consoleLines(page: Page): Promise<string[]> {
  return page.$$eval("[data-testid=console] .entry:not(.note) .text", (els) => els.map((e) => e.textContent ?? ""));
}

/** Click Run, then wait until `predicate` holds for the console lines (or time out). */
export async function runAndWait(page: Page, until: (lines: string[]) => boolean, timeout = 20_000): Promise<string[]> {
  await page.click("[data-testid=run]");
  const deadline = Date.now() + timeout;
  for (;;) {
    const lines = await consoleLines(page);
    if (until(lines)) return lines;
    if (Date.now() > deadline) return lines;
    await page.waitForTimeout(50);
  }
}
