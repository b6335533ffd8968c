/** Twin of python/looping-call-deferred.py (features §6). */
import { Clock, Deferred, type Failure, LoopingCall } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const gates: Deferred<any>[] = [];
  const lc = new LoopingCall(() => {
    t.emit("work at " + fmt(clock.seconds()));
    const gate = new Deferred<any>();
    gates.push(gate);
    return gate;
  });
  lc.clock = clock;
  lc.start(1).addCallback(() => t.emit("lc start deferred fired at " + fmt(clock.seconds())));
  clock.advance(2.5);
  t.emit("releasing gate at " + fmt(clock.seconds()));
  gates[0]!.callback(null);
  t.emit("pending " + fmt(clock.getDelayedCalls().map((c) => c.getTime())));
  clock.advance(0.5);
  lc.stop();
  t.emit("stopped while waiting, running " + fmt(lc.running));
  gates[1]!.callback(null);
  t.emit("pending " + fmt(clock.getDelayedCalls().length));

  const calls: number[] = [];
  const stopper: LoopingCall = new LoopingCall(() => {
    calls.push(clock.seconds());
    t.emit("self_stopping call " + fmt(calls.length));
    if (calls.length === 2) {
      stopper.stop();
      t.emit("stop() returned inside the call");
    }
    return "ignored";
  });
  stopper.clock = clock;
  stopper.start(1).addCallback((r: unknown) => t.emit("stopper start deferred fired, same " + fmt(r === stopper)));
  clock.advance(1);
  t.emit("stopper running " + fmt(stopper.running));

  const bad = new LoopingCall(() => {
    t.emit("failing runs at " + fmt(clock.seconds()));
    if (clock.seconds() >= 6) throw new ValueError("loop body failed");
  });
  bad.clock = clock;
  bad.start(1, false).addErrback((f: Failure) => t.emit("bad start deferred failed " + err(f)));
  clock.advance(1);
  clock.advance(1);
  t.emit("bad running " + fmt(bad.running) + ", pending " + fmt(clock.getDelayedCalls().length));
}
