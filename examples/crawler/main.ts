/**
 * Example: a breadth-first crawler over a simulated network, run on the real
 * reactor with `react`. It shows, with timestamps relative to the start:
 *
 * - `inlineCallbacks`: the crawl is a generator that yields Deferreds;
 * - `DeferredList`: each level's pages are fetched concurrently;
 * - `addTimeout`: a request slower than 0.5 s is cancelled and fails with `TimeoutError`;
 * - `race`: a mirrored page is requested from two mirrors, the slower request is cancelled;
 * - `cancel()`: a background request is cancelled explicitly when the crawl is done.
 *
 * Run it with `npm run example`. (In your own project, import from
 * "deferred-coroutine" instead of the relative path.)
 *
 * @module
 */
import {
  CancelledError,
  Deferred,
  DeferredList,
  Failure,
  HostReactor,
  TimeoutError,
  inlineCallbacks,
  race,
  react,
  type DeferredListResult,
} from "../../runtime/index.js";
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

function main(reactor: HostReactor): Deferred<void> {
  const start = reactor.seconds();
  const say = (line: string): void => {
    console.log(`[${(reactor.seconds() - start).toFixed(3)}s] ${line}`);
  };
  const network = new SimulatedNetwork(reactor, ROUTES, say);

  /** One page, from the fastest mirror if it has mirrors, with a timeout. */
  const fetchPage = (url: string): Deferred<Page> => {
    const mirrors = MIRRORS[url];
    const request =
      mirrors === undefined
        ? network.get(url)
        : race(mirrors.map((m) => network.get(m + url))).addCallback(([index, page]: [number, Page]) => {
            say(`GET ${url}: ${mirrors[index]} answered first`);
            return { ...page, url };
          });
    return request.addTimeout(TIMEOUT, reactor);
  };

  const describe = (failure: Failure): string => {
    if (failure.check(TimeoutError)) return `timed out after ${TIMEOUT} s`;
    if (failure.check(HttpError)) return `HTTP ${(failure.value as HttpError).status}`;
    return failure.getErrorMessage();
  };

  const crawl = inlineCallbacks(function* (root: string) {
    const seen = new Set([root]);
    let level = [root];
    let pages = 0;
    let failures = 0;
    for (let depth = 0; level.length > 0; depth++) {
      say(`level ${depth}: fetching ${level.join(" ")}`);
      // Log each outcome as it arrives; the failure is passed on (returned) so
      // that the DeferredList records it.
      const requests = level.map((url) =>
        fetchPage(url).addCallbacks(
          (page: Page) => {
            say(`GET ${url} -> 200, ${page.links.length} link(s)`);
            return page;
          },
          (failure: Failure) => {
            say(`GET ${url} -> ${describe(failure)}`);
            return failure;
          },
        ) as Deferred<Page>,
      );
      const results = (yield new DeferredList<Page>(requests, { consumeErrors: true })) as DeferredListResult<Page>[];
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
  });

  say("crawl start");
  // A slow background request nobody will wait for: cancelled when the crawl ends.
  const sitemap = network.get("/sitemap.xml").addErrback((failure: Failure) => {
    failure.trap(CancelledError);
    say("sitemap request cancelled: the crawl finished first");
  });
  return crawl("/").addCallback(({ pages, failures }: { pages: number; failures: number }) => {
    sitemap.cancel();
    say(`crawl done: ${pages} pages, ${failures} failed`);
  });
}

react(main);
