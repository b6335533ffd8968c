import type * as ts from "typescript";

/**
 * Diagnostics of the `@deferredCoroutine` transform. Codes are strings `DCnnnn`:
 * `DC1xxx` come from marking (this file's {@link MARK_DIAGNOSTICS}), the compiler
 * core reports its own codes (unsupported constructs) through the same type.
 */

/** How serious a diagnostic is: an error means the function was left uncompiled or the build must fail. */
export type DiagnosticCategory = "error" | "warning";

/** One problem found by the transform, with a 1-based position. */
export interface TransformDiagnostic {
  /** File name as the host gave it. */
  readonly file: string;
  /** Offset of the reported node's first token in the file text. */
  readonly start: number;
  /** Length of the reported node's text. */
  readonly length: number;
  /** 1-based line of `start`. */
  readonly line: number;
  /** 1-based column of `start`. */
  readonly column: number;
  readonly category: DiagnosticCategory;
  /** `DCnnnn`. */
  readonly code: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

/** The codes reported while finding marks (the compiler core has its own). */
export const MARK_DIAGNOSTICS = {
  nonAsync: "DC1001",
  accessor: "DC1002",
  constructor: "DC1003",
  generator: "DC1004",
  misspelledTag: "DC1005",
  noBody: "DC1006",
  danglingTag: "DC1007",
  decoratorTarget: "DC1008",
  internalError: "DC1009",
} as const;

/**
 * Builds a diagnostic for `node` of `sourceFile`. A synthesized node (no position,
 * e.g. produced by an earlier compile step) is reported at its original node, or at
 * `fallback` when it has none.
 */
export function createDiagnostic(
  tsApi: typeof ts,
  sourceFile: ts.SourceFile,
  node: ts.Node,
  code: string,
  message: string,
  category: DiagnosticCategory = "error",
  fallback?: ts.Node,
): TransformDiagnostic {
  let target: ts.Node | undefined = node;
  if (target.pos < 0) target = tsApi.getOriginalNode(node);
  if (!target || target.pos < 0 || target.end > sourceFile.end) target = fallback ?? sourceFile;
  const start = target === sourceFile ? 0 : nodeStart(tsApi, sourceFile, target);
  const { line, character } = tsApi.getLineAndCharacterOfPosition(sourceFile, start);
  return {
    file: sourceFile.fileName,
    start,
    length: Math.max(0, target.end - start),
    line: line + 1,
    column: character + 1,
    category,
    code,
    message,
  };
}

/**
 * Offset of the first token of `node` (after its leading trivia). Written against the
 * plain compiler API because under `tsc`/`tspc` nodes are not the services'
 * `NodeObject`s and have no `getStart()` method.
 */
export function nodeStart(tsApi: typeof ts, sourceFile: ts.SourceFile, node: ts.Node): number {
  const text = sourceFile.text;
  let pos = node.pos;
  // Alternate whitespace and comments (both kinds of ranges: see comment-tags.ts).
  for (;;) {
    while (pos < node.end && isWhiteSpace(text.charCodeAt(pos))) pos++;
    const c = tsApi.getTrailingCommentRanges(text, pos)?.[0] ?? tsApi.getLeadingCommentRanges(text, pos)?.[0];
    if (!c || c.pos !== pos) return pos;
    pos = c.end;
  }
}

function isWhiteSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 11 || ch === 12 || ch === 0xa0 || ch === 0xfeff || ch === 0x2028 || ch === 0x2029;
}

/** Formats as `file:line:column - error DCnnnn: message` (the layout of `tsc --pretty`). */
export function formatDiagnostic(diagnostic: TransformDiagnostic): string {
  const { file, line, column, category, code, message } = diagnostic;
  return `${file}:${line}:${column} - ${category} ${code}: ${message}`;
}

/** Formats several diagnostics, one per line. */
export function formatDiagnostics(diagnostics: readonly TransformDiagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}

/**
 * Converts to a `ts.Diagnostic` for hosts that print TypeScript's diagnostics (tspc).
 * TypeScript prints `TS` before the code, so the text reads `error TSDC1001: …`; the
 * code is a string on purpose (TypeScript only concatenates it) so it stays
 * searchable and cannot be mistaken for one of TypeScript's own numeric codes.
 */
export function toTsDiagnostic(tsApi: typeof ts, sourceFile: ts.SourceFile, diagnostic: TransformDiagnostic): ts.Diagnostic {
  return {
    file: sourceFile,
    start: diagnostic.start,
    length: diagnostic.length,
    category: diagnostic.category === "error" ? tsApi.DiagnosticCategory.Error : tsApi.DiagnosticCategory.Warning,
    code: diagnostic.code as unknown as number,
    messageText: diagnostic.message,
    source: "deferred-coroutine",
  };
}

/**
 * Thrown by a transformer created with `createTransformer` (when no `onDiagnostic`
 * callback is given) after it visited a file that has errors, so that loaders that
 * only know exceptions (ts-loader, ts-jest) fail the build with the formatted list.
 */
export class TransformError extends Error {
  /** The errors of the file, in source order. */
  readonly diagnostics: readonly TransformDiagnostic[];

  constructor(diagnostics: readonly TransformDiagnostic[]) {
    super(`deferred-coroutine transform failed:\n${formatDiagnostics(diagnostics)}`);
    this.name = "TransformError";
    this.diagnostics = diagnostics;
  }
}

/** Compares by position, for reporting in source order. */
export function compareDiagnostics(a: TransformDiagnostic, b: TransformDiagnostic): number {
  return a.file === b.file ? a.start - b.start : a.file < b.file ? -1 : 1;
}
