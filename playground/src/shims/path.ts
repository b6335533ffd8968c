// Minimal POSIX `path` for the browser bundles: enough for ESLint's and
// typescript-eslint's handling of one virtual file ("/input.ts").
export const sep = "/";
export const delimiter = ":";
export function normalize(p: string): string {
  const abs = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return (abs ? "/" : "") + out.join("/") || (abs ? "/" : ".");
}
export function join(...parts: string[]): string {
  return normalize(parts.filter(Boolean).join("/"));
}
export function resolve(...parts: string[]): string {
  let p = "";
  for (const part of parts) p = part.startsWith("/") ? part : p + "/" + part;
  return normalize(p.startsWith("/") ? p : "/" + p);
}
export function isAbsolute(p: string): boolean {
  return p.startsWith("/");
}
export function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? (i === 0 ? "/" : ".") : p.slice(0, i);
}
export function basename(p: string, ext?: string): string {
  const b = p.slice(p.lastIndexOf("/") + 1);
  return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b;
}
export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf(".");
  return i <= 0 ? "" : b.slice(i);
}
export function relative(from: string, to: string): string {
  const a = resolve(from).split("/").filter(Boolean);
  const b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}
export function parse(p: string) {
  const base = basename(p);
  const ext = extname(p);
  return { root: p.startsWith("/") ? "/" : "", dir: dirname(p), base, ext, name: ext ? base.slice(0, -ext.length) : base };
}
export function toNamespacedPath(p: string): string {
  return p;
}
export const posix = { sep, delimiter, normalize, join, resolve, isAbsolute, dirname, basename, extname, relative, parse, toNamespacedPath };
export const win32 = posix;
export default { ...posix, posix, win32 };
