/**
 * The shape of a benchmark case. Every `bench/<name>.ts` module (other than
 * the runner's own files) exports `cases: BenchCase[]`; see bench/README.md.
 *
 * @module
 */

/** One variant of one measurement. */
export interface BenchCase {
  /** Cases with the same group are compared with each other; the group names the workload. */
  group: string;
  /** The variant, e.g. "native async/await" or "Deferred". */
  name: string;
  /**
   * `true`: the group's baseline (native async/await, raw `setTimeout`…);
   * the table shows every case's time as a ratio to it.
   * `"sync"`: the plain synchronous loop, the lower limit; shown as a second
   * ratio column.
   */
  baseline?: boolean | "sync";
  /**
   * Operations per sample. Omit it to let the runner choose (it doubles n
   * during warm-up until one sample takes about 20 ms).
   */
  n?: number;
  /** Performs `n` operations; may return a Promise, which the runner awaits. */
  run(n: number): unknown;
}
