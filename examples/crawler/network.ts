/**
 * A simulated network for the crawler example: every request takes a fixed
 * latency, scheduled with `reactor.callLater`, and can be cancelled (which
 * cancels the pending timed call, so nothing keeps running).
 *
 * @module
 */
import { Deferred, type IReactorTime } from "deferred-coroutine";

/** A fetched page. */
export interface Page {
  url: string;
  links: string[];
}

/** What the simulated server knows about one URL. */
export interface Route {
  /** Seconds until the response arrives. */
  latency: number;
  /** Links on the page; absent for an error response. */
  links?: string[];
  /** HTTP status of an error response. */
  status?: number;
}

/** An HTTP error response. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${status} for ${url}`);
  }
}

/** Serves `routes` with their latencies on `clock`. */
export class SimulatedNetwork {
  constructor(
    private readonly clock: IReactorTime,
    private readonly routes: Record<string, Route>,
    private readonly say: (line: string) => void,
  ) {}

  /**
   * Requests `url`. The Deferred fires with the page after the route's latency,
   * or fails with an {@link HttpError} (404 for unknown URLs). Cancelling it
   * drops the request: the timed call is cancelled and the Deferred fails with
   * `CancelledError`.
   */
  get(url: string): Deferred<Page> {
    const route = this.routes[url] ?? { latency: 0.01, status: 404 };
    const d = new Deferred<Page>(() => {
      this.say(`cancel GET ${url}`);
      call.cancel();
    });
    const call = this.clock.callLater(route.latency, () => {
      if (route.links !== undefined) d.callback({ url, links: route.links });
      else d.errback(new HttpError(url, route.status ?? 500));
    });
    return d;
  }
}
