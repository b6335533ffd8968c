/** Twin of python/return-value.py (R8). */
import { Deferred, inlineCallbacks, returnValue } from "../../../runtime/index.js";
import { fmt, type Trace } from "./trace.js";

export function run(t: Trace): void {
  const gate = new Deferred<any>();

  const withReturnValue = inlineCallbacks(function* (): Generator<unknown, void, any> {
    const v = yield gate;
    try {
      returnValue(v * 2);
    } finally {
      t.emit("finally runs on returnValue");
    }
    t.emit("not reached");
  });

  // eslint-disable-next-line require-yield -- a generator that returns before any yield, as the Python twin
  const immediate = inlineCallbacks(function* (): Generator<unknown, void, any> {
    returnValue("now");
  });

  const plain = inlineCallbacks(function* (): Generator<unknown, number, any> {
    const v = yield 3;
    return v + 1;
  });

  withReturnValue().addCallback((v: unknown) => t.emit("with_return_value -> " + fmt(v)));
  immediate().addCallback((v: unknown) => t.emit("immediate -> " + fmt(v)));
  plain().addCallback((v: unknown) => t.emit("plain -> " + fmt(v)));
  t.emit("firing gate");
  gate.callback(21);
  t.emit("end");
}
