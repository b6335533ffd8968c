/** Twin of python/pause-nested.py (features §1). */
import { Deferred } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  d.pause();
  d.pause();
  d.addCallback((v: number) => {
    t.emit("cb1 got " + fmt(v));
    return v * 2;
  });
  t.emit("firing");
  d.callback(4);
  t.emit("fired, called " + fmt(d.called));
  d.addCallback((v: number) => {
    t.emit("cb2 got " + fmt(v));
    return v + 1;
  });
  t.emit("unpause 1");
  d.unpause();
  t.emit("paused " + fmt(Boolean(d.paused)));
  t.emit("unpause 2");
  d.unpause();
  t.emit("paused " + fmt(Boolean(d.paused)));
  d.pause();
  d.addCallback((v: unknown) => {
    t.emit("cb3 got " + fmt(v));
    return v;
  });
  t.emit("unpause 3");
  d.unpause();
  t.emit("end");
}
