/**
 * The web app's pages (shared/web), served without an API key beside the
 * API's routes: the CDK stack declares them as API Gateway resources, and
 * the local runtime sends them to the web app. Paths are disjoint from the
 * API's (singular /meeting/{id} is a page, plural /meetings/{id} the JSON).
 */
export const WEB_ROUTES = [
  { path: "/" },
  { path: "/meeting/{id}" },
  { path: "/person/{name}" },
  { path: "/download/meetings.csv" },
  { path: "/download/meetings.jsonl" },
] as const;
