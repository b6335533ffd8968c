import type * as ts from "typescript";

/**
 * Finding the `@deferredCoroutine` tag in comments. tsc stopped parsing JSDoc tags in
 * TS 5.3 (`JSDocParsingMode`), and `//` comments never had tags, so the tag is read
 * from the raw comment ranges: a tag is the word `@deferredCoroutine` in a comment,
 * not followed by another word character or `-`.
 */

/** The exact tag name. */
export const TAG_NAME = "deferredCoroutine";

/** One `@word` in the file text that is the tag or a near miss of it. */
export interface TagOccurrence {
  /** Offset of the `@`. */
  readonly pos: number;
  /** The word after `@`. */
  readonly name: string;
  /** `name === "deferredCoroutine"`; otherwise a misspelling (edit distance ≤ 2, case ignored). */
  readonly exact: boolean;
}

// `@` at the start of a word (so `a@deferredCoroutine.com` does not count), then the
// longest run of name characters. Near misses are at most two edits away, so only
// names of 15–19 characters can be candidates.
const TAG_LIKE = /(?<![\w$@])@([A-Za-z_$][\w$-]{14,18})(?![\w$-])/g;

/**
 * Every tag-like word in `text`, comments or not (the caller checks which ones lie in
 * a comment). Cheap enough to run on every file: it is one regular-expression scan.
 */
export function findTagOccurrences(text: string): TagOccurrence[] {
  const found: TagOccurrence[] = [];
  if (!text.includes("@")) return found;
  TAG_LIKE.lastIndex = 0;
  for (let m = TAG_LIKE.exec(text); m !== null; m = TAG_LIKE.exec(text)) {
    const name = m[1]!;
    if (name === TAG_NAME) found.push({ pos: m.index, name, exact: true });
    else if (isMisspelledTag(name)) found.push({ pos: m.index, name, exact: false });
  }
  return found;
}

/**
 * `name` is not the tag but a near miss of it: at most two edits away, case ignored
 * (`deferedCoroutine`, `DeferredCoroutine`, `deferred-coroutine`). The one definition
 * of a misspelled tag: the ESLint plugin's `valid-deferred-coroutine` uses it too.
 */
export function isMisspelledTag(name: string): boolean {
  return name !== TAG_NAME && editDistanceAtMost(name.toLowerCase(), TAG_NAME.toLowerCase(), 2);
}

/** Levenshtein distance between `a` and `b` is at most `limit`. */
function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return false;
    prev = cur;
  }
  return prev[b.length]! <= limit;
}

/**
 * Every comment in the trivia that starts at `pos` (the trivia a node at `pos` begins
 * with). TypeScript splits that trivia in two: comments on the line of the previous
 * token are its "trailing" comments, the ones after the first line break are the
 * next token's "leading" comments; a tag may sit in either.
 */
export function leadingComments(tsApi: typeof ts, text: string, pos: number): readonly ts.CommentRange[] {
  const sameLine = tsApi.getTrailingCommentRanges(text, pos) ?? [];
  const later = tsApi.getLeadingCommentRanges(text, pos) ?? [];
  return sameLine.length === 0 ? later : later.length === 0 ? sameLine : [...sameLine, ...later.filter((c) => !sameLine.some((s) => s.pos === c.pos))];
}

function isLiteralToken(tsApi: typeof ts, kind: ts.SyntaxKind): boolean {
  const k = tsApi.SyntaxKind;
  return (
    kind === k.StringLiteral ||
    kind === k.NoSubstitutionTemplateLiteral ||
    kind === k.TemplateHead ||
    kind === k.TemplateMiddle ||
    kind === k.TemplateTail ||
    kind === k.RegularExpressionLiteral ||
    kind === k.JsxText
  );
}

/**
 * Whether offset `pos` lies inside a comment of `sourceFile`. Descends to the
 * deepest node whose range holds `pos`; `pos` then lies between two of that node's
 * children, in a stretch that holds only the node's own punctuation and trivia, which
 * a raw scanner reads without the regular-expression and template ambiguities of a
 * full-file scan. Inside a string, template or regex literal it is never a comment.
 */
export function isInComment(tsApi: typeof ts, sourceFile: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = sourceFile;
  for (;;) {
    let next: ts.Node | undefined;
    tsApi.forEachChild(node, (child) => {
      if (child.pos <= pos && pos < child.end) {
        next = child;
        return true;
      }
      return undefined;
    });
    if (!next) break;
    node = next;
  }
  let from = node === sourceFile ? 0 : node.pos;
  let to = node.end;
  if (isLiteralToken(tsApi, node.kind)) {
    // Only the literal's leading trivia can hold a comment.
    return leadingComments(tsApi, sourceFile.text, node.pos).some((c) => c.pos <= pos && pos < c.end);
  }
  tsApi.forEachChild(node, (child) => {
    if (child.end <= pos && child.end > from) from = child.end;
    if (child.pos > pos && child.pos < to) to = child.pos;
    return undefined;
  });
  const scanner = tsApi.createScanner(sourceFile.languageVersion, false, sourceFile.languageVariant, sourceFile.text, undefined, from, to - from);
  for (let kind = scanner.scan(); kind !== tsApi.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenFullStart();
    if (start > pos) break;
    if (kind === tsApi.SyntaxKind.SingleLineCommentTrivia || kind === tsApi.SyntaxKind.MultiLineCommentTrivia) {
      if (pos < scanner.getTokenEnd()) return true;
    }
  }
  return false;
}
