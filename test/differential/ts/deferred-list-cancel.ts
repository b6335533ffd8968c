/** Twin of python/deferred-list-cancel.py (R5, features §3). */
import { Deferred, DeferredList } from "../../../runtime/index.js";
import { fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const a = new Deferred<any>(() => t.emit("a canceller runs"));
  const b = new Deferred<any>(() => {
    t.emit("bad canceller runs");
    throw new ValueError("canceller broke");
  });
  const c = new Deferred<any>((self) => self.callback("c rescued"));
  const dl = new DeferredList<any>([a, b, c], { consumeErrors: true });
  dl.addCallback((r: unknown) => t.emit("list got " + fmt(r)));
  t.emit("cancelling list");
  dl.cancel();
  t.emit("list called " + fmt(dl.called) + ", b called " + fmt(b.called));
  b.callback("b late");

  const x = new Deferred<any>(() => t.emit("x canceller (wrong)"));
  const done = new DeferredList<any>([x], { fireOnOneCallback: true });
  x.callback("x");
  done.addCallback((r: unknown) => t.emit("done got " + fmt(r)));
  done.cancel();
  t.emit("cancel on fired list: no member cancelled");
  const y = new Deferred<any>(() => t.emit("y canceller (wrong)"));
  const early = new Deferred<any>();
  const one = new DeferredList<any>([early, y], { fireOnOneCallback: true });
  early.callback("early");
  one.addCallback((r: unknown) => t.emit("one got " + fmt(r)));
  one.cancel();
  t.emit("y called " + fmt(y.called));
  y.callback("y");
}
