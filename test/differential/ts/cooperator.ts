/** Twin of python/cooperator.py (features §6). */
import { Clock, Cooperator, Deferred, type Failure, NotPaused } from "../../../runtime/index.js";
import { err, exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const threeSteps = (): (() => boolean) => {
    let count = 0;
    return () => ++count >= 3;
  };
  const coop = new Cooperator({
    terminationPredicateFactory: threeSteps,
    scheduler: (tick) => clock.callLater(1, tick),
  });
  const gate = new Deferred<any>();
  function* worker(name: string, n: number, waitAt?: number): Generator<unknown, void, unknown> {
    for (let i = 0; i < n; i++) {
      t.emit(`${name} step ${i} at ${fmt(clock.seconds())}`);
      yield i === waitAt ? gate : null;
    }
  }

  const a = coop.cooperate(worker("a", 5));
  const b = coop.cooperate(worker("b", 4, 1));
  const cDone = coop.coiterate(worker("c", 2));
  cDone.addCallback(() => t.emit("c finished"));
  a.whenDone().addCallbacks(
    () => t.emit("a finished"),
    (f: Failure) => t.emit("a ended " + err(f)),
  );
  b.whenDone().addCallbacks(
    () => t.emit("b finished"),
    (f: Failure) => t.emit("b ended " + err(f)),
  );
  t.emit("pending ticks " + fmt(clock.getDelayedCalls().length));
  clock.advance(1);
  clock.advance(1);
  t.emit("pausing a");
  a.pause();
  clock.advance(1);
  t.emit("stopping b while it waits on its gate");
  b.stop();
  gate.callback("open");
  t.emit("gate fired, pending ticks " + fmt(clock.getDelayedCalls().length));
  t.emit("resuming a");
  a.resume();
  try {
    a.resume();
  } catch (e) {
    if (!(e instanceof NotPaused)) throw e;
    t.emit("second resume raised " + exc(e));
  }
  clock.advance(1);
  const late = coop.cooperate(worker("late", 3));
  late.whenDone().addErrback((f: Failure) => t.emit("late ended " + err(f)));
  t.emit("stopping the cooperator");
  coop.stop();
  t.emit("pending ticks " + fmt(clock.getDelayedCalls().length));
  clock.advance(1);
}
