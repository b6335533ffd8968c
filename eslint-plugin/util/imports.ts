import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

/** The package whose exports the rules recognise by import binding. */
export const PACKAGE_NAME = "deferred-coroutine";

/**
 * Shared settings read by every rule:
 * `settings: { "deferred-coroutine": { modules: ["./my-reexports.js"] } }` adds
 * module specifiers whose exports count as `deferred-coroutine`'s (a file that
 * re-exports the runtime under the same names).
 */
export interface PluginSettings {
  modules?: string[];
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Local bindings of one file that come from `deferred-coroutine`. */
export interface ImportTable {
  /** local name → exported name, for `import { a as b }` */
  readonly named: ReadonlyMap<string, string>;
  /** local names of `import * as ns` (and default imports, which interop makes the same object) */
  readonly namespaces: ReadonlySet<string>;
  /** local name a file would use for `exported`, if it imports it by name */
  localNameOf(exported: string): string | undefined;
}

const tables = new WeakMap<object, ImportTable>();

function moduleSet(context: Context): Set<string> {
  const settings = (context.settings as Record<string, PluginSettings | undefined>)[PACKAGE_NAME];
  return new Set([PACKAGE_NAME, ...(settings?.modules ?? [])]);
}

/** The table of `deferred-coroutine` imports of the file being linted (computed once per file). */
export function importTable(context: Context): ImportTable {
  const program = context.sourceCode.ast;
  const cached = tables.get(program);
  if (cached) return cached;
  const modules = moduleSet(context);
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== "ImportDeclaration" || !modules.has(statement.source.value)) continue;
    if (statement.importKind === "type") continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === "ImportSpecifier") {
        if (specifier.importKind === "type") continue;
        const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
        named.set(specifier.local.name, imported);
      } else {
        namespaces.add(specifier.local.name);
      }
    }
  }
  const table: ImportTable = {
    named,
    namespaces,
    localNameOf(exported) {
      for (const [local, name] of named) if (name === exported) return local;
      return undefined;
    },
  };
  tables.set(program, table);
  return table;
}

/** The variable `name` resolves to from `node`'s scope, if any. */
export function findVariable(context: Context, node: TSESTree.Node, name: string): TSESLint.Scope.Variable | undefined {
  let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(node);
  while (scope) {
    const variable = scope.set.get(name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return undefined;
}

function isImportBinding(variable: TSESLint.Scope.Variable | undefined): boolean {
  return variable?.defs[0]?.type === "ImportBinding";
}

/**
 * The `deferred-coroutine` export that `node` refers to: `returnValue` for an
 * identifier imported as `returnValue` (or `returnValue as rv`), and for
 * `ns.returnValue` where `ns` is a namespace import. `undefined` for anything
 * else, including a local variable that shadows the import.
 */
export function resolveImport(context: Context, node: TSESTree.Node): string | undefined {
  const table = importTable(context);
  if (table.named.size === 0 && table.namespaces.size === 0) return undefined;
  if (node.type === "Identifier") {
    const exported = table.named.get(node.name);
    if (exported === undefined) return undefined;
    return isImportBinding(findVariable(context, node, node.name)) ? exported : undefined;
  }
  if (node.type === "MemberExpression" && node.object.type === "Identifier" && table.namespaces.has(node.object.name)) {
    const property = propertyName(node);
    if (property === undefined) return undefined;
    return isImportBinding(findVariable(context, node.object, node.object.name)) ? property : undefined;
  }
  return undefined;
}

/** The static name of a member access: `b` for `a.b` and `a["b"]`, `undefined` when computed. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  if (node.computed && node.property.type === "Literal" && typeof node.property.value === "string") {
    return node.property.value;
  }
  return undefined;
}

/** The name a call is made through: `f` for `f()`, `m` for `a.b.m()`; `undefined` for computed callees. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression") return propertyName(callee);
  return undefined;
}

/** Dotted text of a callee made of identifiers: `fs.readFileSync`, `this.d.callback`. */
export function dottedName(node: TSESTree.Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "ThisExpression") return "this";
  if (node.type === "MemberExpression") {
    const property = propertyName(node);
    const object = dottedName(node.object);
    return property !== undefined && object !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** True when `node` names a global (`setTimeout`, `process`) that no local binding shadows. */
export function isGlobalReference(context: Context, node: TSESTree.Identifier): boolean {
  const variable = findVariable(context, node, node.name);
  return variable === undefined || variable.defs.length === 0;
}

/** The callee of `node` with TypeScript-only wrappers and parentheses' effects removed (`f!`, `f as T`). */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === "TSNonNullExpression" ||
    current.type === "TSAsExpression" ||
    current.type === "TSSatisfiesExpression" ||
    current.type === "TSTypeAssertion" ||
    current.type === "ChainExpression"
  ) {
    current = current.expression;
  }
  return current;
}
