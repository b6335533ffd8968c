/** Twin of python/deferred-list-edge.py (features §3). */
import { Deferred, DeferredList, fail, succeed } from "../../../runtime/index.js";
import { fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const empty = new DeferredList([]);
  t.emit("empty called " + fmt(empty.called));
  empty.addCallback((r: unknown) => t.emit("empty got " + fmt(r)));
  const never = new DeferredList([], { fireOnOneCallback: true });
  t.emit("empty fireOnOneCallback called " + fmt(never.called));

  const preOk = succeed<any>("early");
  const preBad = fail(new ValueError("early failure"));
  const later = new Deferred<any>();
  const dl = new DeferredList<any>([preOk, preBad, later], { consumeErrors: true });
  t.emit("constructed, called " + fmt(dl.called));
  preBad.addBoth((r: unknown) => t.emit("pre_bad now holds " + fmt(r)));
  preOk.addBoth((r: unknown) => t.emit("pre_ok now holds " + fmt(r)));
  dl.addCallback((r: unknown) => t.emit("list got " + fmt(r)));
  later.errback(new RuntimeError("later failure"));
  later.addBoth((r: unknown) => t.emit("later now holds " + fmt(r)));

  const first = succeed<any>("first");
  const dl2 = new DeferredList<any>([new Deferred<any>(), first], { fireOnOneCallback: true });
  t.emit("fired member wins in constructor, called " + fmt(dl2.called));
  dl2.addCallback((r: unknown) => t.emit("dl2 got " + fmt(r)));
}
