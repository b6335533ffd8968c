import type { TSESTree } from "@typescript-eslint/utils";
import { createRule } from "../util/create-rule.js";
import { enclosingFunction, isChainCallback, isCoroutineFunction } from "../util/coroutine.js";
import { calleeName, dottedName, skipTypeWrappers } from "../util/imports.js";

export interface NoBlockingCallOptions {
  /** More blocking calls: a plain name matches any call of that name, a dotted one (`db.querySync`) the whole callee. */
  blockingCalls?: string[];
  /** Names (plain or dotted, as in `blockingCalls`) to accept even though the default list has them. */
  allow?: string[];
}

type MessageIds = "blockingCall";

const FS = [
  "accessSync", "appendFileSync", "chmodSync", "chownSync", "closeSync", "copyFileSync", "cpSync", "existsSync",
  "fstatSync", "fsyncSync", "ftruncateSync", "linkSync", "lstatSync", "mkdirSync", "mkdtempSync", "openSync",
  "opendirSync", "readFileSync", "readSync", "readdirSync", "readlinkSync", "realpathSync", "renameSync", "rmSync",
  "rmdirSync", "statSync", "symlinkSync", "truncateSync", "unlinkSync", "utimesSync", "writeFileSync", "writeSync",
];
const CHILD_PROCESS = ["execSync", "execFileSync", "spawnSync"];
const ZLIB = [
  "brotliCompressSync", "brotliDecompressSync", "deflateRawSync", "deflateSync", "gunzipSync", "gzipSync",
  "inflateRawSync", "inflateSync", "unzipSync",
];
const CRYPTO = ["pbkdf2Sync", "scryptSync", "generateKeyPairSync", "generateKeySync", "generatePrimeSync"];

/** The default list, each name with the asynchronous replacement the message suggests. */
const DEFAULT_BLOCKING = new Map<string, string>([
  ...FS.map((name): [string, string] => [name, `\`${name.replace(/Sync$/, "")}\` from "node:fs/promises"`]),
  ...CHILD_PROCESS.map((name): [string, string] => [name, "`execFile`/`spawn` from \"node:child_process\" with a callback or a Deferred"]),
  ...ZLIB.map((name): [string, string] => [name, `the callback form \`${name.replace(/Sync$/, "")}\` of "node:zlib"`]),
  ...CRYPTO.map((name): [string, string] => [name, `the callback form \`${name.replace(/Sync$/, "")}\` of "node:crypto"`]),
  ["Atomics.wait", "`Atomics.waitAsync`"],
]);

function matches(pattern: string, dotted: string | undefined, last: string | undefined): boolean {
  return pattern.includes(".") ? pattern === dotted : pattern === last;
}

export default createRule<MessageIds, [NoBlockingCallOptions]>({
  name: "no-blocking-call-in-coroutine",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow blocking calls inside coroutines and Deferred callbacks.",
      requiresTypeChecking: false,
    },
    messages: {
      blockingCall:
        "`{{name}}` blocks the whole event loop while it runs: every other coroutine, callLater and timeout waits for it. " +
        "Use {{instead}}, or move the work to a worker thread.",
    },
    schema: [
      {
        type: "object",
        properties: {
          blockingCalls: {
            type: "array",
            description: "More blocking calls (plain or dotted names).",
            items: { type: "string" },
          },
          allow: {
            type: "array",
            description: "Calls of the default list to accept.",
            items: { type: "string" },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ blockingCalls: [], allow: [] }],
  create(context, [options]) {
    const patterns = new Map<string, string>(DEFAULT_BLOCKING);
    for (const name of options.blockingCalls) patterns.set(name, "an asynchronous API");
    for (const name of options.allow) patterns.delete(name);
    const lastNames = new Set([...patterns.keys()].map((pattern) => pattern.slice(pattern.lastIndexOf(".") + 1)));

    return {
      CallExpression(call: TSESTree.CallExpression) {
        const callee = skipTypeWrappers(call.callee);
        const last = calleeName(callee);
        // Cheap test first: this runs on every call of every file.
        if (last === undefined || !lastNames.has(last)) return;
        const dotted = dottedName(callee);
        let instead: string | undefined;
        for (const [pattern, replacement] of patterns) {
          if (matches(pattern, dotted, last)) instead = replacement;
        }
        if (instead === undefined) return;
        const fn = enclosingFunction(call);
        if (!fn || !(isCoroutineFunction(context, fn) || isChainCallback(fn))) return;
        context.report({ node: call, messageId: "blockingCall", data: { name: dotted ?? last, instead } });
      },
    };
  },
});
