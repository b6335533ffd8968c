// End-to-end tests of the playground: the built site, served on 127.0.0.1, in
// Debian's Chromium. They exercise the real transformer, ESLint plugin and runtime.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleLines, openPlayground, outputText, runAndWait, setCode, sourceText, startHarness, waitForCompile, compiledSeq, type Harness } from "./playground-harness.js";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await openPlayground(h);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

async function problems(p: Page): Promise<{ code: string; source: string; error: boolean; text: string }[]> {
  return p.$$eval("[data-testid=problems] li.problem", (items) =>
    items.map((li) => ({
      code: li.getAttribute("data-code") ?? "",
      source: li.getAttribute("data-source") ?? "",
      error: li.classList.contains("error"),
      text: li.textContent ?? "",
    })),
  );
}

async function setSetting(p: Page, name: string, value: string): Promise<void> {
  if ((await p.getAttribute(".settings", "open")) === null) await p.click(".settings summary");
  await p.selectOption(`[data-testid=setting-${name}]`, value);
}

async function openTab(p: Page, tab: string): Promise<void> {
  await p.click(`#tab-${tab}`);
}

const MARKED = `import { succeed, Deferred } from "deferred-coroutine";

/** @deferredCoroutine */
async function twice(d: Deferred<number>): Promise<number> {
  const a = await succeed(1);
  const b = await d;
  return a + b;
}
void twice;
`;

describe("editing", () => {
  it("typing a marked function updates the output with a state machine", async () => {
    await setCode(page, MARKED);
    const out = await outputText(page);
    expect(out).toMatch(/twice\$step\(/);
    expect(out).toMatch(/switch \(/);
    expect(out).not.toMatch(/async function twice/);
    expect((await problems(page)).filter((p) => p.source === "transform")).toEqual([]);
  });

  it("hovering an output line highlights the source line it came from", async () => {
    await setCode(page, MARKED);
    await openTab(page, "output");
    await page.locator("[data-testid=output] .cm-line", { hasText: "$v = succeed(1)" }).hover();
    const linked = page.locator("[data-testid=source-editor] .cm-linked-line");
    await expect.poll(() => linked.count()).toBe(1);
    expect(await linked.textContent()).toBe("  const a = await succeed(1);");
  });

  it("shows no-coroutine-callback for a coroutine passed to callLater, and applying its suggestion removes it", async () => {
    await setCode(
      page,
      `import { reactor } from "deferred-coroutine";

async function refresh(): Promise<void> {}

reactor.callLater(1, refresh);
`,
    );
    await openTab(page, "problems");
    const found = (await problems(page)).filter((p) => p.code === "deferred-coroutine/no-coroutine-callback");
    expect(found).toHaveLength(1);
    // The editor shows it as a squiggle too.
    expect(await page.locator("[data-testid=source-editor] .cm-lintRange-error").count()).toBeGreaterThan(0);
    const before = await compiledSeq(page);
    await page.locator("li.problem[data-code='deferred-coroutine/no-coroutine-callback'] [data-testid=apply-suggestion]").first().click();
    await waitForCompile(page, before);
    expect(await sourceText(page)).not.toContain("callLater(1, refresh)");
    expect((await problems(page)).filter((p) => p.code === "deferred-coroutine/no-coroutine-callback")).toEqual([]);
  });
});

describe("fixes and keyboard", () => {
  it("applying an autofix from the Problems list edits the buffer and clears the problem", async () => {
    let before = await compiledSeq(page);
    await page.selectOption("[data-testid=examples]", "rule-prefer-return");
    await waitForCompile(page, before);
    await openTab(page, "problems");
    const fix = page.locator("li.problem[data-code='deferred-coroutine/prefer-return'] [data-testid=apply-fix]");
    before = await compiledSeq(page);
    await fix.click();
    await waitForCompile(page, before);
    expect(await sourceText(page)).toContain("  return v + 1; // ❌ autofix");
    expect((await problems(page)).map((p) => p.code)).not.toContain("deferred-coroutine/prefer-return");
  });

  it("the tabs follow the arrow keys and Ctrl+Enter runs the program", async () => {
    await setCode(page, `console.log("from the keyboard");\n`);
    await page.focus("#tab-output");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#tab-problems", "aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-problems");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => consoleLines(page)).toEqual(["from the keyboard"]);
  });
});

describe("running", () => {
  it("Run prints the program's console lines in order, with errors as red entries mapped to the source line", async () => {
    await setCode(
      page,
      `import { Deferred } from "deferred-coroutine";

const d = new Deferred<number>();
d.addCallback((v) => console.log("fired", v));
console.log("before");
d.callback(7);
console.log({ a: [1, 2] }, "after");
throw new Error("boom");
`,
    );
    await openTab(page, "console");
    const lines = await runAndWait(page, (l) => l.some((x) => x.includes("boom")));
    expect(lines.slice(0, 3)).toEqual(["before", "fired 7", '{a: [1, 2]} after']);
    const error = page.locator("[data-testid=console] .entry.error");
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toContain("Error: boom");
    expect(await error.locator("[data-testid=source-line]").first().textContent()).toBe("input.ts:8");
  });

  it('shows "Unhandled error in Deferred" as a red entry when a failed Deferred is collected', async () => {
    await setCode(
      page,
      `import { fail } from "deferred-coroutine";
function drop(): void {
  fail(new Error("nobody handled me"));
}
drop();
setTimeout(() => (globalThis as any).gc(), 50);
`,
    );
    await openTab(page, "console");
    await runAndWait(page, () => false, 0);
    const entry = page.locator("[data-testid=console] .entry.error[data-kind=unhandled-deferred]");
    await entry.first().waitFor({ timeout: 20_000 });
    expect(await entry.first().locator(".text").textContent()).toBe("Unhandled error in Deferred: Error: nobody handled me");
  });

  it("a logging loop stops printing after 5000 messages, with a warning", async () => {
    await setCode(page, `for (let i = 0; i < 20000; i++) console.log("line " + i);\nconsole.log("end");\n`);
    await openTab(page, "console");
    const lines = await runAndWait(page, (l) => l.some((x) => x.startsWith("Console output stopped")));
    expect(lines).toHaveLength(5001);
    expect(lines[4999]).toBe("line 4999");
    expect(lines[5000]).toBe("Console output stopped after 5000 messages.");
  });

  it("Stop ends a program with pending timers", async () => {
    await setCode(
      page,
      `import { reactor } from "deferred-coroutine";
let n = 0;
function tick(): void {
  console.log("tick " + ++n);
  reactor.callLater(0.05, tick);
}
tick();
`,
    );
    await runAndWait(page, (l) => l.length >= 3);
    await page.click("[data-testid=stop]");
    const count = (await consoleLines(page)).length;
    await page.waitForTimeout(400); // 8 more ticks would have printed by now
    expect((await consoleLines(page)).length).toBe(count);
    expect(await page.locator("iframe").count()).toBe(0);
    expect(await page.isDisabled("[data-testid=stop]")).toBe(true);
  });

  it("stops a runaway synchronous loop and keeps the page responsive", async () => {
    await setCode(page, `console.log("start");\nlet i = 0;\nwhile (true) { i++; }\n`);
    await runAndWait(page, () => false, 0);
    const runaway = page.locator("[data-testid=console] .entry.error[data-kind=runaway]");
    await runaway.waitFor({ timeout: 20_000 });
    expect(await runaway.textContent()).toContain("Stopped: a loop ran for more than");
    expect(await consoleLines(page)).toContain("start");
    // The page still answers: the editor still compiles edits.
    await setCode(page, `console.log("after");\n`);
    expect(await sourceText(page)).toBe(`console.log("after");\n`);
  });
});

describe("timeline", () => {
  it("shows a ready await resuming without a microtask in the transformed lane and with one in the native lane", async () => {
    await setCode(page, MARKED.replace("void twice;", "const d = new Deferred<number>();\ntwice(d);\nd.callback(2);"));
    await openTab(page, "timeline");
    await page.click("[data-testid=run]");
    const transformed = page.locator("[data-testid=timeline] [data-run=transformed] tr[data-lane=await][data-line='5'][data-microtasks]");
    const native = page.locator("[data-testid=timeline] [data-run=native] tr[data-lane=await][data-line='5'][data-microtasks]");
    await transformed.first().waitFor({ timeout: 20_000 });
    await native.first().waitFor({ timeout: 20_000 });
    expect(await transformed.first().getAttribute("data-microtasks")).toBe("0");
    expect(Number(await native.first().getAttribute("data-microtasks"))).toBeGreaterThanOrEqual(1);
    // The two resumes of line 5 differ, and are highlighted as a divergence in both runs.
    await expect.poll(() => transformed.first().getAttribute("class")).toContain("diverges");
    expect(await native.first().getAttribute("class")).toContain("diverges");
    // The transformed lane shows the coroutine's steps; the native lane has none.
    expect(await page.locator("[data-run=transformed] tr[data-lane=coroutine]").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-run=native] tr[data-lane=coroutine]").count()).toBe(0);
  });
});

describe("virtual clock", () => {
  const PROGRAM = `import { Deferred, TimeoutError, reactor } from "deferred-coroutine";
const slow = new Deferred<string>();
reactor.callLater(5, () => slow.callback("late"));
slow.addTimeout(2, reactor);
slow.addCallbacks(
  (v) => console.log("result " + v + " at " + reactor.seconds()),
  (f) => console.log((f.check(TimeoutError) ? "timed out" : "failed") + " at " + reactor.seconds()),
);
console.log("scheduled at " + reactor.seconds());
`;

  it("Step, Advance and Run until idle drive callLater deterministically, and the position is shared", async () => {
    await setCode(page, PROGRAM);
    await setSetting(page, "clock", "virtual");
    await openTab(page, "console");
    expect(await runAndWait(page, (l) => l.length >= 1)).toEqual(["scheduled at 0"]);
    await page.click("[data-testid=clock-step]");
    await expect.poll(() => consoleLines(page)).toEqual(["scheduled at 0", "timed out at 2"]);
    expect(await page.textContent("[data-testid=clock-time]")).toBe("2");
    expect(await page.textContent("[data-testid=clock-pending]")).toBe("1");
    await page.click("[data-testid=clock-advance]");
    await expect.poll(() => page.textContent("[data-testid=clock-time]")).toBe("3");
    await page.click("[data-testid=clock-idle]");
    await expect.poll(() => page.textContent("[data-testid=clock-time]")).toBe("5");
    expect(await page.textContent("[data-testid=clock-pending]")).toBe("0");
    expect(await consoleLines(page)).toEqual(["scheduled at 0", "timed out at 2"]);

    await page.click("[data-testid=share]");
    const link = await page.inputValue("[data-testid=share-url]");
    const other = await openPlayground(h, link.slice(link.indexOf("#")));
    expect(await other.isVisible("[data-testid=clock-controls]")).toBe(true);
    await other.click("#tab-console");
    expect(await runAndWait(other, (l) => l.length >= 2)).toEqual(["scheduled at 0", "timed out at 2"]);
    expect(await other.textContent("[data-testid=clock-time]")).toBe("5");
    await other.close();
    await setSetting(page, "clock", "real");
  });
});

describe("share links", () => {
  it("a share link opened in a new page restores the code, settings, tab and output", async () => {
    await setCode(page, MARKED);
    await setSetting(page, "target", "ES2017");
    await openTab(page, "problems");
    await page.click("[data-testid=share]");
    const link = await page.inputValue("[data-testid=share-url]");
    expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
    const other = await openPlayground(h, link.slice(link.indexOf("#")));
    expect(await sourceText(other)).toBe(MARKED);
    expect(await other.inputValue("[data-testid=setting-target]")).toBe("ES2017");
    expect(await other.getAttribute("#tab-problems", "aria-selected")).toBe("true");
    expect(await outputText(other)).toBe(await outputText(page));
    expect(await outputText(other)).toMatch(/twice\$step\(/);
    await other.close();
    await setSetting(page, "target", "ES2022");
  });

  it("Copy as issue gives the code, the output, the settings and a working link as Markdown", async () => {
    const code = "const fence = \"```\";\nconsole.log(fence);\n";
    await setCode(page, code);
    await page.click("[data-testid=copy-markdown]");
    const md = await page.inputValue("[data-testid=markdown]");
    expect(md).toContain("````ts\n" + code + "````");
    expect(md).toContain("````js\n" + (await outputText(page)).replace(/\n$/, "") + "\n````");
    expect(md).toContain("**Settings**: target ES2022, lint recommended-type-checked, clock real");
    const link = /\[Playground link\]\(([^)]+)\)/.exec(md)![1]!;
    await page.keyboard.press("Escape");
    const other = await openPlayground(h, link.slice(link.indexOf("#")));
    expect(await sourceText(other)).toBe(code);
    await other.close();
  });

  it("the draft survives a reload", async () => {
    const draft = `console.log("draft ${Date.now()}");\n`;
    await setCode(page, draft);
    const p = await openPlayground(h);
    expect(await sourceText(p)).toBe(draft);
    await p.close();
  });
});

describe("examples", () => {
  it("#example=<id> opens that example on its Problems tab, with its rule's diagnostic", async () => {
    const p = await openPlayground(h, "#example=rule-no-double-fire");
    expect(await sourceText(p)).toContain('d.callback("second")');
    expect(await p.getAttribute("#tab-problems", "aria-selected")).toBe("true");
    expect((await problems(p)).map((x) => x.code)).toContain("deferred-coroutine/no-double-fire");
    await p.close();
  });

  it("the layout stacks at phone width without horizontal scrolling", async () => {
    const p = await h.context.newPage();
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(h.url + "#example=ready-vs-pending");
    await p.waitForSelector("body[data-compiled]");
    const editor = await p.locator("[data-testid=source-editor]").boundingBox();
    const tabs = await p.locator(".tabs").boundingBox();
    expect(editor!.width).toBeLessThanOrEqual(390);
    expect(tabs!.y).toBeGreaterThan(editor!.y + editor!.height - 1);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.close();
  });

  it("every example loads, transforms, shows its rule's diagnostic, and runs without an unexpected error", async () => {
    const options = await page.$$eval("[data-testid=examples] option[value]:not([value=''])", (os) =>
      os.map((o) => ({ id: (o as HTMLOptionElement).value, rule: o.getAttribute("data-rule"), expected: (o.getAttribute("data-expected-errors") ?? "").split(",").filter(Boolean) })),
    );
    expect(options.length).toBeGreaterThanOrEqual(17);
    const failures: string[] = [];
    for (const ex of options) {
      const before = await compiledSeq(page);
      await page.selectOption("[data-testid=examples]", ex.id);
      await waitForCompile(page, before);
      const ps = await problems(page);
      const hard = ps.filter((p) => p.source !== "eslint" && p.error);
      if (hard.length) failures.push(`${ex.id}: ${hard.map((p) => p.text).join(" | ")}`);
      if (ex.rule && !ps.some((p) => p.code === ex.rule)) failures.push(`${ex.id}: no ${ex.rule} diagnostic`);
      // Concept examples are clean; a rule example shows its own rule only.
      const others = ps.filter((p) => p.source === "eslint" && p.code !== ex.rule);
      if (others.length) failures.push(`${ex.id}: unrelated lint problems: ${others.map((p) => p.text).join(" | ")}`);
      if (!/\$step\(/.test(await outputText(page)) && (await sourceText(page)).includes("@deferredCoroutine")) failures.push(`${ex.id}: output has no state machine`);
      await runAndWait(page, (lines) => lines.length > 0, 10_000);
      await page.waitForTimeout(300); // late errors
      const errors = await page.$$eval("[data-testid=console] .entry.error .text", (els) => els.map((e) => e.textContent ?? ""));
      const unexpected = errors.filter((e) => !ex.expected.some((name) => e.includes(name)));
      if (unexpected.length) failures.push(`${ex.id}: ${unexpected.join(" | ")}`);
      if ((await consoleLines(page)).length === 0) failures.push(`${ex.id}: printed nothing`);
      if (!(await page.isDisabled("[data-testid=stop]"))) await page.click("[data-testid=stop]");
    }
    expect(failures).toEqual([]);
  }, 150_000);
});
