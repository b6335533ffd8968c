/** Twin of python/clock-ordering.py (R13). */
import { Clock } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const call = (name: string): void => {
    t.emit(`${name} at ${fmt(clock.seconds())}`);
  };
  const spawner = (): void => {
    t.emit("spawner at " + fmt(clock.seconds()));
    clock.callLater(0, call, "spawned-zero");
    clock.callLater(0.5, call, "spawned-half");
    clock.callLater(5, call, "spawned-later");
  };

  clock.callLater(2, call, "two-a");
  clock.callLater(1, call, "one");
  clock.callLater(2, call, "two-b");
  clock.callLater(1, spawner);
  clock.callLater(2, call, "two-c");
  clock.callLater(3, call, "three");
  t.emit("pending " + fmt(clock.getDelayedCalls().length));
  t.emit("advance 2");
  clock.advance(2);
  t.emit("now " + fmt(clock.seconds()) + ", pending " + fmt(clock.getDelayedCalls().length));
  t.emit("advance 0.5");
  clock.advance(0.5);
  t.emit("pump [1, 1, 3]");
  clock.pump([1, 1, 3]);
  t.emit("now " + fmt(clock.seconds()) + ", pending " + fmt(clock.getDelayedCalls().length));
  const dc = clock.callLater(1.25, call, "quarter");
  t.emit("getTime " + fmt(dc.getTime()));
  clock.advance(1.25);
}
