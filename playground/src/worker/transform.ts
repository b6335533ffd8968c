// The real `@deferredCoroutine` transform, loaded from transformer/api.ts in this
// repository and handed the worker's own TypeScript. While that file does not exist
// the worker reports `transformer: false` and the Output tab says so.
import ts from "typescript";
import type { Problem, RawSourceMap } from "../protocol.js";

interface TransformDiagnosticLike {
  start: number;
  length: number;
  line: number;
  column: number;
  category: "error" | "warning";
  code: string;
  message: string;
}

interface TransformSourceResult {
  code: string;
  map?: RawSourceMap | string | null;
  diagnostics: readonly TransformDiagnosticLike[];
}

type TransformSource = (code: string, options: Record<string, unknown>) => TransformSourceResult;

const apiModules = import.meta.glob<{ transformSource?: TransformSource }>("../../../transformer/api.ts");

let transformSource: TransformSource | null | undefined;

/** Loads `transformSource` from transformer/api.ts; null while it is missing. */
export async function loadTransformer(): Promise<TransformSource | null> {
  if (transformSource !== undefined) return transformSource;
  const load = Object.values(apiModules)[0];
  transformSource = load ? ((await load()).transformSource ?? null) : null;
  return transformSource;
}

export interface TransformOutcome {
  code: string | null;
  map: RawSourceMap | null;
  problems: Problem[];
}

/**
 * Transform `code` (file "input.ts"). A throw from the transform becomes an error
 * problem at the start of the file, so a transformer bug never breaks the page.
 */
export function runTransform(code: string, target: ts.ScriptTarget): TransformOutcome {
  if (!transformSource) return { code: null, map: null, problems: [] };
  try {
    const result = transformSource(code, { fileName: "input.ts", sourceMap: true, ts, target });
    const map = typeof result.map === "string" ? (JSON.parse(result.map) as RawSourceMap) : (result.map ?? null);
    const problems = result.diagnostics.map(
      (d): Problem => ({
        source: "transform",
        severity: d.category === "error" ? "error" : "warning",
        message: d.message,
        code: d.code,
        from: d.start,
        to: d.start + d.length,
        line: d.line,
        column: d.column,
        fixes: [],
      }),
    );
    return { code: result.code, map, problems };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      code: null,
      map: null,
      problems: [{ source: "transform", severity: "error", message: `The transform threw: ${message}`, from: 0, to: 0, line: 1, column: 1, fixes: [] }],
    };
  }
}
