// Just enough source-map arithmetic for the playground: look a generated position
// up, list the segments (for hover links), and compose two maps (the transform's
// map and the CommonJS transpile's map) into one.
import { decode, encode, type SourceMapMappings } from "@jridgewell/sourcemap-codec";
import type { RawSourceMap } from "./protocol.js";

/** A 0-based line/column position. */
export interface Position {
  line: number;
  column: number;
}

/** One mapping: a generated range on one line and the original position it came from. */
export interface Segment {
  generated: Position;
  /** End column on the same generated line (exclusive); Infinity for the line's last segment. */
  generatedEndColumn: number;
  original: Position;
}

const decoded = new WeakMap<RawSourceMap, SourceMapMappings>();

function mappingsOf(map: RawSourceMap): SourceMapMappings {
  let m = decoded.get(map);
  if (!m) {
    m = decode(map.mappings);
    decoded.set(map, m);
  }
  return m;
}

/** Every mapped segment of `map`, in generated order. */
export function segments(map: RawSourceMap): Segment[] {
  const out: Segment[] = [];
  mappingsOf(map).forEach((line, lineIndex) => {
    line.forEach((seg, i) => {
      if (seg.length < 4) return;
      const next = line[i + 1];
      out.push({
        generated: { line: lineIndex, column: seg[0] },
        generatedEndColumn: next ? next[0] : Infinity,
        original: { line: seg[2]!, column: seg[3]! },
      });
    });
  });
  return out;
}

/**
 * The original position of a generated one: the closest mapped segment at or
 * before `column` on `line` (or the first on the line). Null when the line has none.
 */
export function originalPositionFor(map: RawSourceMap, pos: Position): Position | null {
  const line = mappingsOf(map)[pos.line];
  if (!line) return null;
  let best: number[] | null = null;
  for (const seg of line) {
    if (seg.length < 4) continue;
    if (seg[0] <= pos.column || best === null) best = seg;
    if (seg[0] > pos.column) break;
  }
  return best ? { line: best[2]!, column: best[3]! } : null;
}

/**
 * Compose `outer` (generated → intermediate) with `inner` (intermediate → original):
 * the result maps `outer`'s generated code straight to `inner`'s sources.
 */
export function composeMaps(outer: RawSourceMap, inner: RawSourceMap): RawSourceMap {
  const lines = mappingsOf(outer).map((line) => {
    const out: [number, number, number, number][] = [];
    for (const seg of line) {
      if (seg.length < 4) continue;
      const orig = originalPositionFor(inner, { line: seg[2]!, column: seg[3]! });
      if (orig) out.push([seg[0], 0, orig.line, orig.column]);
    }
    return out;
  });
  return {
    version: 3,
    sources: inner.sources.slice(0, 1),
    names: [],
    mappings: encode(lines),
    sourcesContent: inner.sourcesContent?.slice(0, 1),
  };
}
