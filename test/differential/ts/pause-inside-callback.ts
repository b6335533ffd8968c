/** Twin of python/pause-inside-callback.py (features §1). */
import { Deferred } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  d.addCallback((v: number) => {
    t.emit("pauser got " + fmt(v));
    d.pause();
    t.emit("pauser paused " + fmt(Boolean(d.paused)));
    return v + 1;
  });
  d.addCallback((v: number) => {
    t.emit("queued cb got " + fmt(v));
    return v + 1;
  });
  d.callback(1);
  t.emit("after callback, paused " + fmt(Boolean(d.paused)));
  d.addCallback((v: number) => {
    t.emit("added while paused got " + fmt(v));
    return v + 1;
  });
  t.emit("unpausing");
  d.unpause();
  t.emit("unpaused, paused " + fmt(Boolean(d.paused)));
  d.addCallback((v: unknown) => t.emit("final got " + fmt(v)));
}
