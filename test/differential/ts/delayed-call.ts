/** Twin of python/delayed-call.py (features §7). */
import { AlreadyCalled, AlreadyCancelled, Clock, type IDelayedCall } from "../../../runtime/index.js";
import { exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const clock = new Clock();
  const calls = new Map<string, IDelayedCall>();
  const get = (name: string): IDelayedCall => calls.get(name)!;
  const call = (name: string): void => {
    t.emit(`${name} runs at ${fmt(clock.seconds())}, active ${fmt(get(name).active())}`);
  };

  calls.set("a", clock.callLater(5, call, "a"));
  calls.set("b", clock.callLater(5, call, "b"));
  calls.set("c", clock.callLater(2, call, "c"));
  get("a").reset(1);
  t.emit("a getTime " + fmt(get("a").getTime()));
  get("b").delay(2);
  t.emit("b getTime " + fmt(get("b").getTime()));
  get("b").delay(-4);
  t.emit("b getTime " + fmt(get("b").getTime()));
  get("c").cancel();
  t.emit("c active " + fmt(get("c").active()));
  clock.advance(1);
  clock.advance(2);
  t.emit("b active " + fmt(get("b").active()));

  const attempt = (label: string, f: () => void): void => {
    try {
      f();
      t.emit(label + ": no error");
    } catch (e) {
      if (!(e instanceof AlreadyCalled || e instanceof AlreadyCancelled)) throw e;
      t.emit(label + " raised " + exc(e));
    }
  };
  attempt("cancel called", () => get("a").cancel());
  attempt("reset called", () => get("a").reset(1));
  attempt("delay called", () => get("a").delay(1));
  attempt("cancel cancelled", () => get("c").cancel());
  attempt("reset cancelled", () => get("c").reset(1));
  attempt("delay cancelled", () => get("c").delay(1));
  const later = clock.callLater(1, call, "later");
  calls.set("later", later);
  later.reset(10);
  t.emit("later getTime " + fmt(later.getTime()));
  clock.advance(5);
  t.emit("later still pending " + fmt(later.active()));
  clock.advance(5);
}
