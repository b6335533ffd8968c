// Records the timeline of one run inside the sandbox: the `__tl.before/after` calls
// the worker put around every await, a microtask "ticker" that counts microtask
// turns while an await is pending, and hooks on the runtime (Deferred
// callback/errback and callbacks, coroutine steps, reactor timers).
import type { TimelineEvent, TimelineLane } from "../protocol.js";

const MAX_EVENTS = 3000;
/**
 * Microtask turns the ticker counts in one task at most. It must stop on its own:
 * while it keeps queueing microtasks the task never ends, so an await pending on a
 * timer would starve every timer (the ticker would hang the sandbox).
 */
const MAX_TURNS_PER_TASK = 50;

type AnyFn = (...args: unknown[]) => unknown;
type Runtime = Record<string, unknown>;

/** Short text for a value in a timeline label. */
function brief(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "string") return JSON.stringify(v.length > 30 ? v.slice(0, 30) + "…" : v);
  if (typeof v === "function") return `[Function ${v.name || "anonymous"}]`;
  if (v && typeof v === "object") {
    const name = (v as { constructor?: { name?: string } }).constructor?.name ?? "Object";
    if (name === "Failure") return `Failure(${String((v as { value?: unknown }).value)})`;
    return name === "Object" || name === "Array" ? (JSON.stringify(v) ?? name).slice(0, 40) : `<${name}>`;
  }
  return String(v);
}

export class TimelineProbe {
  readonly events: TimelineEvent[] = [];
  private seq = 0;
  private tick = 0;
  private pendingAwaits = 0;
  private ticking = false;
  /** Number of the current task (macrotask); bumped by a setTimeout(0) at the task's end. */
  private task = 0;
  private turnsThisTask = 0;
  private boundaryScheduled = false;
  private readonly starts = new Map<number, { tick: number; line: number; task: number }[]>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Seconds of the clock the program runs on (virtual or real), for labels. */
  now: () => number = () => 0;

  emit(lane: TimelineLane, label: string, extra: Partial<TimelineEvent> = {}): void {
    if (this.events.length >= MAX_EVENTS) return;
    this.events.push({ seq: ++this.seq, lane, label, time: this.now(), ...extra });
  }

  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (!id) this.ids.set(o, (id = this.nextId++));
    return id;
  }

  private startTicker(): void {
    if (!this.boundaryScheduled) {
      // Runs once the current task and all its microtasks are done.
      this.boundaryScheduled = true;
      setTimeout(() => {
        this.task++;
        this.turnsThisTask = 0;
        this.boundaryScheduled = false;
      }, 0);
    }
    if (this.ticking || this.turnsThisTask >= MAX_TURNS_PER_TASK) return;
    this.ticking = true;
    const turn = () => {
      this.tick++;
      this.turnsThisTask++;
      this.emit("microtask", `microtask turn ${this.tick}`);
      if (this.pendingAwaits > 0 && this.turnsThisTask < MAX_TURNS_PER_TASK) queueMicrotask(turn);
      else this.ticking = false;
    };
    queueMicrotask(turn);
  }

  /** Called (by rewritten code) with an await's operand, right before it is awaited. */
  before = (id: number, line: number, value: unknown): unknown => {
    const list = this.starts.get(id) ?? [];
    list.push({ tick: this.tick, line, task: this.task });
    this.starts.set(id, list);
    this.pendingAwaits++;
    this.startTicker();
    this.emit("await", `line ${line}: await ${brief(value)}`, { line });
    return value;
  };

  /** Called with an await's result, right after the awaiting function resumed. */
  after = (id: number, value: unknown): unknown => {
    const start = this.starts.get(id)?.pop();
    this.pendingAwaits = Math.max(0, this.pendingAwaits - 1);
    if (start && start.task !== this.task) {
      // Resumed by a later task (a timer, a message): microtask turns do not apply.
      this.emit("await", `line ${start.line}: resumed in a later task with ${brief(value)}`, { line: start.line });
      return value;
    }
    const n = start ? this.tick - start.tick : 0;
    this.emit("await", `line ${start?.line ?? "?"}: resumed ${n === 0 ? "synchronously" : `after ${n} microtask${n === 1 ? "" : "s"}`} with ${brief(value)}`, {
      line: start?.line,
      microtasks: n,
    });
    return value;
  };

  /** Wraps Deferred methods, `coSuspend` and `callLater` of `api` (a copy of the runtime's exports). */
  instrument(api: Runtime, reactors: object[]): void {
    const probe = this;
    const D = api.Deferred as { prototype: Record<string, AnyFn> } | undefined;
    if (D) {
      for (const name of ["callback", "errback"] as const) {
        const original = D.prototype[name];
        if (typeof original !== "function") continue;
        D.prototype[name] = function (this: object, ...args: unknown[]) {
          probe.emit("deferred", `Deferred #${probe.idOf(this)}.${name}(${brief(args[0])})`);
          return original.apply(this, args);
        };
      }
      let depth = 0;
      for (const name of ["addCallbacks", "addCallback", "addErrback", "addBoth"] as const) {
        const original = D.prototype[name];
        if (typeof original !== "function") continue;
        D.prototype[name] = function (this: object, ...args: unknown[]) {
          // addCallback may be built on addCallbacks: wrap callbacks at the outermost call only.
          if (depth > 0) return original.apply(this, args);
          const id = probe.idOf(this);
          const wrapped = args.map((a, i) =>
            typeof a === "function" && (name === "addCallbacks" ? i < 2 : i === 0)
              ? function (this: unknown, ...inner: unknown[]) {
                  const kind = name === "addErrback" || (name === "addCallbacks" && i === 1) ? "errback" : "callback";
                  probe.emit("deferred", `Deferred #${id} runs ${kind} ${(a as AnyFn).name || "(anonymous)"}(${brief(inner[0])})`);
                  return (a as AnyFn).apply(this, inner);
                }
              : a,
          );
          depth++;
          try {
            return original.apply(this, wrapped);
          } finally {
            depth--;
          }
        };
      }
    }
    // Compiled entries run their first step themselves (docs/internals.md), so
    // the probe meets a coroutine at its first suspension: it reports it and
    // wraps the frame's step, through which every later resumption goes.
    const coSuspend = api.coSuspend as AnyFn | undefined;
    if (coSuspend) {
      type ProbedFrame = { step: AnyFn; state: number; site?: { name?: string; line?: number } };
      const probed = new WeakSet<object>();
      api.coSuspend = (frame: ProbedFrame, awaited: object) => {
        const name = frame.site?.name || "coroutine";
        probe.emit("coroutine", `${name}: suspended at state ${frame.state} on Deferred #${probe.idOf(awaited)}`, { line: frame.site?.line });
        if (!probed.has(frame)) {
          probed.add(frame);
          const step = frame.step;
          frame.step = (f: unknown, value: unknown, isError: unknown) => {
            probe.emit("coroutine", `${name}: step from state ${(f as ProbedFrame).state}${isError ? " (throw)" : ""}`, { line: frame.site?.line });
            return step(f, value, isError);
          };
        }
        return coSuspend(frame, awaited);
      };
    }
    for (const reactor of reactors) {
      const r = reactor as { callLater?: AnyFn };
      const callLater = r.callLater;
      if (typeof callLater !== "function") continue;
      r.callLater = function (this: unknown, delay: unknown, fn: unknown, ...args: unknown[]) {
        probe.emit("reactor", `callLater(${brief(delay)}, ${brief(fn)})`);
        const run =
          typeof fn === "function"
            ? function (this: unknown, ...a: unknown[]) {
                probe.emit("reactor", `timer fires: ${(fn as AnyFn).name || "(anonymous)"}`);
                return (fn as AnyFn).apply(this, a);
              }
            : fn;
        return callLater.call(this, delay, run, ...args);
      };
    }
  }
}
