/**
 * Random async function bodies for the differential fuzzer. A program is a small
 * tree ({@link Gen}) printed to TypeScript, so the shrinker (shrink.ts) can delete
 * statements, unwrap blocks and replace expressions by a constant.
 *
 * Every generated function has the parameters of {@link CASE_PARAMS} (the helpers of
 * harness.ts), declares `x0..x2` and `fs`, and wraps its body in
 * `try { … } finally { log.push("fs:" + fs.map((f) => f()).join()) }` so closures that
 * captured loop variables are observed on every exit. Loops are bounded by
 * construction (fixed trip counts), so no case can hang.
 */

/** A printable tree: `list` of statements, `node` = text interleaved with children, `leaf` = text. */
export type Gen =
  | { readonly k: "list"; readonly items: Gen[] }
  | { readonly k: "node"; readonly fmt: readonly string[]; readonly kids: Gen[]; readonly expr: boolean }
  | { readonly k: "leaf"; readonly text: string };

/** The features the generator can use. */
export const FEATURES = [
  "awaitReady", // await on a fired Deferred
  "awaitPending", // await on a Deferred fired later by the harness
  "awaitPlain", // await on a non-thenable
  "awaitPromise", // await on a native Promise
  "awaitRejected", // await on a failed Deferred (ready or pending)
  "binary", // a + await b, evaluation order
  "callArgs", // f(t(a), await b, t(c))
  "memberCall", // o.add(await x): receiver and this
  "logical", // a && await b, a || await b
  "nullish", // a ?? await b
  "conditional", // c ? await a : await b
  "template", // `${t(a)}${await b}`
  "objectLiteral", // ({ a: t(1), b: await x }).b
  "arrayLiteral", // [t(1), await x][1]
  "compoundAssign", // x0 += await v
  "comma", // (t(1), await x)
  "ifElse",
  "forLoop", // for (let i = …) with closures over i
  "forOf",
  "forOfAwaitHeader", // for (const v of [await x, …]): await in the iterable expression
  "doWhile",
  "whileLoop", // L: while (n < k) with the counter incremented first (a continue cannot skip it)
  "doubleLabel", // A: B: for (…): two labels on one loop, either one targeted
  "forAwait", // L: for await (const v of …) over an array or (with generatorIterable) an async generator
  "generatorIterable", // for-of / for await over a generator whose finally logs, so iterator closing is observed
  "loopHeadAwait", // awaits in a for's test and update and in while / do-while conditions (trip counts stay bounded)
  "forIn", // L: for (const k in { a: …, b: … }) with awaits in the object and the body
  "labeledBlock", // B: { … if (c) break B; … } (a break target that is not a loop)
  "unlabeledJump", // break; / continue; to the innermost loop or switch
  "labeledBreak",
  "labeledContinue",
  "switch",
  "switchAwaitCase", // case await x:
  "tryCatch",
  "tryFinally",
  "throw",
  "return",
  "returnInFinally",
  "breakInFinally",
  "closures", // fs.push(() => v) capturing a block-scoped const
  "forCapture", // fs.push(() => i) capturing a for-let loop variable (per-iteration binding)
  "forOfCapture", // fs.push(() => v) capturing a for-of loop variable
  "nestedAwait", // await (await x) / f(await g(await y))
] as const;

export type Feature = (typeof FEATURES)[number];

/**
 * Features switched off in `npm test`, each with the reason. The lead re-enables a
 * feature by deleting its line once the compiler core handles it (the fuzz test then
 * covers it with the same seed).
 */
export const DISABLED_FEATURES: Partial<Record<Feature, string>> = {};

/** Names of the helper parameters every generated function takes (see harness.ts). */
export const CASE_PARAMS = ["ready", "later", "bad", "laterBad", "promise", "log", "t", "sum", "o"] as const;

/** Deterministic 32-bit PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const leaf = (text: string): Gen => ({ k: "leaf", text });
const expr = (fmt: readonly string[], ...kids: Gen[]): Gen => ({ k: "node", fmt, kids, expr: true });
const stmt = (fmt: readonly string[], ...kids: Gen[]): Gen => ({ k: "node", fmt, kids, expr: false });
const list = (items: Gen[]): Gen => ({ k: "list", items });

/** Generates one function body from `random`, using only `enabled` features. */
export function generateBody(random: () => number, enabled: ReadonlySet<Feature>): Gen {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const on = (f: Feature) => enabled.has(f);
  let counter = 0;
  const fresh = (p: string) => `${p}${counter++}`;

  // > 0 while generating an expression that must not await (a disabled position).
  let noAwait = 0;
  const withoutAwait = (allowed: boolean, make: () => Gen): Gen => {
    if (allowed) return make();
    noAwait++;
    try {
      return make();
    } finally {
      noAwait--;
    }
  };

  /** An expression that awaits something (the heart of the fuzzer). */
  const awaited = (depth: number): Gen => {
    const kinds: (() => Gen)[] = [];
    if (noAwait > 0) return leaf(String(int(9)));
    const n = () => String(int(9));
    if (on("awaitReady")) kinds.push(() => expr(["await ready(", ")"], value(depth + 1)));
    if (on("awaitPending")) kinds.push(() => expr(["await later(", ")"], value(depth + 1)));
    if (on("awaitPlain")) kinds.push(() => expr(["await (", ")"], value(depth + 1)));
    if (on("awaitPromise")) kinds.push(() => expr(["await promise(", ")"], value(depth + 1)));
    if (on("awaitRejected")) kinds.push(() => leaf(`await bad(${n()})`), () => leaf(`await laterBad(${n()})`));
    if (on("nestedAwait") && depth < 3) kinds.push(() => expr(["await ready(await later(", "))"], value(depth + 1)));
    if (kinds.length === 0) return leaf(String(int(9)));
    return pick(kinds)();
  };

  /** A numeric expression, awaits inside in many positions. */
  const value = (depth: number): Gen => {
    if (depth > 1) return pick([leaf(String(int(9))), leaf(pick(["x0", "x1", "x2"]))]);
    const kinds: (() => Gen)[] = [
      () => leaf(String(int(9))),
      () => leaf(pick(["x0", "x1", "x2"])),
      () => awaited(depth),
      () => awaited(depth),
      () => expr(["t(" + JSON.stringify(fresh("e")) + ", ", ")"], value(depth + 1)),
    ];
    if (on("binary")) kinds.push(() => expr(["(", pick([" + ", " - ", " * "]), ")"], value(depth + 1), value(depth + 1)));
    if (on("callArgs")) kinds.push(() => expr(["sum(", ", ", ", ", ")"], value(depth + 1), value(depth + 1), value(depth + 1)));
    if (on("memberCall")) kinds.push(() => expr(["o.add(", ")"], value(depth + 1)));
    if (on("logical")) kinds.push(() => expr(["(", pick([" && ", " || "]), ")"], value(depth + 1), value(depth + 1)));
    if (on("nullish")) kinds.push(() => expr(["((", " > 4 ? null : ", ") ?? ", ")"], value(depth + 1), value(depth + 1), value(depth + 1)));
    if (on("conditional")) kinds.push(() => expr(["(", " > 3 ? ", " : ", ")"], value(depth + 1), value(depth + 1), value(depth + 1)));
    if (on("template")) kinds.push(() => expr(["`${", "}:${", "}`.length"], value(depth + 1), value(depth + 1)));
    if (on("objectLiteral")) kinds.push(() => expr(["({ a: ", ", b: ", " }).b"], value(depth + 1), value(depth + 1)));
    if (on("arrayLiteral")) kinds.push(() => expr(["[", ", ", "][1]"], value(depth + 1), value(depth + 1)));
    if (on("compoundAssign")) kinds.push(() => expr([`(${pick(["x0", "x1", "x2"])} ${pick(["+=", "-="])} `, ")"], value(depth + 1)));
    if (on("comma")) kinds.push(() => expr(["(t(" + JSON.stringify(fresh("c")) + ", 0), ", ")"], value(depth + 1)));
    return pick(kinds)();
  };

  interface Scope {
    loops: string[]; // labels of enclosing loops (innermost last)
    blocks: string[]; // labels of enclosing labeled blocks (break targets only)
    inLoop: boolean; // an unlabeled break/continue has a loop to go to
    inSwitch: boolean;
    inFinally: boolean;
  }

  const statements = (depth: number, scope: Scope, count: number): Gen => {
    const items: Gen[] = [];
    for (let i = 0; i < count; i++) items.push(statement(depth, scope));
    return list(items);
  };

  const cond = (depth: number): Gen => expr(["", pick([" > 3", " % 2 === 0", " < 5"])], value(depth + 2));

  const statement = (depth: number, scope: Scope): Gen => {
    const kinds: (() => Gen)[] = [
      () => stmt(["log.push(", ");"], value(0)),
      () => stmt([`${pick(["x0", "x1", "x2"])} = `, ";"], value(0)),
    ];
    const deeper = depth < 2;
    /** The label text in front of a loop and the labels its body may target. */
    const loopLabels = (label: string): [string, string[]] => {
      if (!on("doubleLabel") || random() >= 0.3) return [`${label}: `, [...scope.loops, label]];
      const outer = fresh("A");
      return [`${outer}: ${label}: `, [...scope.loops, outer, label]];
    };
    const body = (s: Scope) => statements(depth + 1, s, 1 + int(2));
    /** Text around two items: a (possibly async) generator call yielding them, logging when it is closed. */
    const generator = (isAsync: boolean): [string, string, string] => {
      const g = fresh("g");
      return [`(${isAsync ? "async " : ""}function* (a: any, b: any) {\ntry {\nyield a;\nyield b;\n} finally {\nlog.push(${JSON.stringify(g + " closed")});\n}\n})(`, ", ", ")"];
    };
    /** A loop bound: `k`, or `Math.min(k, <awaiting value>)` so the trip count stays at most k. */
    const bound = (k: number): Gen => (on("loopHeadAwait") && random() < 0.5 ? expr([`Math.min(${k}, `, ")"], value(1)) : leaf(String(k)));
    /** A for loop's update: `i++`, or one that also awaits (`i += 1 + 0 * <value>`). */
    const step = (i: string): Gen => (on("loopHeadAwait") && random() < 0.3 ? expr([`${i} += 1 + 0 * (`, ")"], value(1)) : leaf(`${i}++`));
    if (on("ifElse") && deeper) kinds.push(() => stmt(["if (", ") {\n", "} else {\n", "}"], cond(0), body(scope), body(scope)));
    if (on("forLoop") && deeper)
      kinds.push(() => {
        const label = fresh("L"), i = fresh("i");
        const capture = on("forCapture") ? `fs.push(() => ${i});\n` : "";
        const [text, loops] = loopLabels(label);
        return stmt([`${text}for (let ${i} = 0; ${i} < `, "; ", `) {\n${capture}`, "}"], bound(1 + int(3)), step(i), body({ ...scope, inLoop: true, loops }));
      });
    if (on("forOf") && deeper)
      kinds.push(() => {
        const label = fresh("L"), v = fresh("v");
        const capture = on("forOfCapture") ? `fs.push(() => ${v});\n` : "";
        const item = () => withoutAwait(on("forOfAwaitHeader"), () => value(1));
        const [text, loops] = loopLabels(label);
        const head = on("generatorIterable") && random() < 0.4 ? generator(false) : ["[", ", ", "]"];
        return stmt([`${text}for (const ${v} of ${head[0]}`, head[1]!, `${head[2]}) {\n${capture}`, "}"], item(), item(), body({ ...scope, inLoop: true, loops }));
      });
    if (on("forAwait") && deeper)
      kinds.push(() => {
        const label = fresh("L"), v = fresh("v");
        const capture = on("forOfCapture") ? `fs.push(() => ${v});\n` : "";
        const item = () => withoutAwait(on("forOfAwaitHeader"), () => value(1));
        const [text, loops] = loopLabels(label);
        const head = on("generatorIterable") && random() < 0.6 ? generator(true) : ["[", ", ", "]"];
        return stmt([`${text}for await (const ${v} of ${head[0]}`, head[1]!, `${head[2]}) {\n${capture}log.push(${v});\n`, "}"], item(), item(), body({ ...scope, inLoop: true, loops }));
      });
    if (on("forIn") && deeper)
      kinds.push(() => {
        const label = fresh("L"), k = fresh("k");
        const capture = on("forOfCapture") ? `fs.push(() => ${k});\n` : "";
        const item = () => withoutAwait(on("forOfAwaitHeader"), () => value(1));
        const [text, loops] = loopLabels(label);
        return stmt([`${text}for (const ${k} in { a: `, ", b: ", ` }) {\n${capture}log.push(${k});\n`, "}"], item(), item(), body({ ...scope, inLoop: true, loops }));
      });
    if (on("labeledBlock") && deeper)
      kinds.push(() => {
        const label = fresh("B");
        return stmt([`${label}: {\n`, "}"], body({ ...scope, blocks: [...scope.blocks, label] }));
      });
    if (on("doWhile") && deeper)
      kinds.push(() => {
        const label = fresh("L"), c = fresh("n");
        const [text, loops] = loopLabels(label);
        return stmt([`let ${c} = 0;\n${text}do {\n`, `} while (++${c} < `, ");"], body({ ...scope, inLoop: true, loops }), bound(1 + int(2)));
      });
    if (on("whileLoop") && deeper)
      kinds.push(() => {
        const label = fresh("L"), c = fresh("n");
        const [text, loops] = loopLabels(label);
        return stmt([`let ${c} = 0;\n${text}while (${c}++ < `, ") {\n", "}"], bound(1 + int(2)), body({ ...scope, inLoop: true, loops }));
      });
    if (on("closures")) kinds.push(() => { const v = fresh("k"); return stmt([`const ${v} = `, `;\nfs.push(() => ${v});`], value(0)); });
    if (scope.loops.length > 0) {
      const target = () => (random() < 0.5 ? scope.loops[scope.loops.length - 1]! : pick(scope.loops));
      if (on("labeledBreak") && (!scope.inFinally || on("breakInFinally"))) kinds.push(() => stmt(["if (", `) break ${target()};`], cond(0)));
      if (on("labeledContinue") && (!scope.inFinally || on("breakInFinally"))) kinds.push(() => stmt(["if (", `) continue ${target()};`], cond(0)));
    }
    const jumpsAllowed = !scope.inFinally || on("breakInFinally");
    if (on("labeledBlock") && scope.blocks.length > 0 && jumpsAllowed) kinds.push(() => stmt(["if (", `) break ${pick(scope.blocks)};`], cond(0)));
    if (on("unlabeledJump") && scope.inLoop && jumpsAllowed) kinds.push(() => stmt(["if (", `) ${pick(["break", "continue"])};`], cond(0)));
    if (on("switch") && deeper)
      kinds.push(() => {
        const s = { ...scope, inSwitch: true };
        const caseTest = on("switchAwaitCase") ? awaited(2) : leaf(String(int(3)));
        const brk = () => (random() < 0.6 ? "break;\n" : "");
        return stmt(["switch ((", ") % 3) {\ncase 0:\n", `${brk()}case `, ":\n", `${brk()}default:\n`, "}"], value(1), body(s), caseTest, body(s), body(s));
      });
    if (on("tryCatch") && deeper)
      kinds.push(() => stmt(["try {\n", "} catch (e) {\nlog.push(\"catch \" + (e as Error).message);\n", "}"], body(scope), body(scope)));
    if (on("tryFinally") && deeper)
      kinds.push(() => {
        const fin = { ...scope, inFinally: true };
        const withCatch = on("tryCatch") && random() < 0.5;
        return withCatch
          ? stmt(["try {\n", "} catch (e) {\nlog.push(\"catch \" + (e as Error).message);\n", "} finally {\nlog.push(\"finally\");\n", "}"], body(scope), body(scope), body(fin))
          : stmt(["try {\n", "} finally {\nlog.push(\"finally\");\n", "}"], body(scope), body(fin));
      });
    if (on("throw")) kinds.push(() => stmt(["if (", `) throw new Error(${JSON.stringify(fresh("E"))});`], cond(0)));
    if (on("return") && (!scope.inFinally || on("returnInFinally"))) kinds.push(() => stmt(["if (", ") return ", ";"], cond(0), value(1)));
    return pick(kinds)();
  };

  return statements(0, { loops: [], blocks: [], inLoop: false, inSwitch: false, inFinally: false }, 1 + int(4));
}

/** Prints a tree. */
export function print(g: Gen): string {
  if (g.k === "leaf") return g.text;
  if (g.k === "list") return g.items.map((s) => print(s) + "\n").join("");
  let out = g.fmt[0]!;
  for (let i = 0; i < g.kids.length; i++) out += print(g.kids[i]!) + g.fmt[i + 1]!;
  return out;
}

/** The source of one case function named `name` with body `body`. */
export function caseSource(name: string, body: Gen): string {
  return [
    `/** @deferredCoroutine */`,
    `async function ${name}(${CASE_PARAMS.map((p) => `${p}: any`).join(", ")}) {`,
    `let x0 = 1, x1 = 2, x2 = 3;`,
    `const fs: (() => unknown)[] = [];`,
    `try {`,
    print(body).trimEnd(),
    `return x0 + x1 + x2;`,
    `} finally {`,
    `log.push("fs:" + fs.map((f) => f()).join());`,
    `}`,
    `}`,
  ].join("\n");
}

/** The enabled features: all but {@link DISABLED_FEATURES} (unless in `reEnabled`) and `extraDisabled`. */
export function enabledFeatures(extraDisabled: readonly string[] = [], reEnabled: readonly string[] = []): Set<Feature> {
  return new Set(FEATURES.filter((f) => (!(f in DISABLED_FEATURES) || reEnabled.includes(f)) && !extraDisabled.includes(f)));
}

/** The body of case `index` of the run with `seed` (each case has its own PRNG, so any case can be replayed alone). */
export function caseBody(seed: number, index: number, enabled: ReadonlySet<Feature> = enabledFeatures()): Gen {
  return generateBody(rng((seed * 100_003 + index) >>> 0), enabled);
}
