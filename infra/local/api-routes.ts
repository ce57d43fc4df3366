/**
 * The REST API's resources and methods, as infra/constructs/query-api.ts
 * declares them, matched the way API Gateway matches them: a literal path or
 * one `{param}` per segment. Like a REST API's proxy integration, parameter
 * values are passed on as they appear in the URL, still percent-encoded.
 */
export const API_ROUTES = [
  { resource: "/meetings", methods: ["GET"] },
  { resource: "/meetings/{id}", methods: ["GET"] },
  { resource: "/people/{name}", methods: ["GET"] },
  { resource: "/openapi.json", methods: ["GET"] },
] as const;

export interface RouteMatch {
  resource: string;
  pathParameters: Record<string, string> | null;
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = splitPath(path);
  if (!segments) return undefined;
  for (const route of API_ROUTES) {
    if (!(route.methods as readonly string[]).includes(method)) continue;
    const parameters = matchSegments(splitPath(route.resource) ?? [], segments);
    if (parameters) {
      return { resource: route.resource, pathParameters: Object.keys(parameters).length > 0 ? parameters : null };
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
