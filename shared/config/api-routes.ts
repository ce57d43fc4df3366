/**
 * The REST API's routes, all GET: one list from which the query router
 * answers, the CDK stack declares API Gateway resources and methods, and the
 * local runtime matches requests, so the three cannot drift apart. The
 * OpenAPI document is tested against the router, and so against this list.
 */

/** Parameters every paginated route accepts. */
export const PAGE_PARAMETERS = ["limit", "cursor"] as const;

/** The filters GET /meetings and GET /stats share. */
export const MEETING_FILTER_PARAMETERS = [
  "region",
  "type",
  "from",
  "to",
  "person",
  "kind",
  "includeDuplicates",
] as const;

/**
 * GET /regions: a part of a region's name to match, and the filters but
 * `region` (the answer offers the regions to choose from).
 */
export const REGION_QUERY_PARAMETERS = ["name", "type", "from", "to", "person", "kind", "includeDuplicates"] as const;

/** Every query parameter GET /meetings accepts. */
export const MEETING_QUERY_PARAMETERS = [...MEETING_FILTER_PARAMETERS, ...PAGE_PARAMETERS] as const;

export const API_ROUTES = [
  { path: "/meetings", queryParameters: MEETING_QUERY_PARAMETERS },
  { path: "/meetings/{id}", queryParameters: [] },
  { path: "/people/{name}", queryParameters: PAGE_PARAMETERS },
  { path: "/stats", queryParameters: MEETING_FILTER_PARAMETERS },
  { path: "/regions", queryParameters: REGION_QUERY_PARAMETERS },
  { path: "/openapi.json", queryParameters: [] },
] as const;

/** The methods every route answers; any other is a 405 naming these in `Allow`. */
export const ALLOWED_METHODS = "GET, OPTIONS";

/** The answers to a path no route has, and to a method a route does not take (API Gateway and locally alike). */
export const UNKNOWN_ROUTE_ERROR = {
  code: "not_found",
  message: "no such route; the API is described at /openapi.json",
};
export const METHOD_NOT_ALLOWED_ERROR = {
  code: "method_not_allowed",
  message: "this route answers GET and OPTIONS only",
};

export type ApiPath = (typeof API_ROUTES)[number]["path"];

/** The `{name}` segments of a route's path, e.g. ["id"] for /meetings/{id}. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");
}
