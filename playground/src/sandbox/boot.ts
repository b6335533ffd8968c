// Runs inside the sandboxed run iframe (sandbox="allow-scripts", opaque origin).
// Bundled as an IIFE with the runtime and handed to the iframe as srcdoc text.
// It waits for one "run" command from its parent, evaluates the CommonJS program
// with a `require` that knows "deferred-coroutine", and reports console output,
// errors and timeline events back with postMessage. Killing the iframe (Stop)
// ends everything it scheduled.
import type { SandboxCommand, SandboxEvent } from "../protocol.js";
import { formatValue } from "./format.js";
import { TimelineProbe } from "./timeline-probe.js";

type Runtime = Record<string, unknown>;
const runtimeModules = import.meta.glob<Runtime>("../../../runtime/index.ts", { eager: true });
const testingModules = import.meta.glob<Runtime>("../../../runtime/testing.ts", { eager: true });
const runtime: Runtime | null = Object.values(runtimeModules)[0] ?? null;
const testing: Runtime | null = Object.values(testingModules)[0] ?? null;

const host = window.parent;
/** More console messages than this per run are dropped: a logging loop must not flood the page. */
const MAX_CONSOLE_MESSAGES = 5000;
let consoleMessages = 0;
function post(event: SandboxEvent): void {
  if (event.type === "console" && ++consoleMessages > MAX_CONSOLE_MESSAGES) {
    if (consoleMessages === MAX_CONSOLE_MESSAGES + 1) {
      host.postMessage({ type: "console", level: "warn", args: [{ kind: "string", text: `Console output stopped after ${MAX_CONSOLE_MESSAGES} messages.` }] } satisfies SandboxEvent, "*");
    }
    return;
  }
  host.postMessage(event, "*");
}

// --- console ---------------------------------------------------------------
let probe: TimelineProbe | null = null;
const UNHANDLED = /^(\[critical\] )?Unhandled error in Deferred/;
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  console[level] = (...args: unknown[]) => {
    const values = args.map(formatValue);
    if (level === "error" && typeof args[0] === "string" && UNHANDLED.test(args[0])) {
      const text = values.map((v) => v.text).join(" ");
      post({ type: "error", kind: "unhandled-deferred", message: text.split("\n")[0]!, stack: text });
    } else {
      post({ type: "console", level, args: values });
    }
    probe?.emit("sync", `console.${level}(${values.map((v) => v.text).join(" ").slice(0, 60)})`);
  };
}
console.group = (...args: unknown[]) => post({ type: "console", level: "log", args: args.map(formatValue), group: "start" });
console.groupEnd = () => post({ type: "console", level: "log", args: [], group: "end" });
console.table = (data: unknown) => console.log(data);

// The runtime's log: "Unhandled error in Deferred:" (critical) is followed by an
// event carrying the Failure; together they become one red console entry.
let unhandledPending = false;
const addLogObserver = runtime?.addLogObserver as ((o: (e: LogEvent) => void) => void) | undefined;
interface LogEvent {
  level: string;
  text: string;
  failure?: { getTraceback(): string; getErrorMessage(): string; type?: { name?: string } };
}
addLogObserver?.((event) => {
  if (/^Unhandled error in Deferred/.test(event.text)) {
    unhandledPending = true;
    return;
  }
  if (unhandledPending && event.failure) {
    unhandledPending = false;
    const trace = event.failure.getTraceback();
    const what = `${event.failure.type?.name ?? "Error"}: ${event.failure.getErrorMessage()}`;
    post({ type: "error", kind: "unhandled-deferred", message: `Unhandled error in Deferred: ${what}`, stack: trace });
    probe?.emit("deferred", `Unhandled error in Deferred: ${what}`);
    return;
  }
  const text = [event.text, event.failure?.getTraceback()].filter(Boolean).join("\n");
  const level = event.level === "critical" || event.level === "error" ? "error" : event.level === "warn" ? "warn" : event.level === "debug" ? "debug" : "info";
  post({ type: "console", level, args: [{ kind: "string", text }] });
});

// --- errors ----------------------------------------------------------------
function errorText(e: unknown): { message: string; stack: string } {
  if (e instanceof Error) return { message: `${e.name}: ${e.message}`, stack: e.stack ?? "" };
  return { message: `Uncaught ${formatValue(e).text}`, stack: "" };
}
window.addEventListener("error", (ev) => {
  ev.preventDefault();
  const { message, stack } = errorText(ev.error ?? ev.message);
  post({ type: "error", kind: "uncaught", message, stack });
});
window.addEventListener("unhandledrejection", (ev) => {
  ev.preventDefault();
  const { message, stack } = errorText(ev.reason);
  post({ type: "error", kind: "unhandled-rejection", message: `Uncaught (in promise) ${message}`, stack });
});

// --- runaway-loop guard -------------------------------------------------------
// Every loop body calls __dcTick(). A heartbeat timer proves the event loop is
// turning; if the heartbeat is older than LIMIT_MS while a loop keeps ticking, the
// loop (or a microtask storm feeding it) has held the thread too long: throw, and
// keep throwing so a `catch` in the loop cannot swallow the stop.
const LIMIT_MS = 1500;
let heartbeat = Date.now();
let tripped = false;
let ticks = 0;
setInterval(() => (heartbeat = Date.now()), 100);
(globalThis as Record<string, unknown>).__dcTick = () => {
  if (tripped) throw new RangeError("Stopped: runaway loop");
  if ((++ticks & 1023) !== 0) return;
  if (Date.now() - heartbeat > LIMIT_MS) {
    tripped = true;
    const err = new RangeError(`Stopped: a loop ran for more than ${LIMIT_MS / 1000} s without yielding to the event loop`);
    post({ type: "error", kind: "runaway", message: err.message, stack: err.stack ?? "" });
    throw err;
  }
};

// --- the run -------------------------------------------------------------------
let clock: { advance(s: number): void; seconds(): number; getDelayedCalls(): { getTime(): number }[] } | null = null;

function clockReport(): void {
  if (clock) post({ type: "clock", seconds: clock.seconds(), pending: clock.getDelayedCalls().length });
}

function moduleApi(mode: "real" | "virtual", withTimeline: boolean): Runtime {
  if (!runtime) throw new Error("The runtime (runtime/index.ts) is not in this build of the playground yet.");
  const api: Runtime = { ...runtime, __esModule: true };
  const reactors: object[] = [];
  if (mode === "virtual") {
    const Clock = runtime.Clock as new () => NonNullable<typeof clock> & Record<string, unknown>;
    const c = new Clock();
    clock = c;
    const real = runtime.reactor as object;
    const virtualReactor = Object.assign(Object.create(real) as Record<string, unknown>, {
      seconds: () => c.seconds(),
      callLater: (c.callLater as (...a: unknown[]) => unknown).bind(c),
      getDelayedCalls: () => c.getDelayedCalls(),
      callWhenRunning: (fn: (...a: unknown[]) => unknown, ...args: unknown[]) => fn(...args),
    });
    api.reactor = virtualReactor;
    reactors.push(virtualReactor);
  } else if (runtime.reactor) {
    const r = runtime.reactor as Record<string, unknown>;
    const wrapped = Object.create(r) as Record<string, unknown>;
    api.reactor = wrapped;
    reactors.push(wrapped);
  }
  if (withTimeline) {
    probe = new TimelineProbe();
    const r = api.reactor as { seconds?: () => number } | undefined;
    probe.now = () => (r?.seconds ? r.seconds() : 0);
    probe.instrument(api, reactors);
    (globalThis as Record<string, unknown>).__tl = probe;
    const flush = () => {
      if (probe && probe.events.length) post({ type: "timeline", events: probe.events.splice(0) });
    };
    setInterval(flush, 50);
  }
  return api;
}

function run(cmd: Extract<SandboxCommand, { type: "run" }>): void {
  let api: Runtime;
  try {
    api = moduleApi(cmd.clock, cmd.timeline);
  } catch (e) {
    post({ type: "error", kind: "uncaught", ...errorText(e) });
    return;
  }
  const require = (name: string): unknown => {
    if (name === "deferred-coroutine") return api;
    if (name === "deferred-coroutine/testing" && testing) return { ...testing, __esModule: true };
    throw new Error(`Cannot find module '${name}': the playground provides only "deferred-coroutine"`);
  };
  const module = { exports: {} as Record<string, unknown> };
  try {
    // Indirect eval of one wrapped line-preserving function: line N of the program is
    // line N of "playground.js" in stack traces (the page maps it to the source).
    const fn = (0, eval)(`(function (require, module, exports) {${cmd.code}\n})\n//# sourceURL=playground.js`) as (...a: unknown[]) => void;
    fn(require, module, module.exports);
  } catch (e) {
    post({ type: "error", kind: "uncaught", ...errorText(e) });
  }
  if (clock && cmd.advanceTo > 0) advanceUntil(cmd.advanceTo);
  clockReport();
}

/** Advance the virtual clock call by call up to `target` seconds. */
function advanceUntil(target: number): void {
  if (!clock) return;
  for (let i = 0; i < 10_000 && clock.seconds() < target; i++) {
    const next = nextCallTime();
    const to = next === null ? target : Math.min(next, target);
    clock.advance(Math.max(0, to - clock.seconds()));
    if (next === null) break;
  }
}

function nextCallTime(): number | null {
  if (!clock) return null;
  const times = clock.getDelayedCalls().map((c) => c.getTime());
  return times.length ? Math.min(...times) : null;
}

function clockCommand(cmd: Extract<SandboxCommand, { type: "clock" }>): void {
  if (!clock) return;
  try {
    if (cmd.op === "advance") clock.advance(cmd.seconds ?? 1);
    else if (cmd.op === "step") {
      const next = nextCallTime();
      if (next !== null) clock.advance(Math.max(0, next - clock.seconds()));
    } else {
      // Run until idle, bounded: a LoopingCall would otherwise run forever.
      for (let i = 0; i < 1000; i++) {
        const next = nextCallTime();
        if (next === null) break;
        clock.advance(Math.max(0, next - clock.seconds()));
      }
    }
  } catch (e) {
    post({ type: "error", kind: "uncaught", ...errorText(e) });
  }
  clockReport();
}

let started = false;
window.addEventListener("message", (ev: MessageEvent<SandboxCommand>) => {
  if (ev.source !== host) return;
  const cmd = ev.data;
  if (cmd?.type === "run" && !started) {
    started = true;
    run(cmd);
  } else if (cmd?.type === "clock") clockCommand(cmd);
});
post({ type: "ready" });
