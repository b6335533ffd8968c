/** Twin of python/looping-call-reset.py (features §4, §6). */
import { Clock, DeferredSemaphore, type Failure, fail, LoopingCall } from "../../../runtime/index.js";
import { err, fmt, type Trace, ValueError } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const lc = new LoopingCall(() => t.emit("tick at " + fmt(clock.seconds())));
  lc.clock = clock;
  lc.start(2);
  clock.advance(1.5);
  t.emit("reset at " + fmt(clock.seconds()));
  lc.reset();
  t.emit("pending " + fmt(clock.getDelayedCalls().map((c) => c.getTime())));
  clock.advance(1);
  clock.advance(1);
  clock.advance(2);
  lc.stop();

  const sem = new DeferredSemaphore(1);
  const failing = () => {
    t.emit("failing runs, tokens " + fmt(sem.tokens));
    return fail(new ValueError("job failed"));
  };
  sem.run(failing).addErrback((f: Failure) => t.emit(`run failed ${err(f)}, tokens ${fmt(sem.tokens)}`));
  t.emit("tokens after " + fmt(sem.tokens));
}
