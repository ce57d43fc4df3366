import type { APIGatewayProxyEvent } from "aws-lambda";

/** A request's page path (as the routes name it) and the base path the pages are served under. */
export interface RequestPaths {
  /** the path within the API, e.g. "/meeting/rec_…" (segments may be percent-encoded) */
  path: string;
  /** what comes before it in the browser's URL: "" or e.g. "/prod", never ending in "/" */
  basePath: string;
}

const segments = (path: string) => path.split("/").filter((part) => part !== "");

/**
 * Splits the URL path the browser asked for into the base path and the page
 * path. API Gateway (REST, Lambda proxy) gives the full URL path in
 * `requestContext.path`: on the execute-api URL "/prod/meeting/x" (stage
 * first) with `path` "/meeting/x"; on a custom domain `path` equals
 * `requestContext.path` and both carry the base path mapping
 * ("/docket/meeting/x"), or nothing for a mapping at the root. The matched
 * resource ("/meeting/{id}") has as many segments as the page path, so the
 * segments before them are the base path, whichever way the host is reached
 * and however a segment is encoded. Without a request context (the local
 * server, which serves from the root) the base path is empty.
 */
export function requestPaths(
  event: Pick<APIGatewayProxyEvent, "path" | "resource"> & {
    requestContext?: Partial<Pick<APIGatewayProxyEvent["requestContext"], "path">> | null;
  },
): RequestPaths {
  const full = event.requestContext?.path;
  if (!full || !event.resource) return { path: event.path, basePath: "" };
  const parts = segments(full);
  const pageLength = segments(event.resource).length;
  if (parts.length < pageLength) return { path: event.path, basePath: "" };
  const base = parts.slice(0, parts.length - pageLength);
  return {
    path: `/${parts.slice(parts.length - pageLength).join("/")}`,
    basePath: base.length === 0 ? "" : `/${base.join("/")}`,
  };
}
