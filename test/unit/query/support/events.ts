import type { APIGatewayEventRequestContext, APIGatewayProxyEvent } from "aws-lambda";

/** A REST proxy event as API Gateway sends it (query parameters decoded, in both maps). */
export function apiEvent(
  method: string,
  path: string,
  query: Record<string, string | string[]> = {},
): APIGatewayProxyEvent {
  const entries = Object.entries(query);
  const multi = Object.fromEntries(entries.map(([name, value]) => [name, Array.isArray(value) ? value : [value]]));
  const single = Object.fromEntries(
    entries.map(([name, value]) => [name, Array.isArray(value) ? (value.at(-1) ?? "") : value]),
  );
  return {
    httpMethod: method,
    path,
    resource: "/{proxy+}",
    pathParameters: { proxy: path.slice(1) },
    queryStringParameters: entries.length > 0 ? single : null,
    multiValueQueryStringParameters: entries.length > 0 ? multi : null,
    headers: {},
    multiValueHeaders: {},
    body: null,
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: { stage: "test", httpMethod: method, path: `/test${path}` } as APIGatewayEventRequestContext,
  };
}

export const get = (path: string, query: Record<string, string | string[]> = {}) => apiEvent("GET", path, query);
