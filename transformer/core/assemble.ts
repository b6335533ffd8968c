/**
 * Puts one coroutine together: the site constant, the step function and the
 * entry function that replaces the marked async function.
 *
 *   const crawl$site = rt.coSite("crawl", "spider.ts", 3);
 *   function crawl$step(f, $v, $e) { …states 1…n… }      // module level: one per coroutine
 *   function crawl(urls) {
 *     const f = { state: 0, step: crawl$step, site: crawl$site, d: null,
 *       waitingOn: null, ctx: null, urls: urls, page: undefined, $t0: undefined };
 *     …state 0, then `return crawl$step(f, $v, false) || f.d` (first-state.ts)…
 *   }
 *
 * The entry runs the first state itself, up to the first await, so a coroutine
 * calling coroutines takes one JS frame per level, and continues in the step:
 * a call site per coroutine, which V8 inlines, where a runtime function calling
 * every coroutine's step could not. The step returns the finished Deferred, or
 * undefined when it suspended; `f.d` was then created by coSuspend.
 *
 * The frame literal lists every field, so all frames of a coroutine share one
 * hidden class. When the body needs its lexical surroundings (`super`, private
 * names `#x`, variables of an enclosing function) the step is an arrow created
 * inside the entry function instead: correct, at the cost of one closure per call.
 */
import type * as ts from "typescript";
import { analyzeCoroutine } from "./analyze.js";
import type { CompileInput, CompileOutput, CoroutineNode } from "./compile.js";
import { Emitter, type LocalNames } from "./emitter.js";
import { explodeExpr, type ExprCtx } from "./explode-expression.js";
import { Exploder } from "./explode.js";
import { destructure } from "./explode-pattern.js";
import { optionalChain } from "./explode-chain.js";
import { addFastPath } from "./fast-loop.js";
import { promoteFastLocals } from "./fast-locals.js";
import { runFirstState } from "./first-state.js";
import { frameFields, runtimeNames, type RuntimeTable } from "./runtime-names.js";
import { Rewriter, stepCtx } from "./rewrite.js";
import { findRejections, capturesEnclosingScope, siteName } from "./scan.js";

export function assembleCoroutine(input: CompileInput): CompileOutput | undefined {
  const { ts: tsm, context, node } = input;
  const F = context.factory;
  let rejected = false;
  const reject = (n: ts.Node, code: string, message: string) => {
    rejected = true;
    input.report({ node: n, code, message });
  };
  if (!node.body) return undefined;
  findRejections(tsm, node, reject);
  if (rejected) return undefined;

  const an = analyzeCoroutine(tsm, node);
  const isArrow = tsm.isArrowFunction(node);
  const lexical = an.needsLexicalStep || capturesEnclosingScope(tsm, node, an.identifierTexts);
  const taken = new Set(an.identifierTexts);
  const localName = (base: string): string => {
    let n = base;
    for (let i = 1; taken.has(n); i++) n = `${base}${i}`;
    taken.add(n);
    return n;
  };
  const names: LocalNames = {
    frame: localName("f"),
    value: localName("$v"),
    isError: localName("$e"),
    caught: localName("$x"),
    loop: localName("$loop"),
    scratch: localName("$w"),
  };
  const table = runtimeTable(input);
  const base = siteName(tsm, node);
  const ident = base.replace(/[^A-Za-z0-9_$]/g, "_") || "coroutine";
  const siteId = input.uniqueName(`${ident}$site`);
  const em = new Emitter(tsm, context, input.runtime, table.table, names, [...frameFields, "self", "args", "nt", "$params"], siteId);
  // Frame fields of hoisted bindings: parameters first, then declaration order.
  const params = an.hoisted.filter((b) => b.kind === "param");
  for (const b of [...params, ...an.hoisted.filter((b) => b.kind !== "param")]) b.field = em.field(b.name, false);
  const envScopes = new Set(an.hoisted.filter((b) => b.inEnv).map((b) => b.scope));
  for (const s of envScopes) s.envField = em.field(localName("$env"));

  const rw = new Rewriter(tsm, em, an, lexical, isArrow, localName, reject);
  const c: ExprCtx = {
    tsm,
    em,
    an,
    rw,
    lexical,
    reject,
    destructure: (p, v) => destructure(c, p, v),
    optionalChain: (n) => optionalChain(c, n),
    fastLoop: (head, after) => addFastPath(em, head, after, localName),
  };
  const ex = new Exploder(c);

  // ---- state 0: parameters, function declarations, body ----
  const realParams = node.parameters.filter((p) => !(tsm.isIdentifier(p.name) && p.name.text === "this"));
  const simple = realParams.every((p) => tsm.isIdentifier(p.name) && !p.initializer);
  let entryParams: ts.ParameterDeclaration[] = [...node.parameters];
  let paramsSource: ts.Expression | undefined;
  if (!simple) {
    // Defaults and patterns are evaluated inside the step, so their errors fail the Deferred (TS #40410).
    let length = realParams.findIndex((p) => p.initializer !== undefined || p.dotDotDotToken !== undefined);
    if (length < 0) length = realParams.length;
    entryParams = realParams.slice(0, length).map((p, i) =>
      F.createParameterDeclaration(undefined, undefined, tsm.isIdentifier(p.name) ? p.name.text : localName(`$p${i}`)),
    );
    if (isArrow) {
      const rest = localName("$rest");
      paramsSource = F.createArrayLiteralExpression([...entryParams.map((p) => F.createIdentifier((p.name as ts.Identifier).text)), F.createSpreadElement(F.createIdentifier(rest))]);
      entryParams.push(F.createParameterDeclaration(undefined, F.createToken(tsm.SyntaxKind.DotDotDotToken), rest));
    } else paramsSource = F.createIdentifier("arguments");
    const targets = realParams.map((p) => {
      let t = rw.patternTarget(p.name, stepCtx);
      if (p.initializer) t = F.createAssignment(t, rw.expr(p.initializer));
      return p.dotDotDotToken ? F.createSpreadElement(t) : t;
    });
    em.site = node;
    em.emit(em.assign(F.createArrayLiteralExpression(targets), em.f("$params")), em.assign(em.f("$params"), F.createVoidZero()));
  }
  const body = node.body;
  if (tsm.isBlock(body)) {
    ex.enterScope(an.root, body.statements);
    ex.statements(body.statements);
    em.site = undefined;
    if (!em.endsAbruptly()) em.emit(...em.routeReturn(F.createVoidZero()));
  } else {
    em.site = body;
    em.emit(...em.routeReturn(explodeExpr(c, body)));
  }
  if (rejected) return undefined;

  // ---- step function ----
  // State 0 runs in the entry (first-state.ts); the step starts at state 1. A
  // body without an await has no other state: it never suspends, and needs no step.
  for (const loop of em.fastLoops) promoteFastLocals(em, loop, localName);
  const [first, ...rest] = em.finish();
  const strict = tsm.isBlock(body) && body.statements.some((s) => tsm.isExpressionStatement(s) && tsm.isStringLiteral(s.expression) && s.expression.text === "use strict");
  const stepBody = rest.length > 0 ? buildStepBody(em, rest, strict) : undefined;
  const stepParams = [names.frame, names.value, names.isError].map((n) => F.createParameterDeclaration(undefined, undefined, n));

  const line = input.sourceFile.getLineAndCharacterOfPosition(node.getStart(input.sourceFile)).line + 1;
  const file = input.sourceFile.fileName.split(/[\\/]/).pop() ?? input.sourceFile.fileName;
  const hoist: ts.Statement[] = [...table.declaration];
  hoist.push(
    F.createVariableStatement(
      undefined,
      F.createVariableDeclarationList(
        [F.createVariableDeclaration(siteId, undefined, undefined, F.createCallExpression(em.rt("coSite"), undefined, [F.createStringLiteral(base), F.createStringLiteral(file), F.createNumericLiteral(line)]))],
        tsm.NodeFlags.Const,
      ),
    ),
  );
  let stepRef: ts.Identifier | undefined;
  const entryPrefix: ts.Statement[] = [];
  if (stepBody === undefined) stepRef = undefined;
  else if (lexical) {
    const stepId = F.createIdentifier(localName("step"));
    const arrow = F.createArrowFunction(undefined, undefined, stepParams, undefined, F.createToken(tsm.SyntaxKind.EqualsGreaterThanToken), F.createBlock(stepBody, true));
    entryPrefix.push(F.createVariableStatement(undefined, F.createVariableDeclarationList([F.createVariableDeclaration(stepId, undefined, undefined, arrow)], tsm.NodeFlags.Const)));
    stepRef = stepId;
  } else {
    const stepId = input.uniqueName(`${ident}$step`);
    const stepFn = F.createFunctionDeclaration(undefined, undefined, stepId, undefined, stepParams, undefined, F.createBlock(stepBody, true));
    tsm.setSourceMapRange(stepFn, node);
    hoist.push(stepFn);
    stepRef = stepId;
  }

  // ---- frame literal and entry function ----
  // The entry's parameters are dead once the frame holds them, so the first
  // one, renamed, is `$v` in the entry instead of a local: the entry's
  // interpreter frame then has no more registers than a native async
  // function's (cold descent depth). Not when `arguments` is used (in sloppy
  // code it aliases the parameters), nor when an arrow's `$params` reads them.
  const slot = an.usesArguments || (isArrow && !simple) ? -1 : entryParams.findIndex((p) => tsm.isIdentifier(p.name) && p.name.text !== "this");
  const slotName = slot < 0 ? undefined : (entryParams[slot]!.name as ts.Identifier).text;
  if (slot >= 0) {
    const p = entryParams[slot]!;
    entryParams[slot] = F.updateParameterDeclaration(p, p.modifiers, p.dotDotDotToken, names.value, p.questionToken, p.type, p.initializer);
  }
  const start = runFirstState(em, first!.statements, stepRef, slot >= 0);
  const props: ts.PropertyAssignment[] = [
    F.createPropertyAssignment("state", F.createNumericLiteral(start.initialState)),
    F.createPropertyAssignment("step", stepRef ?? F.createNull()),
    F.createPropertyAssignment("site", siteId),
    F.createPropertyAssignment("d", F.createNull()),
    F.createPropertyAssignment("waitingOn", F.createNull()),
    F.createPropertyAssignment("ctx", F.createNull()),
  ];
  if (an.usesThis && !lexical) props.push(F.createPropertyAssignment("self", F.createThis()));
  if (an.usesArguments && !lexical) props.push(F.createPropertyAssignment("args", F.createIdentifier("arguments")));
  if (an.usesNewTarget && !lexical && isArrow)
    props.push(F.createPropertyAssignment("nt", F.createMetaProperty(tsm.SyntaxKind.NewKeyword, F.createIdentifier("target"))));
  if (paramsSource) props.push(F.createPropertyAssignment("$params", paramsSource));
  for (const b of params) props.push(F.createPropertyAssignment(b.field!, simple ? F.createIdentifier(b.name === slotName ? names.value : b.name) : F.createVoidZero()));
  for (const b of an.hoisted)
    if (b.kind !== "param" && !b.inEnv) props.push(F.createPropertyAssignment(b.field!, b.numeric ? F.createNumericLiteral(0) : F.createVoidZero()));
  for (const name of em.extraFields) props.push(F.createPropertyAssignment(name, F.createVoidZero()));
  const frame = F.createObjectLiteralExpression(props, true);
  const frameId = F.createIdentifier(names.frame);
  const declareFrame = F.createVariableStatement(undefined, F.createVariableDeclarationList([F.createVariableDeclaration(frameId, undefined, undefined, frame)], tsm.NodeFlags.Const));
  const entryBody = F.createBlock([...(strict ? [F.createExpressionStatement(F.createStringLiteral("use strict"))] : []), ...entryPrefix, declareFrame, ...start.statements], true);
  tsm.setSourceMapRange(entryBody, node.body);
  return { node: replaceFunction(tsm, F, node, entryParams, entryBody), hoist };
}

/**
 * The step's statements: the `switch (f.state)` over `cases` in a `for (;;)`,
 * inside the try/catch that routes exceptions by region (or fails the coroutine).
 */
function buildStepBody(em: Emitter, cases: ts.CaseClause[], strict: boolean): ts.Statement[] {
  const F = em.F;
  const names = em.names;
  const stateSwitch = F.createSwitchStatement(em.f("state"), F.createCaseBlock(cases));
  const caught = F.createIdentifier(names.caught);
  const forever = (s: ts.Statement) => {
    const loop = F.createForStatement(undefined, undefined, undefined, s);
    return em.usesLoopLabel ? F.createLabeledStatement(names.loop, loop) : loop;
  };
  let stepBody: ts.Statement[];
  if (em.regions.length > 0) {
    const loopBody = F.createBlock([F.createTryStatement(F.createBlock([stateSwitch]), F.createCatchClause(names.caught, F.createBlock(em.catchBody(caught))), undefined)]);
    stepBody = [forever(loopBody)];
  } else {
    const onThrow = [em.setState(-1), F.createReturnStatement(em.throwCall(caught))];
    stepBody = [F.createTryStatement(F.createBlock([forever(F.createBlock([stateSwitch]))]), F.createCatchClause(names.caught, F.createBlock(onThrow)), undefined)];
  }
  if (em.usesScratch) stepBody.unshift(F.createVariableStatement(undefined, [F.createVariableDeclaration(names.scratch)]));
  if (strict) stepBody.unshift(F.createExpressionStatement(F.createStringLiteral("use strict")));
  return stepBody;
}

/** Per emit and file: the module constants of the runtime names, once declared. */
const tables = new WeakMap<ts.TransformationContext, WeakMap<ts.SourceFile, RuntimeTable>>();

/**
 * The file's module constants for the runtime names compiled code uses on every
 * await and call: `const $Deferred = $dc.Deferred, $coThrow = $dc.coThrow, …`,
 * declared with the first coroutine of the file. Why not `$dc.coThrow`: the
 * runtime module's exports object has over a hundred properties, so V8 keeps it
 * in dictionary mode (and `__importStar` turns each export into a getter); a
 * load from it costs ~50 ns, several times the whole ready await. Why not one
 * object of them (`$rt.Deferred`): the extra load and map check in every
 * `instanceof` made a ready await ~20% slower (measured, docs/internals.md).
 */
function runtimeTable(input: CompileInput): { table: RuntimeTable; declaration: ts.Statement[] } {
  const F = input.context.factory;
  let perFile = tables.get(input.context);
  if (!perFile) tables.set(input.context, (perFile = new WeakMap()));
  const known = perFile.get(input.sourceFile);
  if (known) return { table: known, declaration: [] };
  const names = (Object.keys(runtimeNames) as (keyof typeof runtimeNames)[]).filter((n) => n !== "coSite") as (keyof RuntimeTable)[];
  const table = Object.fromEntries(names.map((n) => [n, input.uniqueName(`$${runtimeNames[n]}`)])) as RuntimeTable;
  perFile.set(input.sourceFile, table);
  const declarations = names.map((n) => F.createVariableDeclaration(table[n], undefined, undefined, F.createPropertyAccessExpression(input.runtime, runtimeNames[n])));
  const declaration = F.createVariableStatement(undefined, F.createVariableDeclarationList(declarations, input.ts.NodeFlags.Const));
  return { table, declaration: [declaration] };
}

function replaceFunction(tsm: typeof import("typescript"), F: ts.NodeFactory, node: CoroutineNode, params: ts.ParameterDeclaration[], body: ts.Block): CoroutineNode {
  const mods = node.modifiers?.filter((m) => m.kind !== tsm.SyntaxKind.AsyncKeyword);
  const plain = mods?.filter((m): m is ts.Modifier => !tsm.isDecorator(m));
  let out: CoroutineNode;
  if (tsm.isFunctionDeclaration(node)) out = F.updateFunctionDeclaration(node, plain, node.asteriskToken, node.name, node.typeParameters, params, node.type, body);
  else if (tsm.isFunctionExpression(node)) out = F.updateFunctionExpression(node, plain, node.asteriskToken, node.name, node.typeParameters, params, node.type, body);
  else if (tsm.isArrowFunction(node)) out = F.updateArrowFunction(node, plain, node.typeParameters, params, node.type, node.equalsGreaterThanToken, body);
  else out = F.updateMethodDeclaration(node, mods, node.asteriskToken, node.name, node.questionToken, node.typeParameters, params, node.type, body);
  return out;
}
