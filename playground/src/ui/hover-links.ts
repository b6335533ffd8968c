// Hover links between the source and the transformed output, through the
// transform's source map: hovering an output line highlights the source range it
// came from; hovering a source line highlights every output line generated from it.
import type { EditorView } from "@codemirror/view";
import type { RawSourceMap } from "../protocol.js";
import { originalPositionFor, segments } from "../source-map.js";
import { setHighlight } from "./editors.js";

function lineRange(view: EditorView, line0: number, column = 0): { from: number; to: number } | null {
  if (line0 + 1 > view.state.doc.lines) return null;
  const line = view.state.doc.line(line0 + 1);
  return { from: Math.min(line.from + column, line.to), to: line.to };
}

function hoveredLine(view: EditorView, ev: MouseEvent): { line: number; column: number } | null {
  const pos = view.posAtCoords({ x: ev.clientX, y: ev.clientY });
  if (pos === null) return null;
  const line = view.state.doc.lineAt(pos);
  return { line: line.number - 1, column: pos - line.from };
}

/** Wire hover highlighting both ways; `currentMap` returns the map of the output shown now. */
export function linkEditors(source: EditorView, output: EditorView, currentMap: () => RawSourceMap | null): void {
  const clear = () => {
    source.dispatch({ effects: setHighlight.of(null) });
    output.dispatch({ effects: setHighlight.of(null) });
  };
  output.dom.addEventListener("mousemove", (ev) => {
    const map = currentMap();
    const at = map && hoveredLine(output, ev);
    if (!map || !at) return clear();
    const orig = originalPositionFor(map, at);
    const src = orig && lineRange(source, orig.line, orig.column);
    const out = lineRange(output, at.line);
    source.dispatch({ effects: setHighlight.of(src ? [src] : null) });
    output.dispatch({ effects: setHighlight.of(out ? [{ from: out.from, to: out.from }] : null) });
  });
  source.dom.addEventListener("mousemove", (ev) => {
    const map = currentMap();
    const at = map && hoveredLine(source, ev);
    if (!map || !at) return clear();
    const ranges = segments(map)
      .filter((s) => s.original.line === at.line)
      .map((s) => lineRange(output, s.generated.line))
      .filter((r): r is { from: number; to: number } => r !== null)
      .map((r) => ({ from: r.from, to: r.from }));
    output.dispatch({ effects: setHighlight.of(ranges.length ? ranges : null) });
    const src = lineRange(source, at.line);
    source.dispatch({ effects: setHighlight.of(ranges.length && src ? [{ from: src.from, to: src.from }] : null) });
  });
  output.dom.addEventListener("mouseleave", clear);
  source.dom.addEventListener("mouseleave", clear);
}
