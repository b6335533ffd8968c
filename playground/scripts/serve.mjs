#!/usr/bin/env node
// Serves the built playground (playground/dist) on 127.0.0.1 only.
// Usage: node playground/scripts/serve.mjs [port]   (PORT env or 5173; 0 = any free port)
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".map": "application/json",
};

/**
 * Serve `dir` on 127.0.0.1:`port`. Resolves with the server and its URL once listening.
 * Paths outside `dir` are refused (404), as are methods other than GET/HEAD (405).
 */
export function serve(dir, port = 0) {
  const root = normalize(dir).replace(/[\\/]+$/, "");
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = normalize(join(root, path.endsWith("/") ? path + "index.html" : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      // Vite names assets by content hash: they never change, so the browser may
      // keep them (and V8 its compiled code for them) forever. index.html is revalidated.
      "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const dist = fileURLToPath(new URL("../dist/", import.meta.url));
  try {
    statSync(join(dist, "index.html"));
  } catch {
    console.error("playground/dist is missing: run `npm run build:playground` first.");
    process.exit(1);
  }
  const port = Number(process.argv[2] ?? process.env.PORT ?? 5173);
  const { url } = await serve(dist, port);
  console.log(`Playground: ${url}`);
}
