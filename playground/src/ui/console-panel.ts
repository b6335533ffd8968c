// The Console tab: the last run's output. Repeated identical lines collapse into
// one entry with a count; groups indent; uncaught errors, unhandled rejections,
// "Unhandled error in Deferred" reports and runaway-loop stops are red entries
// whose stack lines are mapped back to the source (clickable).
import type { RawSourceMap, SandboxEvent } from "../protocol.js";
import { originalPositionFor } from "../source-map.js";
import { h } from "./dom.js";

type Entry = Extract<SandboxEvent, { type: "console" } | { type: "error" }>;

export class ConsolePanel {
  private depth = 0;
  private last: { key: string; count: number; badge: HTMLElement } | null = null;
  private readonly list: HTMLElement;
  /** Rows built since the last paint; appended (and scrolled to) once per frame. */
  private pending = document.createDocumentFragment();
  private flushScheduled = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly revealLine: (line: number) => void,
  ) {
    this.list = h("div", { class: "console-list", role: "log", "aria-live": "polite" });
    root.replaceChildren(this.list);
  }

  clear(note?: string): void {
    this.pending = document.createDocumentFragment();
    this.list.replaceChildren();
    this.depth = 0;
    this.last = null;
    if (note) this.note(note);
  }

  /** A grey line from the playground itself ("Stopped.", "Running…"). */
  note(text: string): void {
    this.last = null;
    this.pending.append(h("div", { class: "entry note" }, text));
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One append and one scroll per frame: per-entry appends with a scroll each force
    // a layout per line, which makes a chatty program freeze the page.
    const flush = () => {
      this.flushScheduled = false;
      this.list.append(this.pending);
      this.pending = document.createDocumentFragment();
      this.root.scrollTop = this.root.scrollHeight;
    };
    if (document.hidden) setTimeout(flush, 16);
    else requestAnimationFrame(flush);
  }

  add(entry: Entry, map: RawSourceMap | null): void {
    if (entry.type === "console" && entry.group === "end") {
      this.depth = Math.max(0, this.depth - 1);
      return;
    }
    const text = entry.type === "console" ? entry.args.map((a) => a.text).join(" ") : entry.message;
    const cls = entry.type === "console" ? entry.level : `error ${entry.kind}`;
    const key = `${cls}\u0000${this.depth}\u0000${text}`;
    if (this.last && this.last.key === key) {
      this.last.count++;
      this.last.badge.textContent = String(this.last.count);
      this.last.badge.hidden = false;
      return;
    }
    const badge = h("span", { class: "count", hidden: true }, "1");
    const row = h("div", { class: `entry ${cls}`, style: `padding-left:${0.5 + this.depth * 1.2}em` }, badge, h("span", { class: "text" }, text));
    if (entry.type === "error") {
      row.dataset.kind = entry.kind;
      const where = this.sourceLines(entry.stack, map);
      if (where.length) row.append(h("div", { class: "where" }, ...where));
    }
    this.pending.append(row);
    this.last = { key, count: 1, badge };
    if (entry.type === "console" && entry.group === "start") this.depth++;
    this.scheduleFlush();
  }

  /** Stack frames in the program ("playground.js:L:C"), as links to the original lines. */
  private sourceLines(stack: string, map: RawSourceMap | null): HTMLElement[] {
    const out: HTMLElement[] = [];
    const seen = new Set<number>();
    for (const m of stack.matchAll(/playground\.js:(\d+):(\d+)/g)) {
      const line = Number(m[1]) - 1;
      const column = Number(m[2]) - 1;
      const orig = map ? originalPositionFor(map, { line, column }) : { line, column };
      if (!orig || seen.has(orig.line)) continue;
      seen.add(orig.line);
      const b = h("button", { type: "button", class: "link", "data-testid": "source-line" }, `input.ts:${orig.line + 1}`);
      b.addEventListener("click", () => this.revealLine(orig.line + 1));
      out.push(b);
    }
    return out;
  }
}
