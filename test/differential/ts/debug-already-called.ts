/** Twin of python/debug-already-called.py (R9). */
import { AlreadyCalledError, Deferred, getDebugging, setDebugging } from "../../../runtime/index.js";
import { exc, fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  t.emit("debugging " + fmt(getDebugging()));
  setDebugging(true);
  try {
    t.emit("debugging " + fmt(getDebugging()));
    const d = new Deferred<any>();
    d.callback(1);
    try {
      d.callback(2);
    } catch (e) {
      if (!(e instanceof AlreadyCalledError)) throw e;
      const text = e.message;
      t.emit("raised " + exc(e));
      t.emit("has creator " + fmt(text.includes(" C: Deferred was created:")));
      t.emit("has invoker " + fmt(text.includes(" I: First Invoker was:")));
      t.emit("creator before invoker " + fmt(text.indexOf(" C:") < text.indexOf(" I:")));
    }
  } finally {
    setDebugging(false);
  }
  t.emit("debugging " + fmt(getDebugging()));
  const d = new Deferred<any>();
  d.callback(1);
  try {
    d.callback(2);
  } catch (e) {
    if (!(e instanceof AlreadyCalledError)) throw e;
    t.emit("without debugging has creator " + fmt(e.message.includes(" C: Deferred was created:")));
  }
}
