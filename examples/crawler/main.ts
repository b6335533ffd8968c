/**
 * Example: a breadth-first crawler over a simulated network, run on the real
 * reactor with `react`, written the way a user of the transform writes it: `async`
 * functions whose doc comment carries the deferredCoroutine tag, which `tspc`
 * compiles into Deferred state machines through the plugin named in this
 * directory's tsconfig.json (`deferred-coroutine/transformer`). It prints, with
 * timestamps relative to the start, what these do:
 *
 * - coroutines: `await` a Deferred; its failure is thrown at the `await` and caught with `try`;
 * - `inlineCallbacks`: one level of the crawl as a Twisted-style generator, for contrast;
 * - `DeferredList`: each level's pages are fetched concurrently;
 * - `addTimeout`: a request slower than 0.5 s is cancelled and fails with `TimeoutError`;
 * - `race`: a mirrored page is requested from two mirrors, the slower request is cancelled;
 * - `cancel()`: a background coroutine is cancelled when the crawl is done; the
 *   Deferred it awaits is cancelled and the `CancelledError` is thrown at its `await`.
 *
 * Run it with `npm run example`.
 *
 * @module
 */
import {
  CancelledError,
  DeferredList,
  HostReactor,
  TimeoutError,
  ensureDeferred,
  inlineCallbacks,
  race,
  react,
  type DeferredListResult,
} from "deferred-coroutine";
import { HttpError, SimulatedNetwork, type Page, type Route } from "./network.js";

/** The site: latencies in seconds. */
const ROUTES: Record<string, Route> = {
  "/": { latency: 0.05, links: ["/docs", "/blog", "/about"] },
  "/docs": { latency: 0.1, links: ["/docs/api", "/docs/guide", "/"] },
  "/blog": { latency: 0.15, links: ["/blog/2024", "/blog/slow"] },
  "/about": { latency: 0.02, status: 404 },
  "/docs/guide": { latency: 0.08, links: ["/docs/api"] },
  "/blog/2024": { latency: 0.04, links: [] },
  "/blog/slow": { latency: 5, links: [] },
  "mirror-a/docs/api": { latency: 0.09, links: [] },
  "mirror-b/docs/api": { latency: 0.03, links: ["/docs"] },
  "/sitemap.xml": { latency: 3, links: [] },
};

/** Pages served by mirrors instead of the origin. */
const MIRRORS: Record<string, string[]> = { "/docs/api": ["mirror-a", "mirror-b"] };

/** Requests slower than this many seconds are cancelled. */
const TIMEOUT = 0.5;

/**
 * Crawls the site from "/" and logs every step. The returned value is typed
 * `Promise<void>` (a compiled coroutine returns a Deferred, which is a structural
 * Promise); `react` waits for it and stops the reactor when it fires.
 *
 * @deferredCoroutine
 */
async function main(reactor: HostReactor): Promise<void> {
  const start = reactor.seconds();
  const say = (line: string): void => {
    console.log(`[${(reactor.seconds() - start).toFixed(3)}s] ${line}`);
  };
  const network = new SimulatedNetwork(reactor, ROUTES, say);

  const describe = (error: unknown): string => {
    if (error instanceof TimeoutError) return `timed out after ${TIMEOUT} s`;
    if (error instanceof HttpError) return `HTTP ${error.status}`;
    return String(error);
  };

  /**
   * One page, from the fastest mirror if it has mirrors. A request slower than
   * TIMEOUT is cancelled by `addTimeout` and fails with `TimeoutError`.
   *
   * @deferredCoroutine
   */
  async function fetchPage(url: string): Promise<Page> {
    const mirrors = MIRRORS[url];
    if (mirrors === undefined) return await network.get(url).addTimeout(TIMEOUT, reactor);
    // `race` fires with the first page and cancels the other request.
    const [index, page] = await race(mirrors.map((m) => network.get(m + url))).addTimeout(TIMEOUT, reactor);
    say(`GET ${url}: ${mirrors[index]} answered first`);
    return { ...page, url };
  }

  /**
   * Fetches `url` and logs the outcome as it arrives. A failed request is thrown at
   * the `await` as its error (an `HttpError`, a `TimeoutError`), as in any async function.
   *
   * @deferredCoroutine
   */
  async function visit(url: string): Promise<Page> {
    try {
      const page = await fetchPage(url);
      say(`GET ${url} -> 200, ${page.links.length} link(s)`);
      return page;
    } catch (e) {
      say(`GET ${url} -> ${describe(e)}`);
      throw e;
    }
  }

  // The same kind of code as a Twisted `inlineCallbacks` generator, for contrast:
  // `yield` instead of `await`, and the value of a `yield` is untyped, hence the cast.
  // Both styles produce Deferreds, so each can wait for the other.
  const fetchLevel = inlineCallbacks(function* (urls: string[]) {
    const requests = urls.map((url) => visit(url));
    return (yield new DeferredList(requests, { consumeErrors: true })) as DeferredListResult<Page>[];
  });

  /** @deferredCoroutine */
  async function crawl(root: string): Promise<{ pages: number; failures: number }> {
    const seen = new Set([root]);
    let level = [root];
    let pages = 0;
    let failures = 0;
    for (let depth = 0; level.length > 0; depth++) {
      say(`level ${depth}: fetching ${level.join(" ")}`);
      const results = await fetchLevel(level);
      const next: string[] = [];
      let ok = 0;
      for (const [success, result] of results) {
        if (!success) continue;
        ok++;
        for (const link of result.links) {
          if (!seen.has(link)) {
            seen.add(link);
            next.push(link);
          }
        }
      }
      pages += ok;
      failures += results.length - ok;
      say(`level ${depth} done: ${ok} ok, ${results.length - ok} failed`);
      level = next;
    }
    return { pages, failures };
  }

  /**
   * A slow background request nobody waits for. Cancelling this coroutine's
   * Deferred cancels the Deferred it is suspended on, and the `CancelledError` is
   * thrown at that `await`, where the coroutine catches it.
   *
   * @deferredCoroutine
   */
  async function prefetchSitemap(): Promise<void> {
    try {
      const page = await network.get("/sitemap.xml");
      say(`sitemap: ${page.links.length} link(s)`);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      say("sitemap request cancelled: the crawl finished first");
    }
  }

  say("crawl start");
  // ensureDeferred gives the coroutine's Deferred (the very object the compiled
  // function returned) with its Deferred type, for `cancel()`.
  const sitemap = ensureDeferred(prefetchSitemap());
  const { pages, failures } = await crawl("/");
  sitemap.cancel();
  say(`crawl done: ${pages} pages, ${failures} failed`);
}

react(main);
