/** Twin of python/add-timeout.py (R10). */
import { Clock, Deferred, type Failure } from "../../../runtime/index.js";
import { err, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();

  const d1 = new Deferred<any>();
  d1.addErrback((f: Failure) => {
    t.emit("d1 early stage got " + err(f));
    return f;
  });
  d1.addTimeout(5, clock);
  d1.addErrback((f: Failure) => t.emit("d1 late stage got " + err(f)));
  clock.advance(4);
  t.emit("d1 called at 4: " + fmt(d1.called));
  clock.advance(1);
  t.emit("pending " + fmt(clock.getDelayedCalls().length));

  const d2 = new Deferred<any>();
  d2.addTimeout(5, clock);
  d2.addCallback((v: unknown) => t.emit("d2 got " + fmt(v)));
  clock.advance(1);
  d2.callback("in time");
  t.emit("pending after d2 fired " + fmt(clock.getDelayedCalls().length));

  const d3 = new Deferred<any>();
  d3.addTimeout(2, clock, (result: unknown, timeout: number) => {
    t.emit(`onTimeoutCancel got ${fmt(result)}, timeout ${fmt(timeout)}`);
    return "replacement";
  });
  d3.addCallback((v: unknown) => t.emit("d3 got " + fmt(v)));
  clock.advance(2);

  const d4 = new Deferred<any>((self) => self.callback("canceller value"));
  d4.addTimeout(1, clock);
  d4.addCallback((v: unknown) => t.emit("d4 got " + fmt(v)));
  clock.advance(1);

  const d5 = new Deferred<any>();
  d5.addTimeout(3, clock);
  d5.addErrback((f: Failure) => t.emit("d5 explicit cancel got " + err(f)));
  d5.cancel();
  t.emit("pending after explicit cancel " + fmt(clock.getDelayedCalls().length));

  const d6 = new Deferred<any>();
  d6.callback("already");
  d6.addTimeout(1, clock);
  t.emit("pending after timeout on fired " + fmt(clock.getDelayedCalls().length));
  d6.addCallback((v: unknown) => t.emit("d6 got " + fmt(v)));
}
