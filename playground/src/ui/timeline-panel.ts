// The Timeline tab: the transformed and the native run of the same program side by
// side, one column per lane (sync, coroutine steps, Deferred callbacks, awaits with
// their microtask count, microtask turns, reactor timers), one row per event.
import type { TimelineEvent, TimelineLane } from "../protocol.js";
import { h } from "./dom.js";

export const LANES: readonly TimelineLane[] = ["sync", "await", "coroutine", "deferred", "microtask", "reactor"];
const LANE_TITLES: Record<TimelineLane, string> = {
  sync: "sync / console",
  await: "await",
  coroutine: "coroutine steps",
  deferred: "Deferred callbacks",
  microtask: "microtasks",
  reactor: "reactor timers",
};

export type RunName = "transformed" | "native";

export class TimelinePanel {
  private readonly bodies = new Map<RunName, HTMLElement>();
  private readonly summaries = new Map<RunName, HTMLElement>();
  private readonly counts = new Map<RunName, number>();

  constructor(root: HTMLElement, controls: HTMLElement) {
    const columns = (["transformed", "native"] as const).map((name) => {
      const body = h("tbody");
      const summary = h("p", { class: "summary" });
      this.bodies.set(name, body);
      this.summaries.set(name, summary);
      const head = h("tr", {}, h("th", { scope: "col" }, "#"), ...LANES.map((l) => h("th", { scope: "col" }, LANE_TITLES[l])));
      return h(
        "section",
        { class: "timeline-run", "data-run": name },
        h("h3", {}, name === "transformed" ? "Transformed (@deferredCoroutine → Deferred state machine)" : "Native async/await"),
        summary,
        h("div", { class: "table-wrap" }, h("table", { class: "timeline-table" }, h("thead", {}, head), body)),
      );
    });
    root.replaceChildren(controls, h("div", { class: "timeline-runs" }, ...columns));
  }

  clear(message: string): void {
    for (const name of ["transformed", "native"] as const) {
      this.bodies.get(name)!.replaceChildren();
      this.summaries.get(name)!.textContent = message;
      this.counts.set(name, 0);
    }
  }

  setSummary(run: RunName, text: string): void {
    this.summaries.get(run)!.textContent = text;
  }

  add(run: RunName, events: readonly TimelineEvent[]): void {
    const body = this.bodies.get(run)!;
    for (const e of events) {
      const cells = LANES.map((lane) => h("td", { class: lane === e.lane ? "hit" : "" }, lane === e.lane ? e.label : ""));
      const attrs: Record<string, string | number | undefined> = { "data-lane": e.lane, "data-line": e.line };
      if (e.microtasks !== undefined) attrs["data-microtasks"] = e.microtasks;
      body.append(h("tr", { class: `event ${e.lane}${e.microtasks === 0 ? " sync-resume" : ""}`, ...attrs }, h("td", { class: "seq" }, String(e.seq)), ...cells));
    }
    this.counts.set(run, (this.counts.get(run) ?? 0) + events.length);
    const resumes = [...body.querySelectorAll<HTMLElement>("tr[data-microtasks]")];
    const total = resumes.reduce((n, r) => n + Number(r.dataset.microtasks), 0);
    this.summaries.get(run)!.textContent = `${this.counts.get(run)} events · ${resumes.length} awaits resumed · ${total} microtask turns spent waiting`;
    this.markDivergences();
  }

  /**
   * Highlight the awaits whose resumption differs between the two runs: the n-th
   * resume of the await on line L took a different number of microtask turns
   * (typically 0 in the transformed run, 1 or more natively).
   */
  private markDivergences(): void {
    const byLine = (run: RunName) => {
      const map = new Map<string, HTMLElement[]>();
      for (const row of this.bodies.get(run)!.querySelectorAll<HTMLElement>("tr[data-microtasks]")) {
        const key = row.dataset.line ?? "?";
        map.set(key, [...(map.get(key) ?? []), row]);
      }
      return map;
    };
    const t = byLine("transformed");
    const n = byLine("native");
    for (const [line, rows] of t) {
      const others = n.get(line) ?? [];
      rows.forEach((row, i) => {
        const other = others[i];
        const differs = other !== undefined && other.dataset.microtasks !== row.dataset.microtasks;
        for (const r of [row, other]) {
          if (!r) continue;
          r.classList.toggle("diverges", differs);
          if (differs) r.title = `line ${line}: ${row.dataset.microtasks} microtask turns transformed, ${other!.dataset.microtasks} native`;
        }
      });
    }
  }
}
