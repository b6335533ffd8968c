/** Twin of python/clock-mutation.py (R13, features §7). */
import { Clock, type IDelayedCall } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const calls = new Map<string, IDelayedCall>();
  const get = (name: string): IDelayedCall => calls.get(name)!;
  const note = (name: string): void => {
    t.emit(`${name} runs at ${fmt(clock.seconds())}`);
  };
  const meddler = (): void => {
    note("meddler");
    get("victim").cancel();
    get("postponed").reset(2);
    get("hurried").reset(0);
    get("delayed").delay(0.5);
    t.emit(`meddler active after: victim ${fmt(get("victim").active())} postponed ${fmt(get("postponed").active())}`);
  };

  calls.set("meddler", clock.callLater(1, meddler));
  calls.set("victim", clock.callLater(1, note, "victim"));
  calls.set("postponed", clock.callLater(1, note, "postponed"));
  calls.set("delayed", clock.callLater(1, note, "delayed"));
  calls.set("plain", clock.callLater(1, note, "plain"));
  calls.set("hurried", clock.callLater(5, note, "hurried"));
  clock.advance(1);
  t.emit("after advance 1: " + fmt(clock.getDelayedCalls().map((c) => c.getTime()).sort((a, b) => a - b)));
  clock.advance(0.5);
  clock.advance(2);
  t.emit("pending " + fmt(clock.getDelayedCalls().length));
}
