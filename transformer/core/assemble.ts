import type { CompileInput, CompileOutput } from "./compile.js";

/** Temporary: replaced by the real assembler in the next commit. */
export function assembleCoroutine(input: CompileInput): CompileOutput | undefined {
  input.report({ node: input.node, code: "DC1000", message: "the coroutine compiler is not implemented yet" });
  return undefined;
}
