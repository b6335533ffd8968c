/**
 * Where transformed coroutines deliberately differ from native async functions
 * (Twisted's timing), and the stack bounds: checked against fixed expectations,
 * not against native.
 */
import { describe, expect, it } from "vitest";
import * as runtime from "../../../runtime/index.js";
import { compileFixture, listFixtures } from "../fixture-files.js";
import { runModule } from "./harness.js";

function load(code: string): Record<string, any> {
  const compiled = compileFixture(code, "CommonJS");
  expect(compiled.diagnostics).toEqual([]);
  const mod: { exports: Record<string, any> } = { exports: {} };
  const log: unknown[] = [];
  new Function("require", "exports", "module", "log", compiled.code)(
    (id: string) => (id === "deferred-coroutine" ? runtime : undefined),
    mod.exports,
    mod,
    log,
  );
  return { ...mod.exports, log };
}

const fixture = (name: string) => listFixtures().find((f) => f.name === name)!;

describe("Deferred timing of transformed coroutines", () => {
  it("a coroutine awaiting a pending Deferred resumes synchronously inside that Deferred's callback()", () => {
    const m = load(fixture("values/pending-deferred-resumes-in-callback").input);
    const d = m.scenario() as runtime.Deferred<number>;
    expect(m.log).toEqual(["start", "suspended", "resumed with 5", "after callback"]);
    let result: unknown;
    d.addCallback((x: unknown) => (result = x));
    expect(result).toBe(5);
  });

  const syncFixtures = ["statements/for-let-closures", "try/await-in-finally-every-exit", "expressions/call-arguments", "functions/recursion", "statements/for-of-iterator-close"];
  for (const name of syncFixtures) {
    for (const mode of ["plain", "ready"] as const) {
      it(`${name} finishes before run() returns when every awaited value is ${mode}`, async () => {
        const out = await runModule(compileFixture(fixture(name).input, "CommonJS").code, mode);
        expect(out.syncSettled).toBe(true);
        expect(out.ok).toBe(true);
      });
    }
  }

  it("a million sequential ready awaits complete synchronously in bounded stack", () => {
    const m = load(`
      import { succeed } from "deferred-coroutine";
      /** @deferredCoroutine */
      export async function sum(n: number) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (await succeed(i)) + (await 1);
        return s;
      }`);
    let result: unknown;
    (m.sum(1_000_000) as runtime.Deferred<number>).addCallback((x: unknown) => (result = x));
    expect(result).toBe((1_000_000 * 999_999) / 2 + 1_000_000);
  });

  it("100 000 coroutines each awaiting the next are released by one callback() without overflowing", () => {
    const m = load(`
      import { Deferred } from "deferred-coroutine";
      export const leaf = new Deferred<number>();
      /** @deferredCoroutine */
      export async function link(previous: Promise<number>): Promise<number> {
        return 1 + (await previous);
      }`);
    const depth = 100_000;
    let top: runtime.Deferred<number> = m.leaf;
    for (let i = 0; i < depth; i++) top = m.link(top);
    let result: unknown;
    top.addCallback((x: unknown) => (result = x));
    expect(result).toBeUndefined();
    m.leaf.callback(7);
    expect(result).toBe(depth + 7);
  });
  it("after an unbalanced unpause(), await takes the inner Deferred as the value, as Twisted's await does", () => {
    // Twisted 22.4 (Deferred.send: fired and not paused is ready), run with /usr/bin/python3:
    //   d2 = Deferred(); d1 = Deferred(); d1.addCallback(lambda _: d2); d1.callback(1); d1.unpause()
    //   async def co(): x = await d1; log(x is d2, d1.result is d2, d1.paused); return 5
    //   ensureDeferred(co()).addBoth(log); d2.callback(7); log(d1.result, d2.result)
    // logs (True, True, 0), 5, then (7, None).
    const m = load(`
      import { Deferred } from "deferred-coroutine";
      declare const log: unknown[];
      export function scenario() {
        const d2 = new Deferred<number>();
        const d1 = new Deferred<unknown>();
        d1.addCallback(() => d2);
        d1.callback(1);
        d1.unpause();
        /** @deferredCoroutine */
        async function co() {
          const x = await d1;
          log.push([x === d2, d1.result === d2, d1.paused]);
          return 5;
        }
        co().addBoth((v: unknown) => void log.push(v));
        d2.callback(7);
        log.push([d1.result, d2.result]);
      }`);
    m.scenario();
    expect(m.log).toEqual([[true, true, 0], 5, [7, undefined]]);
  });
});
