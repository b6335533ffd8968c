/**
 * What the reactor needs to know about its host: whether it is Node.js, and
 * how to wake up for a due call without a browser's timer clamping.
 *
 * @module
 */

/** Cancels an armed wake-up. */
export type Disarm = () => void;

/**
 * Browsers clamp nested `setTimeout(fn, 0)` to at least 4 ms, which would slow
 * every chain of zero-delay calls (a Cooperator tick, `LoopingCall` with
 * interval 0). A `MessageChannel` message is delivered as a new task without
 * that clamp. Under Node (where a channel port would keep the process alive,
 * and `setTimeout` is not clamped) and where there is no `MessageChannel`,
 * this returns undefined and `setTimeout(fn, 0)` is used.
 *
 * A disarmed wake-up's message may still arrive, and a re-armed one may then
 * run early: the reactor treats that as a spurious wake-up (nothing is due,
 * it re-arms).
 */
export function messageChannelWakeUp(): ((wake: () => void) => Disarm) | undefined {
  if (hostProcess() !== undefined || typeof MessageChannel !== "function") return undefined;
  let channel: MessageChannel | undefined;
  let armed: (() => void) | undefined;
  return (wake) => {
    if (channel === undefined) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const fn = armed;
        armed = undefined;
        fn?.();
      };
    }
    armed = wake;
    channel.port2.postMessage(undefined);
    return () => {
      armed = undefined;
    };
  };
}

export interface NodeProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export function hostProcess(): NodeProcessLike | undefined {
  const p = (globalThis as { process?: Partial<NodeProcessLike> & { versions?: { node?: string } } }).process;
  return p && p.versions?.node && typeof p.on === "function" && typeof p.off === "function"
    ? (p as NodeProcessLike)
    : undefined;
}
