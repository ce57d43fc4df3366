/**
 * The functions behind the web routes. A download streams for up to minutes,
 * so it runs in a function of its own (functions/download) with its own
 * reserved concurrency and timeout: however many run, they cannot take the
 * slots the pages' function (functions/web, a short timeout) answers from.
 */
export const WEB_FUNCTIONS = ["web", "download"] as const;
export type WebFunctionName = (typeof WEB_FUNCTIONS)[number];

/**
 * The web app's pages (shared/web), served without an API key beside the
 * API's routes, each by the function it names: the CDK stack declares them
 * as API Gateway resources integrated with that function, and the local
 * runtime sends them to the same function. Paths are disjoint from the
 * API's (singular /meeting/{id} is a page, plural /meetings/{id} the JSON).
 * Downloads are throttled apart from the pages (infra/constructs/query-api.ts).
 */
export const WEB_ROUTES = [
  { path: "/", function: "web" },
  { path: "/meeting/{id}", function: "web" },
  { path: "/person/{name}", function: "web" },
  { path: "/download/meetings.csv", function: "download" },
  { path: "/download/meetings.jsonl", function: "download" },
] as const satisfies readonly { path: string; function: WebFunctionName }[];

export type WebRoute = (typeof WEB_ROUTES)[number];

/** The methods every web route answers, in AWS as locally: HEAD is GET without the body. */
export const WEB_METHODS = ["GET", "HEAD"] as const;

/** The answer to another method on a web page's path, from API Gateway in AWS and the local server alike. */
export const WEB_METHOD_NOT_ALLOWED = {
  allow: WEB_METHODS.join(", "),
  error: { code: "method_not_allowed", message: "this page answers GET and HEAD only" },
} as const;
