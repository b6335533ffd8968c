// One run = one fresh <iframe sandbox="allow-scripts"> (opaque origin: no access to
// the page, its storage or cookies), with a CSP that forbids every network request.
// Stop removes the iframe, which ends every timer and callLater it had.
import type { SandboxCommand, SandboxEvent } from "../protocol.js";

let bootSource: Promise<string> | null = null;

function srcdoc(boot: string): string {
  // The boot bundle is ours, but keep a "</script" inside it from closing the tag.
  const script = boot.replace(/<\/script/gi, "<\\/script");
  return [
    "<!doctype html><html><head><meta charset=\"utf-8\">",
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'\">",
    `<script>${script}</script></head><body></body></html>`,
  ].join("");
}

export class SandboxRun {
  readonly frame: HTMLIFrameElement;
  private readonly onMessage: (ev: MessageEvent) => void;
  private alive = true;

  private constructor(
    container: HTMLElement,
    boot: string,
    command: Extract<SandboxCommand, { type: "run" }>,
    onEvent: (event: SandboxEvent) => void,
  ) {
    this.frame = document.createElement("iframe");
    this.frame.setAttribute("sandbox", "allow-scripts");
    this.frame.setAttribute("title", "program run");
    this.frame.setAttribute("aria-hidden", "true");
    this.frame.tabIndex = -1;
    this.onMessage = (ev: MessageEvent) => {
      // Only messages from this run's own window count; anything else is ignored.
      if (!this.alive || ev.source !== this.frame.contentWindow) return;
      const event = ev.data as SandboxEvent;
      if (!event || typeof event !== "object" || typeof event.type !== "string") return;
      if (event.type === "ready") this.send(command);
      else onEvent(event);
    };
    window.addEventListener("message", this.onMessage);
    this.frame.srcdoc = srcdoc(boot);
    container.append(this.frame);
  }

  /** Start `command` in a new iframe under `container`; events arrive through `onEvent`. */
  static async start(container: HTMLElement, command: Extract<SandboxCommand, { type: "run" }>, onEvent: (event: SandboxEvent) => void): Promise<SandboxRun> {
    bootSource ??= import("virtual:iife/sandbox").then((m) => m.default);
    return new SandboxRun(container, await bootSource, command, onEvent);
  }

  get running(): boolean {
    return this.alive;
  }

  send(command: SandboxCommand): void {
    if (this.alive) this.frame.contentWindow?.postMessage(command, "*");
  }

  /** Kill the run: its iframe (and everything scheduled in it) is gone. */
  stop(): void {
    if (!this.alive) return;
    this.alive = false;
    window.removeEventListener("message", this.onMessage);
    this.frame.remove();
  }
}
