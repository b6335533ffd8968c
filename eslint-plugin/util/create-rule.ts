import type { TSESLint } from "@typescript-eslint/utils";

/**
 * Where the rule pages live. Every rule's `meta.docs.url` is this prefix plus
 * `<rule>.md`, and a test checks that the file exists in `eslint-plugin/docs/rules/`.
 */
export const DOCS_URL = "https://github.com/deferred-coroutine/deferred-coroutine/blob/main/eslint-plugin/docs/rules/";

/** The `meta.docs` fields every rule of this plugin fills in. */
export interface RuleDocs {
  /** One imperative sentence. */
  description: string;
  /** Link to `docs/rules/<rule>.md`. */
  url: string;
  /** True when the rule reads TypeScript types and needs `parserOptions.projectService`. */
  requiresTypeChecking: boolean;
}

/** A rule module of this plugin: ESLint's rule shape plus its name and fully spelled-out defaults. */
export type PluginRule<MessageIds extends string, Options extends readonly unknown[]> = TSESLint.RuleModule<
  MessageIds,
  Options,
  RuleDocs
> & { name: string; defaultOptions: Options };

/** Options as the rule sees them: every object option with its defaults filled in. */
export type FilledOptions<Options extends readonly unknown[]> = {
  [K in keyof Options]: Options[K] extends object ? Required<Options[K]> : Options[K];
};

interface RuleDefinition<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  meta: Omit<TSESLint.RuleMetaData<MessageIds, RuleDocs, Options>, "docs"> & {
    docs: Omit<RuleDocs, "url">;
  };
  defaultOptions: FilledOptions<Options>;
  /** Called once per file with the user's options merged over `defaultOptions`. */
  create(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: FilledOptions<Options>): TSESLint.RuleListener;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Merges `user` over `base`: plain objects key by key (recursively), anything else replaced. */
function mergeOption(base: unknown, user: unknown): unknown {
  if (user === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(user)) return user;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(user)) merged[key] = mergeOption(base[key], value);
  return merged;
}

/**
 * Builds a rule the way typescript-eslint's `RuleCreator` does (url from the rule
 * name, defaults merged into the options), without importing
 * `@typescript-eslint/utils` at run time: the published package has no
 * dependencies, and a plain-JavaScript user of the untyped config must not need
 * typescript-eslint installed.
 */
export function createRule<MessageIds extends string, Options extends readonly unknown[]>(
  definition: RuleDefinition<MessageIds, Options>,
): PluginRule<MessageIds, Options> {
  const { name, meta, defaultOptions, create } = definition;
  return {
    name,
    defaultOptions: defaultOptions as unknown as Options,
    meta: { ...meta, docs: { ...meta.docs, url: `${DOCS_URL}${name}.md` } },
    create(context) {
      const options = defaultOptions.map((value, index) => mergeOption(value, context.options[index])) as unknown;
      return create(context, options as FilledOptions<Options>);
    },
  };
}
