import type { TSESLint } from "@typescript-eslint/utils";

/** The prefix of this plugin's rules in a config: `deferred-coroutine/<rule>`. */
export const PLUGIN_PREFIX = "deferred-coroutine";

type RuleEntry = TSESLint.SharedConfig.RuleEntry;

/**
 * Rules that need no type information. `no-coroutine-callback` sees coroutines
 * that the file itself shows (inline async functions, local and imported
 * definitions).
 */
export const recommendedRules: Record<string, RuleEntry> = {
  "no-coroutine-callback": "error",
  "no-misplaced-return-value": "error",
  "prefer-return": "error",
  "valid-deferred-coroutine": "error",
  "no-double-fire": "error",
  "no-blocking-call-in-coroutine": "error",
};

/** `recommended` plus the typed rules, and type-based detection in `no-coroutine-callback`. */
export const recommendedTypeCheckedRules: Record<string, RuleEntry> = {
  ...recommendedRules,
  "no-coroutine-callback": ["error", { checkTypes: true }],
  "no-floating-deferred": "error",
  "no-deferred-result": "error",
  "yield-deferred-only": "error",
};

/** Every rule, including the opinionated ones. Needs type information, like `recommended-type-checked`. */
export const strictRules: Record<string, RuleEntry> = {
  ...recommendedTypeCheckedRules,
  "no-swallowed-cancellation": "error",
  "no-busy-wait": "error",
};

/** The names of the configs the plugin exports. */
export type ConfigName = "recommended" | "recommended-type-checked" | "strict";

export const configRules: Record<ConfigName, Record<string, RuleEntry>> = {
  recommended: recommendedRules,
  "recommended-type-checked": recommendedTypeCheckedRules,
  strict: strictRules,
};

/**
 * Flat configs that register `plugin` under `deferred-coroutine` and turn its
 * rules on. They set no parser and no files: add typescript-eslint's parser for
 * `.ts` files, and `parserOptions.projectService` for the typed configs.
 */
export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const build = (name: ConfigName): TSESLint.FlatConfig.Config => ({
    name: `${PLUGIN_PREFIX}/${name}`,
    plugins: { [PLUGIN_PREFIX]: plugin },
    rules: Object.fromEntries(Object.entries(configRules[name]).map(([rule, entry]) => [`${PLUGIN_PREFIX}/${rule}`, entry])),
  });
  return { recommended: build("recommended"), "recommended-type-checked": build("recommended-type-checked"), strict: build("strict") };
}
