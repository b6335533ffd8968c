// The page's side of the compile worker: numbered requests, answers matched by
// `seq`. A worker that dies or throws is replaced, and the pending requests are
// answered with an error, so the page never waits forever.
import type { CompileRequest, CompileResult, Settings } from "../protocol.js";

type Pending = { resolve: (r: CompileResult) => void; onPartial?: (r: CompileResult) => void };

export class CompilerClient {
  private worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL("../worker/compile-worker.ts", import.meta.url), { type: "module", name: "compile" });
    worker.onmessage = (ev: MessageEvent<CompileResult>) => {
      if (ev.data.partial) {
        this.pending.get(ev.data.seq)?.onPartial?.(ev.data);
        return;
      }
      const p = this.pending.get(ev.data.seq);
      this.pending.delete(ev.data.seq);
      p?.resolve(ev.data);
    };
    worker.onerror = (ev) => this.fail(`The compile worker crashed: ${ev.message || "unknown error"}`);
    return worker;
  }

  private fail(message: string): void {
    for (const [seq, p] of this.pending) {
      p.resolve({
        type: "compiled",
        seq,
        output: null,
        outputMap: null,
        problems: [],
        run: null,
        timings: { transform: 0, lint: 0, total: 0 },
        components: { transformer: false, plugin: false },
        error: message,
      });
    }
    this.pending.clear();
    this.worker.terminate();
    this.worker = this.spawn();
  }

  /**
   * Compile `code`; resolves with the worker's full answer (or an error answer).
   * `onPartial` receives the early answer (output only) when the worker sends one.
   */
  compile(code: string, settings: Settings, timeline = false, onPartial?: (r: CompileResult) => void): Promise<CompileResult> {
    const seq = ++this.seq;
    const req: CompileRequest = { type: "compile", seq, code, settings, timeline };
    return new Promise((resolve) => {
      this.pending.set(seq, { resolve, onPartial });
      this.worker.postMessage(req);
    });
  }

  /** The number of the latest request (older answers are stale). */
  get latest(): number {
    return this.seq;
  }
}
