/**
 * `deferred-coroutine/transformer`: the `@deferredCoroutine` transform.
 *
 * - default export: the ts-patch plugin (`"plugins": [{ "transform": "deferred-coroutine/transformer" }]`);
 * - {@link createTransformer}: a `before` transformer for `customTransformers` hosts;
 * - {@link transformSource}: source text in, `{ code, map, diagnostics }` out.
 */
import deferredCoroutineTransformer from "./ts-patch.js";

export default deferredCoroutineTransformer;
export { createTransformer, transformSource } from "./api.js";
export type { CreateTransformerOptions, RawSourceMap, TransformSourceOptions, TransformSourceResult } from "./api.js";
export { COMPILED_MARKER } from "./core/visit.js";
export { formatDiagnostic, TransformError } from "./core/diagnostics.js";
export type { DiagnosticCategory, TransformDiagnostic } from "./core/diagnostics.js";
export type { TransformerOptions } from "./options.js";
export type { TsPatchPluginConfig, TsPatchProgramExtras, TsPatchTransformerExtras } from "./ts-patch.js";
