import { API_ROUTES } from "../../shared/config/api-routes";
import { WEB_METHODS, WEB_ROUTES, type WebFunctionName } from "../../shared/config/web-routes";

/**
 * The REST API's resources (shared/config/api-routes.ts, which the stack
 * declares too), matched the way API Gateway matches them: a literal path or
 * one `{param}` per segment, GET only. Like a REST API's proxy integration,
 * parameter values are passed on as they appear in the URL, still percent-encoded.
 */

export interface RouteMatch {
  resource: string;
  pathParameters: Record<string, string> | null;
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = splitPath(path);
  if (!segments) return undefined;
  if (method !== "GET") return undefined;
  for (const route of API_ROUTES) {
    const parameters = matchSegments(splitPath(route.path) ?? [], segments);
    if (parameters) {
      return { resource: route.path, pathParameters: Object.keys(parameters).length > 0 ? parameters : null };
    }
  }
  return undefined;
}

/** A web route (GET or HEAD) and the function that serves it, as the stack declares them. */
export interface WebRouteMatch extends RouteMatch {
  function: WebFunctionName;
}

export function matchWebRoute(method: string, path: string): WebRouteMatch | undefined {
  if (!(WEB_METHODS as readonly string[]).includes(method)) return undefined;
  const segments = splitPath(path);
  if (!segments) return undefined;
  for (const route of WEB_ROUTES) {
    const parameters = matchSegments(splitPath(route.path) ?? [], segments);
    if (parameters) {
      const pathParameters = Object.keys(parameters).length > 0 ? parameters : null;
      return { resource: route.path, pathParameters, function: route.function };
    }
  }
  return undefined;
}

function splitPath(path: string): string[] | undefined {
  const trimmed = path.replace(/^\/+/, "").replace(/\/+$/, "");
  return trimmed === "" ? [] : trimmed.split("/");
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? "";
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) {
      if (segment === "") return undefined;
      parameters[name] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return parameters;
}
