import type { TSESLint } from "@typescript-eslint/utils";
import { importTable, PACKAGE_NAME } from "./imports.js";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Names to write in a fix, and the fix that imports those the file does not import yet. */
export interface ImportedNames {
  /** exported name → the expression that refers to it in this file (`ensureDeferred`, `dc.ensureDeferred`) */
  names: Record<string, string>;
  /** an `import { … } from "deferred-coroutine"` to insert, when something was missing */
  fix: TSESLint.RuleFix | undefined;
}

/**
 * How the file can refer to the `deferred-coroutine` exports `exported`: through
 * an existing named or namespace import when there is one, otherwise through a
 * new `import { … }` statement placed after the file's last import. Used by
 * suggestions, whose text must name runtime functions such as `ensureDeferred`.
 */
export function importNames(context: Context, fixer: TSESLint.RuleFixer, exported: string[]): ImportedNames {
  const table = importTable(context);
  const [namespace] = table.namespaces;
  const names: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of exported) {
    const local = table.localNameOf(name);
    if (local !== undefined) names[name] = local;
    else if (namespace !== undefined) names[name] = `${namespace}.${name}`;
    else {
      names[name] = name;
      missing.push(name);
    }
  }
  if (missing.length === 0) return { names, fix: undefined };
  const statement = `import { ${missing.join(", ")} } from "${PACKAGE_NAME}";`;
  const imports = context.sourceCode.ast.body.filter((node) => node.type === "ImportDeclaration");
  const last = imports[imports.length - 1];
  const fix = last
    ? fixer.insertTextAfter(last, `\n${statement}`)
    : fixer.insertTextBeforeRange([0, 0], `${statement}\n`);
  return { names, fix };
}
