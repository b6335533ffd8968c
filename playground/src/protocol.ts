// Messages and shared shapes between the page, the compile worker and the run
// sandbox. Everything here crosses a postMessage boundary, so it is plain data.

/** User-visible settings; part of the shared state. */
export interface Settings {
  /** Language level of the code that runs (and of the Output tab's JavaScript). */
  target: "ES2017" | "ES2022";
  /** ESLint preset of our plugin; "off" skips linting (TypeScript errors still show). */
  lint: "recommended" | "recommended-type-checked" | "strict" | "off";
  /** Run on the real event loop, or on a virtual `Clock` driven by the clock controls. */
  clock: "real" | "virtual";
}

export type TabName = "output" | "problems" | "console" | "timeline";

/** The whole shareable state of the playground. */
export interface PlaygroundState {
  code: string;
  settings: Settings;
  tab: TabName;
  /** Virtual clock position in seconds (only meaningful with `settings.clock === "virtual"`). */
  clock: number;
}

export const defaultSettings: Settings = { target: "ES2022", lint: "recommended-type-checked", clock: "real" };

/** One text edit, in source offsets (UTF-16 code units). */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export interface FixAction {
  /** "Fix: …" for an autofix, "Suggestion: …" for a suggestion. */
  title: string;
  kind: "fix" | "suggestion";
  changes: TextChange[];
}

export interface Problem {
  source: "typescript" | "transform" | "eslint";
  severity: "error" | "warning" | "info";
  message: string;
  /** ESLint rule id, or "TS<code>" for TypeScript, or the transform's diagnostic code. */
  code?: string;
  from: number;
  to: number;
  /** 1-based line and column of `from`. */
  line: number;
  column: number;
  fixes: FixAction[];
}

/** A source map as JSON (version 3). */
export interface RawSourceMap {
  version: number;
  sources: string[];
  names: string[];
  mappings: string;
  file?: string;
  sourcesContent?: (string | null)[];
}

/** A program ready to run in the sandbox: CommonJS, with the loop guard inserted. */
export interface RunnableCode {
  code: string;
  /** Maps `code` (as file "playground.js") back to the user's source. */
  map: RawSourceMap | null;
}

export interface CompileRequest {
  type: "compile";
  seq: number;
  code: string;
  settings: Settings;
  /** Also produce the instrumented transformed + native programs for the timeline. */
  timeline?: boolean;
}

export interface CompileResult {
  type: "compiled";
  seq: number;
  /** The transform's output (what the Output tab shows), or null when it failed. */
  output: string | null;
  outputMap: RawSourceMap | null;
  problems: Problem[];
  /** The transformed program to run, or null when the source cannot run. */
  run: RunnableCode | null;
  /** Instrumented programs for the timeline (only when requested). */
  timeline?: { transformed: RunnableCode | null; native: RunnableCode | null };
  /** Milliseconds spent in each phase of this request, measured in the worker. */
  timings: { transform: number; lint: number; total: number };
  /** Which real components the worker has (false while a component is missing from the repository). */
  components: { transformer: boolean; plugin: boolean };
  /** An internal error of the worker (the page shows it and keeps working). */
  error?: string;
  /**
   * True on the early answer sent right after the transform (output and transform
   * problems only; no type-check, lint or runnable code yet). The full answer for
   * the same `seq` follows.
   */
  partial?: boolean;
}

/** A console argument, rendered in the sandbox (objects cannot cross as they are). */
export interface ConsoleValue {
  kind: "string" | "number" | "boolean" | "undefined" | "null" | "object" | "error" | "function" | "other";
  text: string;
}

export type SandboxEvent =
  | { type: "ready" }
  | { type: "console"; level: "log" | "info" | "warn" | "error" | "debug"; args: ConsoleValue[]; group?: "start" | "end" }
  | { type: "error"; kind: "uncaught" | "unhandled-rejection" | "unhandled-deferred" | "runaway"; message: string; stack: string }
  | { type: "timeline"; events: TimelineEvent[] }
  | { type: "clock"; seconds: number; pending: number }
  | { type: "done" };

export type TimelineLane = "sync" | "coroutine" | "deferred" | "microtask" | "reactor" | "await";

export interface TimelineEvent {
  /** Order of the event within its run. */
  seq: number;
  lane: TimelineLane;
  label: string;
  /** For "await" events: microtask turns between the await and its resumption (0 = synchronous). */
  microtasks?: number;
  /** 1-based line in the user's source, when known. */
  line?: number;
  /** Virtual or real reactor time in seconds when the event happened. */
  time?: number;
}

export type SandboxCommand =
  | { type: "run"; code: string; clock: "real" | "virtual"; timeline: boolean; advanceTo: number }
  | { type: "clock"; op: "step" | "advance" | "idle"; seconds?: number };
