// The Problems tab: every transform, TypeScript and ESLint problem, with the rule
// id, a "go to" button and one button per fix or suggestion that edits the buffer.
import type { FixAction, Problem } from "../protocol.js";
import { h } from "./dom.js";

export interface ProblemsPanelHooks {
  reveal(problem: Problem): void;
  apply(fix: FixAction): void;
}

export function renderProblems(root: HTMLElement, problems: readonly Problem[], hooks: ProblemsPanelHooks): void {
  root.replaceChildren();
  if (problems.length === 0) {
    root.append(h("p", { class: "empty", "data-testid": "no-problems" }, "No problems."));
    return;
  }
  const list = h("ul", { class: "problem-list" });
  for (const p of problems) {
    const where = h("button", { class: "link", type: "button", title: "Show in the editor" }, `${p.line}:${p.column}`);
    where.addEventListener("click", () => hooks.reveal(p));
    const fixes = p.fixes.map((f) => {
      const b = h("button", { type: "button", class: `fix ${f.kind}`, "data-testid": `apply-${f.kind}` }, f.title);
      b.addEventListener("click", () => hooks.apply(f));
      return b;
    });
    list.append(
      h(
        "li",
        { class: `problem ${p.severity}`, "data-source": p.source, "data-code": p.code ?? "" },
        h("span", { class: "severity" }, p.severity),
        " ",
        where,
        " ",
        h("span", { class: "message" }, p.message),
        " ",
        p.code ? h("code", { class: "rule" }, p.code) : null,
        fixes.length ? h("div", { class: "fixes" }, ...fixes) : null,
      ),
    );
  }
  root.append(list);
}
