/** Twin of python/succeed-fail-maybe-deferred.py (features §3). */
import { Deferred, execute, Failure, fail, maybeDeferred, succeed } from "../../../runtime/index.js";
import { err, fmt, RuntimeError, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const s = succeed<any>([1, [2, 3]]);
  t.emit("succeed called " + fmt(s.called));
  s.addCallback((v: unknown) => t.emit("succeed gave " + fmt(v)));
  const f = fail(new ValueError("fail"));
  f.addErrback((x: Failure) => t.emit("fail gave " + err(x)));

  const returns = <V>(v: V): V => {
    t.emit("f called with " + fmt(v));
    return v;
  };
  const raises = (): never => {
    throw new RuntimeError("raised inside");
  };

  const pending = new Deferred<any>();
  const m1 = maybeDeferred(returns, "plain");
  m1.addCallback((v: unknown) => t.emit("maybeDeferred value gave " + fmt(v)));
  const m2 = maybeDeferred(raises);
  t.emit("maybeDeferred raise: called " + fmt(m2.called));
  m2.addErrback((x: Failure) => t.emit("maybeDeferred raise gave " + err(x)));
  const m3 = maybeDeferred(returns, pending);
  t.emit("maybeDeferred Deferred is the same object " + fmt((m3 as unknown) === pending));
  const m4 = maybeDeferred(() => new Failure(new ValueError("returned failure")));
  m4.addErrback((x: Failure) => t.emit("maybeDeferred Failure gave " + err(x)));
  const m5 = maybeDeferred(returns, null);
  m5.addCallback((v: unknown) => t.emit("maybeDeferred None gave " + fmt(v)));

  const e1 = execute(returns, 7);
  e1.addCallback((v: unknown) => t.emit("execute value gave " + fmt(v)));
  const e2 = execute(raises);
  e2.addErrback((x: Failure) => t.emit("execute raise gave " + err(x)));
  pending.callback("done");
}
