import type { TSESLint } from "@typescript-eslint/utils";
import { buildConfigs, type ConfigName } from "./configs.js";
import noBlockingCallInCoroutine from "./rules/no-blocking-call-in-coroutine.js";
import noBusyWait from "./rules/no-busy-wait.js";
import noCoroutineCallback from "./rules/no-coroutine-callback.js";
import noDeferredResult from "./rules/no-deferred-result.js";
import noDoubleFire from "./rules/no-double-fire.js";
import noFloatingDeferred from "./rules/no-floating-deferred.js";
import noMisplacedReturnValue from "./rules/no-misplaced-return-value.js";
import noSwallowedCancellation from "./rules/no-swallowed-cancellation.js";
import preferReturn from "./rules/prefer-return.js";
import validDeferredCoroutine from "./rules/valid-deferred-coroutine.js";
import yieldDeferredOnly from "./rules/yield-deferred-only.js";
import type { PluginRule } from "./util/create-rule.js";

export type { PluginRule, RuleDocs } from "./util/create-rule.js";
export type { ConfigName } from "./configs.js";

/**
 * Every rule of the plugin, by name (without the `deferred-coroutine/` prefix).
 * Typed rules (`meta.docs.requiresTypeChecking`) throw at the start of a file
 * linted without type information.
 */
export const rules: Record<string, PluginRule<string, readonly unknown[]>> = {
  "no-coroutine-callback": noCoroutineCallback,
  "no-misplaced-return-value": noMisplacedReturnValue,
  "prefer-return": preferReturn,
  "valid-deferred-coroutine": validDeferredCoroutine,
  "no-floating-deferred": noFloatingDeferred,
  "no-deferred-result": noDeferredResult,
  "yield-deferred-only": yieldDeferredOnly,
  "no-double-fire": noDoubleFire,
  "no-swallowed-cancellation": noSwallowedCancellation,
  "no-blocking-call-in-coroutine": noBlockingCallInCoroutine,
  "no-busy-wait": noBusyWait,
} as unknown as Record<string, PluginRule<string, readonly unknown[]>>;

/** Plugin name and version, as ESLint's cache and `--print-config` report them (kept equal to package.json by a test). */
export const meta = { name: "deferred-coroutine/eslint-plugin", version: "0.1.0" } as const;

/** The plugin object, without its configs (they refer back to it). */
const base = { meta, rules } as unknown as TSESLint.FlatConfig.Plugin;

/**
 * Ready-made flat configs: `recommended` (no type information), and
 * `recommended-type-checked` / `strict` (need `parserOptions.projectService`).
 * Each registers the plugin as `deferred-coroutine`.
 */
export const configs: Record<ConfigName, TSESLint.FlatConfig.Config> = buildConfigs(base);

/**
 * The ESLint plugin: `import deferred from "deferred-coroutine/eslint-plugin";
 * export default [deferred.configs.recommended];`
 */
const plugin = Object.assign(base, { configs }) as TSESLint.FlatConfig.Plugin & {
  meta: typeof meta;
  rules: typeof rules;
  configs: typeof configs;
};

export default plugin;
