// The two CodeMirror 6 editors: the TypeScript source (editable, lint gutter and
// squiggles) and the transformed output (read-only). Hover links between them are
// highlights driven by the transform's source map (see hover-links.ts).
import { basicSetup } from "codemirror";
import { javascript } from "@codemirror/lang-javascript";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorState, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import type { Problem } from "../protocol.js";

/** Sets (or clears, with null) the highlighted ranges of an editor. */
export const setHighlight = StateEffect.define<{ from: number; to: number }[] | null>();

const highlightMark = Decoration.mark({ class: "cm-linked" });
const highlightLine = Decoration.line({ class: "cm-linked-line" });

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlight)) continue;
      if (!e.value || e.value.length === 0) return Decoration.none;
      const ranges = e.value
        .filter((r) => r.to <= tr.state.doc.length)
        .flatMap((r) => {
          const line = tr.state.doc.lineAt(r.from);
          const marks = [highlightLine.range(line.from)];
          if (r.to > r.from) marks.push(highlightMark.range(r.from, r.to));
          return marks;
        });
      return Decoration.set(ranges, true);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" },
  ".cm-linked": { backgroundColor: "rgba(255, 200, 0, 0.35)" },
  ".cm-linked-line": { backgroundColor: "rgba(255, 200, 0, 0.12)" },
});

function common(): Extension[] {
  return [basicSetup, javascript({ typescript: true }), theme, highlightField, EditorView.lineWrapping];
}

/** The source editor; `onChange` runs after every document change. */
export function createSourceEditor(parent: HTMLElement, doc: string, onChange: (code: string) => void): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        common(),
        lintGutter(),
        EditorView.contentAttributes.of({ "aria-label": "TypeScript source" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
}

/** The read-only output editor. */
export function createOutputEditor(parent: HTMLElement): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [common(), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.contentAttributes.of({ "aria-label": "Transformed JavaScript" })],
    }),
  });
}

/** Replace a read-only editor's text. */
export function setText(view: EditorView, text: string): void {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Show `problems` as squiggles and gutter marks in the source editor. */
export function showProblems(view: EditorView, problems: readonly Problem[]): void {
  const len = view.state.doc.length;
  const diagnostics: Diagnostic[] = problems.map((p) => ({
    from: Math.min(p.from, len),
    to: Math.min(Math.max(p.to, p.from), len),
    severity: p.severity,
    source: p.code ? `${p.source} ${p.code}` : p.source,
    message: p.message,
  }));
  view.dispatch(setDiagnostics(view.state, diagnostics));
}
