import { describe, expect, it } from "vitest";
import * as runtime from "../../../runtime/index.js";
import { frameFields, runtimeNames } from "../../../transformer/core/runtime-names.js";

describe("runtime names used by compiled coroutines", () => {
  it("every name the transform emits is exported by the runtime with the right kind", () => {
    const exported = runtime as unknown as Record<string, unknown>;
    for (const name of Object.values(runtimeNames)) expect(typeof exported[name], name).toBe("function");
    expect(exported[runtimeNames.Deferred]).toBe(runtime.Deferred);
  });

  it("the frame fields the runtime owns are the ones docs/internals.md lists", () => {
    expect([...frameFields]).toEqual(["state", "step", "site", "d", "waitingOn", "ctx", "e"]);
  });
});
