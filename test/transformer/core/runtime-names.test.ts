import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as runtime from "../../../runtime/index.js";
import { frameFields, runtimeNames } from "../../../transformer/core/runtime-names.js";

/** The backquoted first cells of the table under `heading` in docs/internals.md. */
function docTableNames(heading: string): string[] {
  const doc = readFileSync(join(__dirname, "../../../docs/internals.md"), "utf8");
  const section = doc.slice(doc.indexOf(`## ${heading}`)).split(/\n## /)[0]!;
  return [...section.matchAll(/^\| `([A-Za-z]+)(?:\(|`)/gm)].map((m) => m[1]!);
}

describe("runtime names used by compiled coroutines", () => {
  it("every name the transform emits is exported by the runtime with the right kind", () => {
    const exported = runtime as unknown as Record<string, unknown>;
    for (const name of Object.values(runtimeNames)) expect(typeof exported[name], name).toBe("function");
    expect(exported[runtimeNames.Deferred]).toBe(runtime.Deferred);
    expect(exported[runtimeNames.Failure]).toBe(runtime.Failure);
  });

  it("the names are the ones docs/internals.md lists", () => {
    expect(docTableNames("The names compiled code uses").sort()).toEqual(Object.values(runtimeNames).sort());
  });

  it("the frame fields the runtime owns are the ones docs/internals.md lists", () => {
    expect(docTableNames("The frame")).toEqual([...frameFields]);
  });
});
