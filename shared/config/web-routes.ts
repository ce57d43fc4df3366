/**
 * The web app's pages (shared/web), served without an API key beside the
 * API's routes: the CDK stack declares them as API Gateway resources, and
 * the local runtime sends them to the web app. Paths are disjoint from the
 * API's (singular /meeting/{id} is a page, plural /meetings/{id} the JSON).
 * Downloads are throttled apart from the pages (infra/constructs/query-api.ts).
 */
export const WEB_ROUTES = [
  { path: "/", download: false },
  { path: "/meeting/{id}", download: false },
  { path: "/person/{name}", download: false },
  { path: "/download/meetings.csv", download: true },
  { path: "/download/meetings.jsonl", download: true },
] as const;

/** The methods every web route answers, in AWS as locally: HEAD is GET without the body. */
export const WEB_METHODS = ["GET", "HEAD"] as const;

/** The answer to another method on a web page's path, from API Gateway in AWS and the local server alike. */
export const WEB_METHOD_NOT_ALLOWED = {
  allow: WEB_METHODS.join(", "),
  error: { code: "method_not_allowed", message: "this page answers GET and HEAD only" },
} as const;
