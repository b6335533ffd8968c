/**
 * `react(main)`: run a program's main function on the reactor and exit with
 * its outcome (Twisted's `twisted.internet.task.react`).
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { Failure } from "./failure.js";
import { maybeDeferred } from "./interop.js";
import { log } from "./log.js";
import { ReactorNotRunning, reactor as defaultReactor, type IReactorCore } from "./reactor.js";

/**
 * Thrown (or used as a failure) by a `react` main function to choose the exit
 * code, as Python's `SystemExit` does.
 */
export class SystemExit extends Error {
  override name = "SystemExit";
  /** The process exit code. */
  readonly code: number;
  constructor(code = 0) {
    super(`exit code ${code}`);
    this.code = code;
  }
}

/** Options of {@link react}. */
export interface ReactOptions<R extends IReactorCore> {
  /**
   * The reactor to run; `main` receives it.
   * @default the package's default `reactor`
   */
  reactor?: R;
  /**
   * Ends the program with the exit code, once the reactor has stopped.
   * @default under Node.js: flush stdout and stderr, then `process.exit(code)`;
   *   elsewhere: do nothing
   */
  exit?: (code: number) => void;
}

/** Node: exit once what was written to stdout/stderr has been handed to the OS. */
function defaultExit(code: number): void {
  type Stream = { write(chunk: string, cb: () => void): unknown };
  const proc = (globalThis as { process?: { exit?: (c: number) => void; stdout?: Stream; stderr?: Stream } }).process;
  if (proc?.exit === undefined) return;
  const exit = proc.exit.bind(proc);
  const flush = (stream: Stream | undefined, then: () => void): void => {
    if (stream === undefined) then();
    else stream.write("", then);
  };
  flush(proc.stdout, () => flush(proc.stderr, () => exit(code)));
}

/**
 * Calls `main(reactor, ...argv)`, runs the reactor until the Deferred (or
 * Promise) it returns has fired, stops the reactor exactly once, and exits:
 *
 * - code 0 when `main` succeeded;
 * - `e.code` when it failed with a {@link SystemExit};
 * - 1 otherwise, after logging "main function encountered error" with the
 *   failure's traceback (the default log observer prints it to stderr).
 *
 * `main` may also throw synchronously (same as failing). If the reactor is
 * stopped by someone else first (e.g. SIGINT), it exits with the code known
 * at that point (0 if `main` had not finished).
 *
 * @param main - the program; receives the reactor, then `argv`.
 * @param argv - extra arguments for `main`.
 * @param options - a different reactor or exit function (for tests).
 * @returns a Deferred that fires with the exit code, after `exit` was called
 *   (under Node.js the process is exiting by then).
 * @example
 * ```ts
 * react(async (reactor) => {
 *   await deferLater(reactor, 1);
 *   console.log("a second later");
 * });
 * ```
 */
export function react<R extends IReactorCore = typeof defaultReactor, A extends unknown[] = []>(
  main: (reactor: R, ...argv: A) => unknown,
  argv?: A,
  options: ReactOptions<R> = {},
): Deferred<number> {
  const r = options.reactor ?? (defaultReactor as unknown as R);
  const exit = options.exit ?? defaultExit;
  const finished = maybeDeferred(main, r, ...((argv ?? []) as A));
  let code = 0;
  let stopping = false;
  r.addSystemEventTrigger("before", "shutdown", () => {
    stopping = true;
  });

  const stop = (result: unknown, stopReactor: boolean): void => {
    if (stopReactor) {
      try {
        r.stop();
      } catch (e) {
        if (!(e instanceof ReactorNotRunning)) throw e;
      }
    }
    if (result instanceof Failure) {
      if (result.check(SystemExit)) {
        code = (result.value as SystemExit).code;
      } else {
        log("error", "main function encountered error", result);
        code = 1;
      }
    }
  };

  // Returning nothing here consumes main's failure: it is reported by `stop`,
  // not again as "Unhandled error in Deferred".
  finished.addBoth((result: unknown) => {
    if (stopping) stop(result, false);
    else r.callWhenRunning(stop, result, true);
  });

  const done = new Deferred<number>();
  r.run().addCallback(() => {
    exit(code);
    done.callback(code);
  });
  return done;
}
