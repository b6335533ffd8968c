/** Twin of python/already-called.py (R4). */
import { AlreadyCalledError, Deferred, type Failure } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const d = new Deferred<any>();
  d.addCallback((v: unknown) => {
    t.emit("cb got " + fmt(v));
    return v;
  });
  d.callback(1);
  const attempts: [string, () => void][] = [
    ["callback", () => d.callback(2)],
    ["errback", () => d.errback(new ValueError("late"))],
  ];
  for (const [name, fire] of attempts) {
    try {
      fire();
      t.emit(name + " again: no error");
    } catch (e) {
      if (!(e instanceof AlreadyCalledError)) throw e;
      t.emit(name + " again raised " + exc(e));
    }
  }
  t.emit("called " + fmt(d.called));

  const d2 = new Deferred<any>();
  d2.addCallback((v: unknown) => {
    t.emit("refire got " + fmt(v));
    d2.callback("again");
    t.emit("not reached");
  });
  d2.addErrback((f: Failure) => {
    t.emit("eb got " + err(f));
    return "caught";
  });
  d2.addCallback((v: unknown) => t.emit("after eb got " + fmt(v)));
  d2.callback("first");

  const d3 = new Deferred<any>();
  d3.errback(new ValueError("first failure"));
  try {
    d3.callback(3);
  } catch (e) {
    if (!(e instanceof AlreadyCalledError)) throw e;
    t.emit("callback after errback raised " + exc(e));
  }
  d3.addErrback((f: Failure) => t.emit("d3 eb got " + err(f)));
}
