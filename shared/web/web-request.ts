/** A request to one of the web functions (shared/config/web-routes.ts), and its answer. */
export interface WebRequest {
  method: string;
  /** the page's path within the site, as the routes name it (segments may be percent-encoded) */
  path: string;
  query: URLSearchParams;
  /** where the site is in the browser's URL, prefixed to every link ("/prod" at a stage URL); none: the root */
  basePath?: string;
  /** milliseconds left before the function is cut off (Lambda's remaining time); none: no time bound */
  timeLeft?: () => number;
}

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  /** a page, or a download's chunks as they are read from the API */
  body: string | AsyncIterable<string>;
}

export type WebApp = (request: WebRequest) => Promise<WebResponse>;
