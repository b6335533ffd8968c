/**
 * Options of the `@deferredCoroutine` transform, shared by every host: the ts-patch
 * entry (the plugin entry's extra keys in tsconfig `"plugins"`), `createTransformer`
 * and `transformSource`.
 *
 * @example tsconfig.json
 * ```json
 * { "compilerOptions": { "plugins": [
 *   { "transform": "deferred-coroutine/transformer", "runtimeModule": "deferred-coroutine" }
 * ] } }
 * ```
 */
export interface TransformerOptions {
  /**
   * Module specifier of the runtime. The transform imports the coroutine driver from
   * it (a namespace import with a file-unique name, never the user's own imports), and
   * resolves the `deferredCoroutine` decorator and wrapper only when they are imported
   * from it.
   *
   * @default "deferred-coroutine"
   */
  runtimeModule?: string;
  /**
   * Report the warnings (a misspelled tag such as `@deferedCoroutine`, a tag that marks
   * nothing). Errors are always reported. Note that `tsc`/`tspc` counts every
   * diagnostic, warnings included, in its exit status (2, outputs still written).
   *
   * @default true
   */
  reportWarnings?: boolean;
}

/** {@link TransformerOptions} with every default applied. */
export type ResolvedTransformerOptions = Required<TransformerOptions>;

/** The runtime module used when {@link TransformerOptions.runtimeModule} is not set. */
export const DEFAULT_RUNTIME_MODULE = "deferred-coroutine";

/**
 * Applies the defaults of {@link TransformerOptions}.
 *
 * @throws TypeError when an option has the wrong type (tsconfig plugin entries are
 * untyped JSON, so this is checked at run time).
 */
export function resolveOptions(options: TransformerOptions | undefined): ResolvedTransformerOptions {
  const runtimeModule = options?.runtimeModule ?? DEFAULT_RUNTIME_MODULE;
  if (typeof runtimeModule !== "string" || runtimeModule === "") {
    throw new TypeError(`deferred-coroutine transformer: "runtimeModule" must be a non-empty string, got ${JSON.stringify(runtimeModule)}`);
  }
  const reportWarnings = options?.reportWarnings ?? true;
  if (typeof reportWarnings !== "boolean") {
    throw new TypeError(`deferred-coroutine transformer: "reportWarnings" must be a boolean, got ${JSON.stringify(reportWarnings)}`);
  }
  return { runtimeModule, reportWarnings };
}
