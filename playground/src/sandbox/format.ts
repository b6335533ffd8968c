// Renders console arguments inside the sandbox: values cannot cross postMessage
// as they are (functions, Deferreds, cycles), so each becomes a short preview string.
import type { ConsoleValue } from "../protocol.js";

const MAX_DEPTH = 3;
const MAX_ITEMS = 50;

function preview(v: unknown, depth: number, seen: Set<object>): string {
  if (typeof v === "string") return depth === 0 ? v : JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "function") return `[Function ${v.name || "(anonymous)"}]`;
  if (v === null || typeof v !== "object") return String(v);
  if (seen.has(v)) return "[Circular]";
  if (v instanceof Error) return v.stack && v.stack.includes(v.message) ? v.stack : `${v.name}: ${v.message}`;
  if (depth >= MAX_DEPTH) return Array.isArray(v) ? "[Array]" : "[Object]";
  seen.add(v);
  try {
    if (Array.isArray(v)) {
      const items = v.slice(0, MAX_ITEMS).map((x) => preview(x, depth + 1, seen));
      if (v.length > MAX_ITEMS) items.push(`… ${v.length - MAX_ITEMS} more`);
      return `[${items.join(", ")}]`;
    }
    if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, MAX_ITEMS).map(([k, x]) => `${preview(k, depth + 1, seen)} => ${preview(x, depth + 1, seen)}`).join(", ")}}`;
    if (v instanceof Set) return `Set(${v.size}) {${[...v].slice(0, MAX_ITEMS).map((x) => preview(x, depth + 1, seen)).join(", ")}}`;
    const ctor = (v as { constructor?: { name?: string } }).constructor?.name;
    const custom = describeSpecial(v);
    if (custom) return custom;
    const keys = Object.keys(v).slice(0, MAX_ITEMS);
    const body = keys.map((k) => `${k}: ${preview((v as Record<string, unknown>)[k], depth + 1, seen)}`).join(", ");
    return `${ctor && ctor !== "Object" ? ctor + " " : ""}{${body}}`;
  } catch (e) {
    return `[unprintable: ${String(e)}]`;
  } finally {
    seen.delete(v);
  }
}

/** Deferreds and Failures print as Twisted prints them: `<Deferred at #3 current result: 1>`. */
function describeSpecial(v: object): string | null {
  const ctor = (v as { constructor?: { name?: string } }).constructor?.name;
  if (ctor === "Deferred") {
    const d = v as { called?: boolean; result?: unknown; paused?: number | boolean };
    if (!d.called) return "<Deferred (pending)>";
    return `<Deferred current result: ${preview(d.result, MAX_DEPTH - 1, new Set())}>`;
  }
  if (ctor === "Failure") {
    const f = v as { getErrorMessage?: () => string; type?: { name?: string } };
    return `[Failure ${f.type?.name ?? ""}: ${f.getErrorMessage?.() ?? ""}]`;
  }
  return null;
}

/** One console argument as a kind plus its preview text. */
export function formatValue(v: unknown): ConsoleValue {
  const kind: ConsoleValue["kind"] =
    v === null ? "null" : v instanceof Error ? "error" : typeof v === "object" ? "object" : (["string", "number", "boolean", "undefined", "function"] as const).find((k) => k === typeof v) ?? "other";
  return { kind, text: preview(v, 0, new Set()) };
}
