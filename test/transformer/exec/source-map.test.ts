/**
 * Source maps: an error thrown inside a state of the compiled step function
 * points, through the source map, at the statement of the original line.
 */
import { runInThisContext } from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as runtime from "../../../runtime/index.js";
import { transformSource } from "../../../transformer/api.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes a v3 `mappings` string into [generatedColumn, sourceLine] segments per generated line (0-based). */
function decode(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let srcLine = 0;
  for (const line of mappings.split(";")) {
    const segs: [number, number][] = [];
    let col = 0;
    for (const seg of line.split(",").filter(Boolean)) {
      const values: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length >= 4) {
        srcLine += values[2];
        segs.push([col, srcLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

function originalLineOfError(source: string, call: (exports: Record<string, any>) => runtime.Deferred<unknown>): number {
  const { code, map, diagnostics } = transformSource(source, { ts, fileName: "mapped.ts", sourceMap: true, module: "CommonJS" });
  expect(diagnostics).toEqual([]);
  const mod = { exports: {} as Record<string, any> };
  // The wrapper stays on the first line so generated line numbers are unchanged.
  const fn = runInThisContext(`(function (require, exports, module) {${code}\n})`, { filename: "mapped.js" });
  fn((id: string) => (id === "deferred-coroutine" ? runtime : undefined), mod.exports, mod);
  let error: Error | undefined;
  call(mod.exports).addErrback((f: runtime.Failure) => {
    error = f.value as Error;
    return undefined;
  });
  expect(error).toBeInstanceOf(Error);
  const frame = /mapped\.js:(\d+):(\d+)/.exec(error!.stack ?? "");
  expect(frame, error!.stack).not.toBeNull();
  const genLine = Number(frame![1]) - 1;
  const genCol = Number(frame![2]) - 1;
  const segs = decode(map!.mappings)[genLine];
  expect(segs.length, `generated line ${genLine + 1} has a mapping`).toBeGreaterThan(0);
  const seg = [...segs].reverse().find(([c]) => c <= genCol) ?? segs[0];
  return seg[1] + 1;
}

const source = `import { Deferred } from "deferred-coroutine";
export const gate = new Deferred<void>();
/** @deferredCoroutine */
export async function g(x: any) {
  await gate;
  const y = x.missing.property;
  return y;
}
/** @deferredCoroutine */
export async function h(n: number) {
  for (let i = 0; i < n; i++) {
    await i;
    if (i === 2) throw new RangeError("at two");
  }
}
`;

describe("source maps of compiled coroutines", () => {
  it("a TypeError in a statement after a resumed await maps to that statement's line", () => {
    expect(
      originalLineOfError(source, (m) => {
        const d = m.g({});
        m.gate.callback(undefined);
        return d;
      }),
    ).toBe(6);
  });

  it("a throw inside a split loop maps to the throw statement's line", () => {
    expect(originalLineOfError(source, (m) => m.h(5))).toBe(13);
  });
});
