// The playground page: wires the editors, the compile worker, the run sandboxes,
// the panels, the examples and the share link together. No compiler runs here.
import type { EditorView } from "@codemirror/view";
import { EditorSelection } from "@codemirror/state";
import { examples } from "./examples/index.js";
import { defaultSettings, type CompileResult, type PlaygroundState, type SandboxEvent, type Settings, type TabName } from "./protocol.js";
import { decodeHash, encodeState, loadDraft, saveDraft } from "./share.js";
import { CompilerClient } from "./ui/compiler-client.js";
import { ConsolePanel } from "./ui/console-panel.js";
import { createOutputEditor, createSourceEditor, setText, showProblems } from "./ui/editors.js";
import { linkEditors } from "./ui/hover-links.js";
import { renderProblems } from "./ui/problems-panel.js";
import { SandboxRun } from "./ui/runner.js";
import { TimelinePanel, type RunName } from "./ui/timeline-panel.js";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const TABS: TabName[] = ["output", "problems", "console", "timeline"];
const DEBOUNCE_MS = 150;

/** `#example=<id>` opens an example (rule docs link to theirs this way). */
function exampleState(hash: string): PlaygroundState | null {
  const id = /^#example=([\w-]+)$/.exec(hash)?.[1];
  const ex = examples.find((e) => e.id === id);
  return ex ? { code: ex.code, settings: { ...defaultSettings, ...ex.settings }, tab: ex.rule ? "problems" : "output", clock: 0 } : null;
}

const initial: PlaygroundState = decodeHash(location.hash) ??
  exampleState(location.hash) ??
  loadDraft() ?? { code: examples[0]!.code, settings: { ...defaultSettings, ...examples[0]!.settings }, tab: "output", clock: 0 };
const state: PlaygroundState = { ...initial, settings: { ...initial.settings } };

const compiler = new CompilerClient();
/** The source map of the output on screen (set by early answers too). */
let latestMap: CompileResult["outputMap"] = null;
let compileTimer: ReturnType<typeof setTimeout> | undefined;

const consolePanel = new ConsolePanel($("panel-console"), (line) => revealLine(line));
const clockControls = $("clock-controls");
const timelinePanel = new TimelinePanel($("panel-timeline"), document.createElement("div"));
const sandboxes = $("sandboxes");
let runs: { main: SandboxRun | null; transformed: SandboxRun | null; native: SandboxRun | null } = { main: null, transformed: null, native: null };

const source: EditorView = createSourceEditor($("source-editor"), state.code, (code) => {
  state.code = code;
  // The state now differs from the link it was opened from: drop the hash, so a
  // reload restores the draft (the edits) rather than the original link.
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  scheduleCompile();
  saveDraft(state);
});
const output: EditorView = createOutputEditor($("output"));
linkEditors(source, output, () => latestMap);

// --- tabs ----------------------------------------------------------------------
function selectTab(tab: TabName, focus = false): void {
  state.tab = tab;
  for (const t of TABS) {
    const button = $(`tab-${t}`);
    button.setAttribute("aria-selected", String(t === tab));
    button.tabIndex = t === tab ? 0 : -1;
    $(`panel-${t}`).hidden = t !== tab;
    if (t === tab && focus) button.focus();
  }
  saveDraft(state);
}
for (const t of TABS) $(`tab-${t}`).addEventListener("click", () => selectTab(t));
document.querySelector(".tabs")!.addEventListener("keydown", (ev) => {
  const e = ev as KeyboardEvent;
  const focused = (e.target as HTMLElement).dataset?.tab as TabName | undefined;
  const i = TABS.indexOf(focused ?? state.tab);
  if (e.key === "ArrowRight") selectTab(TABS[(i + 1) % TABS.length]!, true);
  else if (e.key === "ArrowLeft") selectTab(TABS[(i + TABS.length - 1) % TABS.length]!, true);
});

// --- compile -------------------------------------------------------------------
function scheduleCompile(): void {
  clearTimeout(compileTimer);
  compileTimer = setTimeout(() => void compileNow(), DEBOUNCE_MS);
}

async function compileNow(): Promise<CompileResult | null> {
  const started = performance.now();
  const result = await compiler.compile(state.code, state.settings, false, (partial) => {
    if (partial.seq !== compiler.latest) return;
    showOutput(partial);
    document.body.dataset.output = String(partial.seq);
    if (!document.body.dataset.compiled) $("status").textContent = "Output ready; type-checking and linting…";
  });
  if (result.seq !== compiler.latest) return null; // a newer edit is on its way
  showResult(result, performance.now() - started);
  return result;
}

function showOutput(result: CompileResult): void {
  const note = $("output-note");
  if (!result.components.transformer) note.textContent = "The @deferredCoroutine transformer (transformer/api.ts) is not part of this build: there is no output to show. Run executes the program untransformed.";
  else if (result.output === null) note.textContent = "The transform failed: see Problems.";
  else note.textContent = "";
  setText(output, result.output ?? "");
  latestMap = result.outputMap;
}

function showResult(result: CompileResult, roundTripMs: number): void {
  showOutput(result);
  document.body.dataset.output = String(result.seq);
  showProblems(source, result.problems);
  renderProblems($("panel-problems"), result.problems, {
    reveal: (p) => revealRange(p.from, p.to),
    apply: (fix) => {
      source.dispatch({ changes: fix.changes.map((c) => ({ from: c.from, to: c.to, insert: c.insert })) });
    },
  });
  $("problem-count").textContent = String(result.problems.length);
  const t = result.timings;
  const parts = [`transform ${t.transform.toFixed(0)} ms`, `check + lint ${t.lint.toFixed(0)} ms`, `round trip ${roundTripMs.toFixed(0)} ms`];
  if (!result.components.plugin) parts.push("ESLint plugin not in this build");
  if (result.error) parts.push(result.error);
  $("status").textContent = parts.join(" · ");
  document.body.dataset.compiled = String(result.seq);
  document.body.dataset.roundTrip = roundTripMs.toFixed(1);
  document.body.dataset.workerMs = t.total.toFixed(1);
}

function revealRange(from: number, to: number): void {
  const len = source.state.doc.length;
  source.dispatch({ selection: EditorSelection.range(Math.min(from, len), Math.min(to, len)), scrollIntoView: true });
  source.focus();
}

function revealLine(line: number): void {
  if (line < 1 || line > source.state.doc.lines) return;
  const l = source.state.doc.line(line);
  revealRange(l.from, l.to);
}

// --- run / stop / clock ------------------------------------------------------------
function stopAll(note?: string): void {
  for (const run of Object.values(runs)) run?.stop();
  runs = { main: null, transformed: null, native: null };
  ($("stop") as HTMLButtonElement).disabled = true;
  if (note) consolePanel.note(note);
}

function onClockEvent(e: Extract<SandboxEvent, { type: "clock" }>): void {
  $("clock-time").textContent = String(Math.round(e.seconds * 1000) / 1000);
  $("clock-pending").textContent = String(e.pending);
  state.clock = e.seconds;
}

async function run(): Promise<void> {
  stopAll();
  consolePanel.clear("Running…");
  timelinePanel.clear("Running…");
  clearTimeout(compileTimer);
  const result = await compiler.compile(state.code, state.settings, true);
  showResult(result, 0);
  const clock = state.settings.clock;
  const advanceTo = clock === "virtual" ? state.clock : 0;
  ($("stop") as HTMLButtonElement).disabled = false;
  if (result.run) {
    const map = result.run.map;
    runs.main = await SandboxRun.start(sandboxes, { type: "run", code: result.run.code, clock, timeline: false, advanceTo }, (e) => {
      if (e.type === "console" || e.type === "error") consolePanel.add(e, map);
      else if (e.type === "clock") onClockEvent(e);
    });
  } else {
    consolePanel.note(result.error ?? "Nothing to run: fix the transform errors shown in Problems first.");
  }
  const tl = result.timeline;
  for (const name of ["transformed", "native"] as RunName[]) {
    const program = tl?.[name];
    if (!program) {
      timelinePanel.setSummary(name, name === "transformed" ? "Not available: the transformer is not in this build or the instrumented program did not transform." : "Not available.");
      continue;
    }
    runs[name] = await SandboxRun.start(sandboxes, { type: "run", code: program.code, clock, timeline: true, advanceTo }, (e) => {
      if (e.type === "timeline") timelinePanel.add(name, e.events);
    });
  }
}

$("run").addEventListener("click", () => void run());
$("stop").addEventListener("click", () => stopAll("Stopped."));
function clockOp(op: "step" | "advance" | "idle"): void {
  for (const r of Object.values(runs)) r?.send({ type: "clock", op, seconds: 1 });
}
$("clock-step").addEventListener("click", () => clockOp("step"));
$("clock-advance").addEventListener("click", () => clockOp("advance"));
$("clock-idle").addEventListener("click", () => clockOp("idle"));
document.addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
    e.preventDefault();
    void run();
  }
});

// --- settings ------------------------------------------------------------------------
const settingInputs: { [K in keyof Settings]: HTMLSelectElement } = {
  target: $("set-target"),
  lint: $("set-lint"),
  clock: $("set-clock"),
};
function showSettings(): void {
  for (const key of Object.keys(settingInputs) as (keyof Settings)[]) settingInputs[key].value = state.settings[key];
  clockControls.hidden = state.settings.clock !== "virtual";
}
for (const key of Object.keys(settingInputs) as (keyof Settings)[]) {
  settingInputs[key].addEventListener("change", () => {
    (state.settings as unknown as Record<string, string>)[key] = settingInputs[key].value;
    showSettings();
    saveDraft(state);
    scheduleCompile();
  });
}

// --- examples ------------------------------------------------------------------------
const exampleSelect = $<HTMLSelectElement>("examples");
exampleSelect.append(new Option("Choose an example…", ""));
for (const group of ["Concepts", "Lint rules"] as const) {
  const optgroup = document.createElement("optgroup");
  optgroup.label = group;
  for (const ex of examples.filter((e) => e.group === group)) {
    const option = new Option(ex.title, ex.id);
    if (ex.rule) option.dataset.rule = ex.rule;
    option.dataset.expectedErrors = (ex.expectedErrors ?? []).join(",");
    optgroup.append(option);
  }
  exampleSelect.append(optgroup);
}
exampleSelect.value = /^#example=([\w-]+)$/.exec(location.hash)?.[1] ?? "";
exampleSelect.addEventListener("change", () => {
  const ex = examples.find((e) => e.id === exampleSelect.value);
  if (!ex) return;
  stopAll();
  state.settings = { ...defaultSettings, ...ex.settings };
  state.clock = 0;
  showSettings();
  source.dispatch({ changes: { from: 0, to: source.state.doc.length, insert: ex.code } });
});

// --- share -------------------------------------------------------------------------------
$("share").addEventListener("click", () => {
  const hash = encodeState(state);
  history.replaceState(null, "", `#${hash}`);
  const input = $<HTMLInputElement>("share-url");
  input.value = location.href;
  input.hidden = false;
  input.select();
  navigator.clipboard?.writeText(location.href).catch(() => undefined);
});
/** A fenced Markdown code block whose fence is longer than any backtick run in `text`. */
function fenced(lang: string, text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text.replace(/\n$/, "")}\n${fence}`;
}

$("copy-markdown").addEventListener("click", () => {
  const link = `${location.origin}${location.pathname}#${encodeState(state)}`;
  const s = state.settings;
  const markdown = [
    `[Playground link](${link})`,
    "",
    "**Source**",
    "",
    fenced("ts", state.code),
    "",
    "**Output**",
    "",
    fenced("js", output.state.doc.toString()),
    "",
    `**Settings**: target ${s.target}, lint ${s.lint}, clock ${s.clock}`,
    "",
  ].join("\n");
  let area = document.getElementById("markdown") as HTMLTextAreaElement | null;
  if (!area) {
    area = document.createElement("textarea");
    area.id = "markdown";
    area.readOnly = true;
    area.setAttribute("data-testid", "markdown");
    area.setAttribute("aria-label", "Markdown for an issue (Escape closes)");
    // Removing a focused element fires blur while it is still attached: close only once.
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      area!.remove();
    };
    area.addEventListener("keydown", (e) => {
      if (e.key === "Escape") close();
    });
    area.addEventListener("blur", close);
    document.body.append(area);
  }
  area.value = markdown;
  area.focus();
  area.select();
  navigator.clipboard?.writeText(markdown).catch(() => undefined);
});

window.addEventListener("hashchange", () => {
  const s = decodeHash(location.hash);
  if (!s) return;
  Object.assign(state, s);
  showSettings();
  selectTab(s.tab);
  source.dispatch({ changes: { from: 0, to: source.state.doc.length, insert: s.code } });
});

// Read-only hook for automation (the e2e tests): CodeMirror renders only the
// visible lines, so the full texts are read from the editor states.
(globalThis as { playground?: unknown }).playground = {
  sourceText: () => source.state.doc.toString(),
  outputText: () => output.state.doc.toString(),
};

showSettings();
selectTab(state.tab);
void compileNow();
