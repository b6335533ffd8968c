import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const root = join(__dirname, "..", "..");

/**
 * The runtime's reactor in a real browser (Debian's Chromium): the module
 * graph loads without Node globals, and a chain of zero-delay calls is woken by
 * MessageChannel messages, not by setTimeout (which browsers clamp to 4 ms
 * when nested).
 */
describe.skipIf(!existsSync(CHROMIUM))("HostReactor in a browser", () => {
  let dir: string;
  let server: Server;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "reactor-browser-"));
    const { compileTree } = (await import(join(root, "scripts", "compile-ts.mjs"))) as {
      compileTree: (root: string, entries: string[], out: string, o: { format: "esm" }) => string[];
    };
    compileTree(root, [join(root, "runtime", "index.ts")], dir, { format: "esm" });
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0]));
      if (path === "/") {
        res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>reactor</title>");
        return;
      }
      const file = join(dir, path);
      if (!file.startsWith(dir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no server address");
    base = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs zero-delay call chains without setTimeout and delayed calls with it, in order", async () => {
    const page = await browser.newPage();
    await page.goto(base + "/");
    // Plain JavaScript run in the page (a string, so that vitest does not
    // rewrite its dynamic import).
    const script = `(async () => {
      const realSetTimeout = window.setTimeout.bind(window);
      let timeouts = 0;
      window.setTimeout = (fn, ms) => { timeouts++; return realSetTimeout(fn, ms); };
      const runtime = await import(${JSON.stringify(base + "/runtime/index.js")});
      const r = new runtime.HostReactor();
      const order = [];
      await new Promise((resolve) => {
        const step = (n) => {
          order.push(n);
          if (n === 19) resolve();
          else r.callLater(0, step, n + 1);
        };
        r.callLater(0, step, 0);
      });
      const zeroDelayTimeouts = timeouts;
      const late = [];
      await new Promise((resolve) => {
        r.callLater(0.01, () => { late.push("b"); resolve(); });
        r.callLater(0.005, () => late.push("a"));
        r.callLater(0.02, () => late.push("cancelled")).cancel();
      });
      const fired = await runtime.deferLater(r, 0.001, () => "deferLater in a browser");
      return { order, zeroDelayTimeouts, delayedTimeouts: timeouts - zeroDelayTimeouts, late, fired };
    })()`;
    const result = (await page.evaluate(script)) as {
      order: number[];
      zeroDelayTimeouts: number;
      delayedTimeouts: number;
      late: string[];
      fired: string;
    };
    await page.close();
    expect(result.order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(result.zeroDelayTimeouts).toBe(0);
    expect(result.delayedTimeouts).toBeGreaterThanOrEqual(1);
    expect(result.late).toEqual(["a", "b"]);
    expect(result.fired).toBe("deferLater in a browser");
  });
});
