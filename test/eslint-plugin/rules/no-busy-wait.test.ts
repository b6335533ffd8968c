import rule from "../../../eslint-plugin/rules/no-busy-wait.js";
import { untypedTester } from "../rule-tester.js";

const IMPORT = 'import { inlineCallbacks, deferLater } from "deferred-coroutine";';

untypedTester().run("no-busy-wait", rule, {
  valid: [
    `${IMPORT}
const f = inlineCallbacks(function* () { yield readyDeferred; });`,
    `${IMPORT}
const g = inlineCallbacks(function* () { while (queue.length) { yield process(queue.shift()); } });`,
    // deferLater with a callable does work after the delay.
    `${IMPORT}
const h = inlineCallbacks(function* () { while (!done) { yield deferLater(clock, 1, poll); } });`,
    // Not a coroutine; a loop that does more than wait.
    `function spin() { while (!ready) { sleep(1); } }
async function work() { while (!done) { await sleep(50); step(); } }`,
  ],
  invalid: [
    {
      code: `${IMPORT}
const f = inlineCallbacks(function* () { while (!ready) { yield deferLater(clock, 0.1); } });`,
      errors: [{ messageId: "busyWait", line: 2, column: 42, endColumn: 90 }],
    },
    {
      code: `async function wait() { while (!done) { await sleep(50); } }`,
      errors: [{ messageId: "busyWait", line: 1, column: 25 }],
    },
    {
      code: `async function poll() {
  for (;;) {
    if (ready()) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  do await delay(5); while (!flag);
}`,
      errors: [
        { messageId: "busyWait", line: 2, column: 3 },
        { messageId: "busyWait", line: 6, column: 3 },
      ],
    },
    {
      code: `async function wait() { while (!done) { await pause(50); } }`,
      options: [{ sleepFunctions: ["pause"] }],
      errors: [{ messageId: "busyWait", line: 1, column: 25 }],
    },
  ],
});
