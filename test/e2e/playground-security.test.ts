// Security of the playground: user code runs in an opaque-origin sandbox and can
// reach neither the page nor its storage; share links cannot inject markup.
import type { Page } from "playwright-core";
import { deflateSync, strToU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleLines, openPlayground, runAndWait, setCode, sourceText, startHarness, type Harness } from "./playground-harness.js";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await openPlayground(h);
  await page.evaluate(() => {
    localStorage.setItem("secret", "page-secret");
    document.cookie = "session=page-cookie; path=/";
  });
}, 180_000);

afterAll(async () => {
  await h?.close();
});

function shareHash(state: unknown): string {
  const b64 = Buffer.from(deflateSync(strToU8(JSON.stringify(state)))).toString("base64url");
  return `#s=${b64}`;
}

describe("the run sandbox", () => {
  it("is an iframe with sandbox=allow-scripts only", async () => {
    await setCode(page, `setTimeout(() => console.log("alive"), 10_000);\n`);
    await page.click("[data-testid=run]");
    const frame = page.locator("#sandboxes iframe").first();
    await frame.waitFor({ state: "attached" });
    expect(await frame.getAttribute("sandbox")).toBe("allow-scripts");
    await page.click("[data-testid=stop]");
  });

  it("user code cannot reach parent.document, localStorage or document.cookie", async () => {
    await setCode(
      page,
      `function attempt(name: string, f: () => unknown): void {
  try {
    console.log(name + " ok " + String(f()));
  } catch (e) {
    console.log(name + " blocked " + (e as Error).name);
  }
}
attempt("parent.document", () => (globalThis as any).parent.document.title);
attempt("top.location", () => (globalThis as any).top.location.href);
attempt("localStorage", () => (globalThis as any).localStorage.getItem("secret"));
attempt("sessionStorage", () => (globalThis as any).sessionStorage.length);
attempt("document.cookie", () => (globalThis as any).document.cookie);
attempt("indexedDB", () => (globalThis as any).indexedDB.open("x"));
console.log("done");
`,
    );
    const lines = await runAndWait(page, (l) => l.includes("done"));
    expect(lines).toContain("parent.document blocked SecurityError");
    expect(lines).toContain("top.location blocked SecurityError");
    expect(lines).toContain("localStorage blocked SecurityError");
    expect(lines).toContain("sessionStorage blocked SecurityError");
    expect(lines).toContain("document.cookie blocked SecurityError");
    expect(lines).toContain("indexedDB blocked SecurityError");
    expect(lines.join("\n")).not.toContain("page-secret");
    expect(lines.join("\n")).not.toContain("page-cookie");
  });

  it("user code cannot make network requests", async () => {
    await setCode(
      page,
      `(globalThis as any).fetch(location.href).then(() => console.log("fetch ok"), (e: Error) => console.log("fetch blocked " + e.name));\ndeclare const location: { href: string };\n`,
    );
    const lines = await runAndWait(page, (l) => l.some((x) => x.startsWith("fetch")));
    expect(lines).toEqual(["fetch blocked TypeError"]);
  });

  it("messages that do not come from the run's own iframe are ignored", async () => {
    await setCode(page, `console.log("real");\n`);
    await runAndWait(page, (l) => l.includes("real"));
    await page.evaluate(() => window.postMessage({ type: "console", level: "log", args: [{ kind: "string", text: "forged" }] }, "*"));
    await page.waitForTimeout(200);
    expect(await consoleLines(page)).toEqual(["real"]);
  });
});

describe("share links", () => {
  it("a crafted share link cannot inject markup or script into the page", async () => {
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const hash = shareHash({ c: `// ${payload}\nconsole.log("${payload.replace(/"/g, '\\"')}");\n`, s: { target: payload, lint: "<b>", clock: "virtual" }, t: `"><img src=x onerror="window.__pwned=3">`, k: "<svg onload=alert(1)>" });
    const p = await openPlayground(h, hash);
    let dialog = false;
    p.on("dialog", (d) => {
      dialog = true;
      void d.dismiss();
    });
    expect(await sourceText(p)).toContain(payload);
    // Settings fell back to valid values; the bad tab name fell back to "output".
    expect(await p.inputValue("[data-testid=setting-target]")).toBe("ES2022");
    expect(await p.inputValue("[data-testid=setting-lint]")).toBe("recommended-type-checked");
    expect(await p.inputValue("[data-testid=setting-clock]")).toBe("virtual");
    expect(await p.getAttribute("#tab-output", "aria-selected")).toBe("true");
    // Running it prints the payload as text; nothing executes in the page.
    await p.click("#tab-console");
    const lines = await runAndWait(p, (l) => l.length > 0);
    expect(lines).toEqual([payload]);
    await p.waitForTimeout(300);
    expect(await p.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await p.locator("body img, body svg:not(.cm-editor svg)").count()).toBe(0);
    expect(dialog).toBe(false);
    await p.close();
  });

  it("a malformed share link falls back to the draft without breaking the page", async () => {
    const p = await openPlayground(h, "#s=%%%not-base64");
    expect((await sourceText(p)).length).toBeGreaterThan(0);
    await p.close();
  });

  it("a TypeScript Playground link (#code/ with lz-string) opens its code", async () => {
    // A link from a public page that links to the TypeScript Playground.
    const p = await openPlayground(h, "#code/DYUwLgBAhgXBByBXAtgIxAJwgXggRgCYBmAbgChRJU4A7FdLXAFgFYA2csqHCVc1HlBJA");
    expect(await sourceText(p)).toBe("let a: Number = 123;\nlet b: number = 456;\n\na = b;\nb = a;");
    await p.close();
  });
});
