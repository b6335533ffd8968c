/**
 * `Cooperator`, `cooperate` and `coiterate`: run long jobs written as
 * iterators in small steps, round-robin, without blocking the event loop
 * (Twisted's `twisted.internet.task.Cooperator`).
 *
 * @module
 */
import { Deferred } from "./deferred.js";
import { Failure } from "./failure.js";
import { ensureDeferred } from "./interop.js";
import { reactor } from "./reactor.js";
import type { IDelayedCall } from "./time-types.js";

/** Base class of the scheduler-state errors below. */
export class SchedulerError extends Error {
  override name = "SchedulerError";
}
/** The Cooperator was stopped while the task was running, or before it was added. */
export class SchedulerStopped extends SchedulerError {
  override name = "SchedulerStopped";
}
/** The task has permanently finished (done, stopped or failed). */
export class TaskFinished extends SchedulerError {
  override name = "TaskFinished";
}
/** The task's iterator is exhausted. */
export class TaskDone extends TaskFinished {
  override name = "TaskDone";
}
/** The task was stopped with `stop()`. */
export class TaskStopped extends TaskFinished {
  override name = "TaskStopped";
}
/** The task's iterator threw (or a Deferred it yielded failed). */
export class TaskFailed extends TaskFinished {
  override name = "TaskFailed";
}
/** `resume()` on a task that is not paused. */
export class NotPaused extends SchedulerError {
  override name = "NotPaused";
}

/** Makes the predicate that ends one scheduler tick; see the `Cooperator` constructor. */
export type TerminationPredicateFactory = () => () => boolean;
/** Arranges for `tick` to be called later; returns the handle. */
export type CooperatorScheduler = (tick: () => void) => IDelayedCall;

/** The default time slice per tick: 10 ms of wall-clock time. */
const defaultTermination: TerminationPredicateFactory = () => {
  const end = performance.now() + 10;
  return () => performance.now() >= end;
};

/** The default scheduler: the next reactor iteration (1e-8 s, as in Twisted). */
const defaultScheduler: CooperatorScheduler = (tick) => reactor.callLater(1e-8, tick);

/**
 * A task inside a {@link Cooperator}: can be paused, resumed, stopped, and
 * waited on. Create one with `Cooperator.cooperate` or {@link cooperate}.
 */
export class CooperativeTask<T = unknown> {
  private readonly deferreds: Deferred<Iterator<T>>[] = [];
  private pauseCount = 0;
  private completionState: SchedulerError | undefined = undefined;
  private completionResult: Iterator<T> | Failure | undefined = undefined;

  /** @internal Use `Cooperator.cooperate`. */
  constructor(
    private readonly iterator: Iterator<T>,
    private readonly cooperator: Cooperator,
  ) {
    cooperator._addTask(this);
  }

  /**
   * A Deferred that fires with the iterator once it is exhausted, or fails
   * with what it threw (or with `TaskStopped`/`SchedulerStopped`). After
   * completion it fires at once.
   */
  whenDone(): Deferred<Iterator<T>> {
    const d = new Deferred<Iterator<T>>();
    if (this.completionState === undefined) this.deferreds.push(d);
    else fire(d, this.completionResult!);
    return d;
  }

  /**
   * Stops doing work until `resume()`. Counted: n pauses need n resumes.
   * @throws TaskFinished (TaskDone, TaskStopped, TaskFailed, SchedulerStopped) if the task has finished.
   */
  pause(): void {
    this.checkFinish();
    this.pauseCount++;
    if (this.pauseCount === 1) this.cooperator._removeTask(this);
  }

  /**
   * Undoes one `pause()`.
   * @throws NotPaused if the task is not paused.
   */
  resume(): void {
    if (this.pauseCount === 0) throw new NotPaused();
    this.pauseCount--;
    if (this.pauseCount === 0 && this.completionState === undefined) this.cooperator._addTask(this);
  }

  /**
   * Stops the task for good: `whenDone()` Deferreds fail with `TaskStopped`.
   * @throws TaskFinished if the task has already finished.
   */
  stop(): void {
    this.checkFinish();
    this.completeWith(new TaskStopped(), new Failure(new TaskStopped()));
  }

  /** @internal */
  completeWith(state: SchedulerError, result: Iterator<T> | Failure): void {
    this.completionState = state;
    this.completionResult = result;
    if (this.pauseCount === 0) this.cooperator._removeTask(this);
    // Fire only after leaving the Cooperator: a callback may stop it or touch
    // other tasks, and must not find this task still registered.
    for (const d of this.deferreds) fire(d, result);
  }

  /** @internal One step: `next()`, then finish, fail or pause on a yielded Deferred. */
  oneWorkUnit(): void {
    let step: IteratorResult<T>;
    try {
      step = this.iterator.next();
    } catch (e) {
      this.completeWith(new TaskFailed(), new Failure(e));
      return;
    }
    if (step.done) {
      this.completeWith(new TaskDone(), this.iterator);
      return;
    }
    const value = step.value as unknown;
    const waitFor =
      value instanceof Deferred
        ? value
        : value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function"
          ? ensureDeferred(value as PromiseLike<unknown>)
          : undefined;
    if (waitFor !== undefined) {
      this.pause();
      waitFor.addCallbacks(
        () => {
          this.resume();
        },
        (failure: Failure) => {
          this.completeWith(new TaskFailed(), failure);
        },
      );
    }
  }

  private checkFinish(): void {
    if (this.completionState !== undefined) throw this.completionState;
  }
}

function fire<T>(d: Deferred<T>, result: T | Failure): void {
  if (result instanceof Failure) d.errback(result);
  else d.callback(result);
}

/** Options of the {@link Cooperator} constructor. */
export interface CooperatorOptions {
  /**
   * Called at the start of each tick; the predicate it returns is asked after
   * each step and ends the tick when it returns true.
   * @default a 10 ms wall-clock slice
   */
  terminationPredicateFactory?: TerminationPredicateFactory;
  /**
   * Schedules the next tick.
   * @default `(tick) => reactor.callLater(1e-8, tick)`
   */
  scheduler?: CooperatorScheduler;
  /**
   * Whether ticks may be scheduled now; if false, tasks wait for `start()`.
   * @default true
   */
  started?: boolean;
}

/**
 * A cooperative scheduler: each tick calls `next()` on its tasks in turn
 * (round-robin) until the termination predicate says the slice is over, then
 * schedules the next tick. A task that yields a Deferred (or a Promise) is
 * paused until it fires; if it fails, the task fails. No ticks are scheduled
 * while no task is runnable.
 */
export class Cooperator {
  private tasks: CooperativeTask<any>[] = [];
  /** Round-robin position, kept across ticks (an array iterator sees removals, as Python's does). */
  private metarator: Iterator<CooperativeTask<any>> = [][Symbol.iterator]();
  private readonly terminationPredicateFactory: TerminationPredicateFactory;
  private readonly scheduler: CooperatorScheduler;
  private delayedCall: IDelayedCall | undefined = undefined;
  private stopped = false;
  private started: boolean;
  private mustScheduleOnStart = false;

  constructor(options: CooperatorOptions = {}) {
    this.terminationPredicateFactory = options.terminationPredicateFactory ?? defaultTermination;
    this.scheduler = options.scheduler ?? defaultScheduler;
    this.started = options.started ?? true;
  }

  /** Adds `iterator` as a task; returns a Deferred that fires with the iterator when it is exhausted. */
  coiterate<T>(iterator: Iterator<T>, doneDeferred: Deferred<Iterator<T>> = new Deferred()): Deferred<Iterator<T>> {
    new CooperativeTask(iterator, this).whenDone().chainDeferred(doneDeferred);
    return doneDeferred;
  }

  /** Adds `iterator` as a task and returns it, to pause, resume, stop or wait on. */
  cooperate<T>(iterator: Iterator<T>): CooperativeTask<T> {
    return new CooperativeTask(iterator, this);
  }

  /** True between `start()` (or construction with `started`) and `stop()`. */
  get running(): boolean {
    return this.started && !this.stopped;
  }

  /** Begins scheduling ticks (for a Cooperator created with `started: false`, or after `stop()`). */
  start(): void {
    this.stopped = false;
    this.started = true;
    if (this.mustScheduleOnStart) {
      this.mustScheduleOnStart = false;
      this.reschedule();
    }
  }

  /**
   * Stops scheduling: every task's `whenDone()` fails with `SchedulerStopped`
   * and the tasks are forgotten. Tasks added later fail the same way.
   */
  stop(): void {
    this.stopped = true;
    const tasks = this.tasks;
    for (const task of tasks) task.completeWith(new SchedulerStopped(), new Failure(new SchedulerStopped()));
    this.tasks = [];
    if (this.delayedCall !== undefined) {
      this.delayedCall.cancel();
      this.delayedCall = undefined;
    }
  }

  /** @internal */
  _addTask(task: CooperativeTask<any>): void {
    this.tasks.push(task);
    if (this.stopped) {
      // completeWith removes it again; Twisted adds it first for that reason.
      task.completeWith(new SchedulerStopped(), new Failure(new SchedulerStopped()));
    } else {
      this.reschedule();
    }
  }

  /** @internal */
  _removeTask(task: CooperativeTask<any>): void {
    const i = this.tasks.indexOf(task);
    if (i >= 0) this.tasks.splice(i, 1);
    if (this.tasks.length === 0 && this.delayedCall !== undefined) {
      this.delayedCall.cancel();
      this.delayedCall = undefined;
    }
  }

  private *tasksWhileNotStopped(): Generator<CooperativeTask<any>> {
    const terminator = this.terminationPredicateFactory();
    while (this.tasks.length > 0) {
      for (let r = this.metarator.next(); !r.done; r = this.metarator.next()) {
        yield r.value;
        if (terminator()) return;
      }
      this.metarator = this.tasks[Symbol.iterator]();
    }
  }

  private readonly tick = (): void => {
    this.delayedCall = undefined;
    for (const task of this.tasksWhileNotStopped()) task.oneWorkUnit();
    this.reschedule();
  };

  private reschedule(): void {
    if (!this.started) {
      this.mustScheduleOnStart = true;
      return;
    }
    if (this.delayedCall === undefined && this.tasks.length > 0) {
      this.delayedCall = this.scheduler(this.tick);
    }
  }
}

const theCooperator = new Cooperator();

/**
 * Runs `iterator` as a task of the global Cooperator (on the default
 * reactor), sharing time with every other such task.
 */
export function cooperate<T>(iterator: Iterator<T>): CooperativeTask<T> {
  return theCooperator.cooperate(iterator);
}

/** Like {@link cooperate}, but returns only a Deferred of the iterator, fired when it is exhausted. */
export function coiterate<T>(iterator: Iterator<T>): Deferred<Iterator<T>> {
  return theCooperator.coiterate(iterator);
}
