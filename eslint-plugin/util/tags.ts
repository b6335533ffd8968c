import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

export { isMisspelledTag } from "../../transformer/core/comment-tags.js";

/** The comment tag that marks a Deferred coroutine (DESIGN.md §3, form 1). */
export const COROUTINE_TAG = "deferredCoroutine";

/** A `@tag` found at the start of a comment line, with its offset in the source text. */
export interface CommentTag {
  name: string;
  /** source offset of the `@` */
  start: number;
  /** the tag is quoted as inline code (`` `@deferredCoroutine` ``): prose that talks about the tag */
  quoted: boolean;
}

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === "FunctionDeclaration" ||
    node?.type === "FunctionExpression" ||
    node?.type === "ArrowFunctionExpression"
  );
}

// The same reading as the transform's (transformer/core/comment-tags.ts): an `@`
// that does not continue a word (`a@deferredCoroutine.com` is not a tag), then the
// whole run of name characters, so `@deferredCoroutineX` is a different word.
const TAG = /(?<![\w$@])@([A-Za-z_$][\w$-]*)/g;

/**
 * The `@tags` of a comment, wherever they stand in it: the transform marks a
 * function when the tag appears anywhere in a comment before it, and
 * the rules must see the same marks.
 */
export function commentTags(comment: TSESTree.Comment): CommentTag[] {
  if (!comment.value.includes("@")) return [];
  const offset = comment.range[0] + 2; // both `//` and `/*` are two characters
  const tags: CommentTag[] = [];
  for (const match of comment.value.matchAll(TAG)) {
    tags.push({ name: match[1], start: offset + match.index, quoted: comment.value[match.index - 1] === "`" });
  }
  return tags;
}

export function hasCoroutineTag(comment: TSESTree.Comment): boolean {
  return commentTags(comment).some((tag) => tag.name === COROUTINE_TAG);
}

/**
 * The nodes whose leading comments can mark `fn`: the function itself (an
 * inline tag before an arrow), its `export`, the `const`/`let` statement whose
 * single initializer it is, or the class member / object property it is the
 * value of.
 */
function markableNodes(fn: FunctionNode): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [fn];
  let outer: TSESTree.Node | undefined = fn.parent;
  if (fn.type !== "FunctionDeclaration" && outer?.type === "VariableDeclarator" && outer.init === fn) {
    const declaration = outer.parent;
    if (declaration.declarations.length !== 1) return nodes;
    nodes.push(declaration);
    outer = declaration.parent;
  } else if (
    (outer?.type === "MethodDefinition" || outer?.type === "Property" || outer?.type === "PropertyDefinition") &&
    outer.value === fn
  ) {
    nodes.push(outer);
    return nodes;
  } else if (
    outer?.type === "AssignmentExpression" &&
    outer.right === fn &&
    outer.parent.type === "ExpressionStatement"
  ) {
    nodes.push(outer.parent); // a tagged `exports.f = async () => …`
    return nodes;
  } else if (fn.type !== "FunctionDeclaration") {
    return nodes;
  }
  if (outer?.type === "ExportNamedDeclaration" || outer?.type === "ExportDefaultDeclaration") nodes.push(outer);
  return nodes;
}

/** The comments carrying the tag that mark `fn` (usually zero or one). */
export function markingComments(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.Comment[] {
  const found: TSESTree.Comment[] = [];
  for (const node of markableNodes(fn)) {
    for (const comment of sourceCode.getCommentsBefore(node)) if (hasCoroutineTag(comment)) found.push(comment);
  }
  return found;
}

/**
 * The function a tagged comment marks, or `undefined` when the
 * comment stands before something that is not a function (a tag that marks
 * nothing, which the transform ignores).
 */
export function functionMarkedBy(
  sourceCode: Readonly<TSESLint.SourceCode>,
  comment: TSESTree.Comment,
): FunctionNode | undefined {
  const token = sourceCode.getTokenAfter(comment, { includeComments: false });
  if (!token) return undefined;
  let node = sourceCode.getNodeByRangeIndex(token.range[0]) as TSESTree.Node | null;
  const starting: TSESTree.Node[] = [];
  while (node && node.range[0] === token.range[0]) {
    starting.push(node);
    node = node.parent ?? null;
  }
  for (const start of starting) {
    for (const candidate of innerFunctions(start)) {
      if (markingComments(sourceCode, candidate).includes(comment)) return candidate;
    }
  }
  return undefined;
}

function innerFunctions(node: TSESTree.Node): FunctionNode[] {
  if (isFunction(node)) return [node];
  switch (node.type) {
    case "ExportNamedDeclaration":
    case "ExportDefaultDeclaration":
      return node.declaration ? innerFunctions(node.declaration) : [];
    case "VariableDeclaration":
      return node.declarations.length === 1 && node.declarations[0].init
        ? innerFunctions(node.declarations[0].init)
        : [];
    case "ExpressionStatement":
      return node.expression.type === "AssignmentExpression" ? innerFunctions(node.expression.right) : [];
    case "MethodDefinition":
    case "Property":
    case "PropertyDefinition":
      return node.value ? innerFunctions(node.value) : [];
    default:
      return [];
  }
}
