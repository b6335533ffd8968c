/** Twin of python/chain-deep-order.py (R2, R3). */
import { Deferred } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

function stage(t: Trace, label: string, result?: unknown, keep = false): (v: unknown) => unknown {
  return (v: unknown) => {
    t.emit(label + " got " + fmt(v));
    return keep ? v : result;
  };
}

export function run(t: Trace): void {
  const [outer, middle, inner] = [new Deferred<any>(), new Deferred<any>(), new Deferred<any>()];
  inner.addCallback(stage(t, "inner early", "from-inner"));
  middle.addCallback(stage(t, "middle first", inner));
  middle.addCallback(stage(t, "middle second", "from-middle"));
  outer.addCallback(stage(t, "outer first", middle));
  outer.addCallback(stage(t, "outer second", "from-outer"));
  t.emit("firing middle");
  middle.callback("m");
  t.emit("firing outer");
  outer.callback("o");
  inner.addCallback(stage(t, "inner late", "inner-late"));
  middle.addCallback(stage(t, "middle late", "middle-late"));
  outer.addCallback(stage(t, "outer late", undefined, true));
  t.emit("firing inner");
  inner.callback("i");
  t.emit("fired inner");
  for (const [name, d] of [
    ["outer", outer],
    ["middle", middle],
    ["inner", inner],
  ] as const) {
    d.addCallback(stage(t, name + " final", undefined, true));
  }

  // A 2000-deep chain, each Deferred waiting on the next, released by one
  // callback: no recursion, and the outermost sees the innermost's value.
  const links = Array.from({ length: 2001 }, () => new Deferred<any>());
  for (let i = 0; i < links.length - 1; i++) {
    const next = links[i + 1]!;
    links[i]!.addCallback(() => next);
  }
  for (const d of links.slice(0, -1)) d.callback(null);
  t.emit("deep chain waiting " + fmt(links.slice(0, -1).every((d) => Boolean(d.paused))));
  links[0]!.addCallback((v: unknown) => t.emit("deep chain outermost got " + fmt(v)));
  t.emit("releasing deep chain");
  links[links.length - 1]!.callback("bottom");
  t.emit("deep chain paused after release " + fmt(links.some((d) => Boolean(d.paused))));
}
