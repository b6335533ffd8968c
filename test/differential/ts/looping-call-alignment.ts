/** Twin of python/looping-call-alignment.py (R13). */
import { Clock, LoopingCall } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  clock.advance(0.5);

  const lc = LoopingCall.withCount((count: number) => {
    t.emit(`tick count ${fmt(count)} at ${fmt(clock.seconds())}`);
  });
  lc.clock = clock;
  const d = lc.start(2, true);
  d.addCallback((r: unknown) => t.emit("start deferred fired, same loop " + fmt(r === lc)));
  t.emit("running " + fmt(lc.running));
  for (const step of [1, 1.5, 7, 0.5, 3]) {
    t.emit("advance " + fmt(step));
    clock.advance(step);
  }
  t.emit("stopping");
  lc.stop();
  t.emit("running " + fmt(lc.running) + ", pending " + fmt(clock.getDelayedCalls().length));

  const plain = new LoopingCall(() => t.emit("plain at " + fmt(clock.seconds())));
  plain.clock = clock;
  plain.start(1, false);
  t.emit("started without now");
  clock.advance(1);
  clock.advance(2.5);
  plain.stop();
}
