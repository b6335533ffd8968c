// Share links: the playground state as JSON, deflated with fflate and encoded as
// base64url in the URL hash (`#s=…`). Links in the TypeScript Playground's format
// (`#code/<lz-string>`) are read too. Everything decoded is validated field by
// field: a crafted link can only ever produce a well-typed state, and the page
// renders it as text, never as markup.
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { defaultSettings, type PlaygroundState, type Settings, type TabName } from "./protocol.js";
import { decompressFromEncodedURIComponent } from "./lz-string.js";

const TABS: readonly TabName[] = ["output", "problems", "console", "timeline"];
const MAX_CODE = 200_000;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The hash (without "#") that encodes `state`. */
export function encodeState(state: PlaygroundState): string {
  const json = JSON.stringify({ c: state.code, s: state.settings, t: state.tab, k: state.clock });
  return "s=" + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Coerce untrusted data into a valid state; unknown or ill-typed fields take defaults. */
export function sanitizeState(raw: unknown): PlaygroundState | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.c !== "string" || r.c.length > MAX_CODE) return null;
  const s = (r.s && typeof r.s === "object" ? r.s : {}) as Record<string, unknown>;
  const settings: Settings = {
    target: pick(s.target, ["ES2017", "ES2022"] as const, defaultSettings.target),
    lint: pick(s.lint, ["recommended", "recommended-type-checked", "strict", "off"] as const, defaultSettings.lint),
    clock: pick(s.clock, ["real", "virtual"] as const, defaultSettings.clock),
  };
  const clock = typeof r.k === "number" && Number.isFinite(r.k) && r.k >= 0 && r.k <= 1e6 ? r.k : 0;
  return { code: r.c, settings, tab: pick(r.t, TABS, "output"), clock };
}

/**
 * The state in a location hash ("#s=…" or TypeScript Playground's "#code/…"),
 * or null when the hash holds none or cannot be decoded.
 */
export function decodeHash(hash: string): PlaygroundState | null {
  const h = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    if (h.startsWith("s=")) return sanitizeState(JSON.parse(strFromU8(inflateSync(fromBase64Url(h.slice(2))))));
    if (h.startsWith("code/")) {
      const code = decompressFromEncodedURIComponent(h.slice(5));
      return code === null ? null : sanitizeState({ c: code });
    }
  } catch {
    return null;
  }
  return null;
}

const DRAFT_KEY = "deferred-coroutine-playground:draft";

/** Save the draft (best effort: storage may be full or disabled). */
export function saveDraft(state: PlaygroundState): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ c: state.code, s: state.settings, t: state.tab, k: state.clock }));
  } catch {}
}

export function loadDraft(): PlaygroundState | null {
  try {
    const text = localStorage.getItem(DRAFT_KEY);
    return text ? sanitizeState(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}
