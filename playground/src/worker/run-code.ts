// Turns (transformed or plain) TypeScript into the CommonJS program the sandbox
// runs: `import` becomes `require` (the sandbox's `require` knows one module,
// "deferred-coroutine"), every loop body starts with `__dcTick()` (the runaway-loop
// guard), and for the timeline every `await x` becomes
// `__tl.after(id, await __tl.before(id, x, line))` so both lanes count the
// microtasks each await takes in exactly the same way.
import ts from "typescript";
import { composeMaps } from "../source-map.js";
import type { RawSourceMap, RunnableCode } from "../protocol.js";

function isLoop(node: ts.Node): node is ts.IterationStatement {
  return ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** Inserts `__dcTick();` as the first statement of every loop body. */
const loopGuard: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const f = context.factory;
  const visit = (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit, context);
    if (!isLoop(visited)) return visited;
    const tick = f.createExpressionStatement(f.createCallExpression(f.createIdentifier("__dcTick"), undefined, []));
    const body = visited.statement;
    const statements = ts.isBlock(body) ? [tick, ...body.statements] : [tick, body];
    const block = f.createBlock(statements, true);
    if (ts.isForStatement(visited)) return f.updateForStatement(visited, visited.initializer, visited.condition, visited.incrementor, block);
    if (ts.isForInStatement(visited)) return f.updateForInStatement(visited, visited.initializer, visited.expression, block);
    if (ts.isForOfStatement(visited)) return f.updateForOfStatement(visited, visited.awaitModifier, visited.initializer, visited.expression, block);
    if (ts.isWhileStatement(visited)) return f.updateWhileStatement(visited, visited.expression, block);
    return f.updateDoStatement(visited as ts.DoStatement, block, (visited as ts.DoStatement).expression);
  };
  return (sf) => ts.visitNode(sf, visit) as ts.SourceFile;
};

/**
 * Compile `code` to the sandbox's CommonJS. `inputMap` maps `code` back to the
 * user's source (the transform's map); the result's map is composed with it.
 */
export function toRunnable(code: string, target: ts.ScriptTarget, inputMap: RawSourceMap | null, fileName = "input.ts"): RunnableCode {
  const out = ts.transpileModule(code, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target,
      sourceMap: true,
      esModuleInterop: true,
      experimentalDecorators: false,
      removeComments: false,
    },
    transformers: { after: [loopGuard] },
  });
  const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, "");
  const ownMap = out.sourceMapText ? (JSON.parse(out.sourceMapText) as RawSourceMap) : null;
  const map = ownMap && inputMap ? composeMaps(ownMap, inputMap) : ownMap;
  return { code: js, map };
}

/**
 * Rewrites every `await x` of `code` to report to the timeline probe, keeping every
 * line where it was (edits only insert text on the await's own line).
 */
export function probeAwaits(code: string): string {
  const sf = ts.createSourceFile("input.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { at: number; text: string }[] = [];
  let id = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isAwaitExpression(node)) {
      const n = ++id;
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      // Outer wrapper opens before `await`; inner wrapper around the operand.
      edits.push({ at: node.getStart(sf), text: `__tl.after(${n}, ` });
      edits.push({ at: node.expression.getStart(sf), text: `__tl.before(${n}, ${line}, ` });
      edits.push({ at: node.end, text: `))` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // Apply from the end so earlier offsets stay valid. At one offset the edit pushed
  // later is applied first, so the one pushed earlier (the outer await's) ends up first.
  const order = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  let text = code;
  for (const e of order) text = text.slice(0, e.at) + e.text + text.slice(e.at);
  return text;
}
