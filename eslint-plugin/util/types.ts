import type { JSONSchema, TSESLint, TSESTree } from "@typescript-eslint/utils";
import type * as ts from "typescript";
import { PACKAGE_NAME } from "./imports.js";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * A user type that counts as a Deferred: a class or interface called `name`,
 * declared in the package `package` when given, anywhere otherwise.
 */
export interface DeferredTypeSpecifier {
  name: string;
  package?: string;
}

/** JSON schema of a `DeferredTypeSpecifier[]` option. */
export const deferredTypesSchema: JSONSchema.JSONSchema4 = {
  type: "array",
  description: "Extra types that count as a Deferred.",
  items: {
    type: "object",
    properties: {
      name: { type: "string", description: "Class or interface name." },
      package: { type: "string", description: "Package that declares it; any file when omitted." },
    },
    required: ["name"],
    additionalProperties: false,
  },
};

/** The checker and node mapping a typed rule works with. */
export interface TypeServices {
  checker: ts.TypeChecker;
  typeOf(node: TSESTree.Node): ts.Type;
}

/**
 * The type information of the file, or a thrown `Error` that says how to turn it
 * on (the same contract as typescript-eslint's `getParserServices`). Typed rules
 * call it when they start, so a missing `projectService` fails loudly instead of
 * silently reporting nothing.
 */
export function typeServices(context: Context): TypeServices {
  const services = context.sourceCode.parserServices;
  const program = services?.program;
  if (!services || !program || !services.esTreeNodeToTSNodeMap) {
    throw new Error(
      `The rule "${context.id}" needs type information. Lint with @typescript-eslint/parser and set ` +
        `"languageOptions.parserOptions.projectService: true", or use the untyped "recommended" config.`,
    );
  }
  const checker = program.getTypeChecker();
  const map = services.esTreeNodeToTSNodeMap;
  return { checker, typeOf: (node) => checker.getTypeAtLocation(map.get(node as never)) };
}

// ts.TypeFlags values, inlined so the plugin never loads `typescript` itself
// (the parser hands us the checker; these numbers are part of its stable API).
const ANY = 1;
const UNKNOWN = 2;

/** True for `any` and `unknown`: types that say nothing, which rules never report on. */
export function isUnknownType(type: ts.Type): boolean {
  return (type.flags & (ANY | UNKNOWN)) !== 0;
}

function declaredIn(declaration: ts.Declaration, packageName: string): boolean {
  const file = declaration.getSourceFile().fileName.replace(/\\/g, "/");
  if (file.includes(`/node_modules/${packageName}/`)) return true;
  // `declare module "deferred-coroutine" { … }` (used by the plugin's typed tests)
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    const name = (node as { name?: { text?: unknown } }).name;
    if ("body" in node && name?.text === packageName) return true;
  }
  // This repository's own runtime source.
  return packageName === PACKAGE_NAME && /(^|\/)runtime\/deferred\.(d\.)?ts$/.test(file);
}

function matchesSpecifier(symbol: ts.Symbol, specifier: DeferredTypeSpecifier): boolean {
  if (symbol.getName() !== specifier.name) return false;
  if (specifier.package === undefined) return true;
  return (symbol.getDeclarations() ?? []).some((declaration) => declaredIn(declaration, specifier.package!));
}

/**
 * True when `type` is (or, for a union, may be) a Deferred: the `Deferred` class
 * of `deferred-coroutine`, a subclass of it, or one of the user's `extra` types.
 */
export function isDeferredType(checker: ts.TypeChecker, type: ts.Type, extra: readonly DeferredTypeSpecifier[], depth = 0): boolean {
  if (depth > 8) return false;
  if (type.isUnion() || type.isIntersection()) {
    return type.types.some((member) => isDeferredType(checker, member, extra, depth + 1));
  }
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return false;
  const specifiers = [{ name: "Deferred", package: PACKAGE_NAME }, ...extra];
  if (specifiers.some((specifier) => matchesSpecifier(symbol, specifier))) return true;
  const target = (type as ts.TypeReference).target ?? type;
  if (target.isClassOrInterface()) {
    return (checker.getBaseTypes(target) ?? []).some((base) => isDeferredType(checker, base, extra, depth + 1));
  }
  return false;
}

/** True when `type` (or a member of a union) has a callable `then`: a Promise, a Deferred, any thenable. */
export function isThenableType(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some((member) => isThenableType(checker, member));
  const then = checker.getApparentType(type).getProperty("then");
  if (!then) return false;
  return checker.getTypeOfSymbol(then).getCallSignatures().length > 0;
}

/** True when `type` is callable and one of its call signatures returns a thenable. */
export function returnsThenable(checker: ts.TypeChecker, type: ts.Type): boolean {
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) =>
    member.getCallSignatures().some((signature) => {
      const result = signature.getReturnType();
      return !isUnknownType(result) && isThenableType(checker, result);
    }),
  );
}
