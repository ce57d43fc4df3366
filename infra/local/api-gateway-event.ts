import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { APIGatewayProxyEvent } from "aws-lambda";
import type { RouteMatch } from "./api-routes";

/** What API Gateway (REST, Lambda proxy integration) hands the function for one request. */
export interface HttpRequestParts {
  method: string;
  /** The raw request target: path and query string, still encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  stage: string;
  region: string;
}

export function apiGatewayProxyEvent(request: HttpRequestParts, route: RouteMatch): APIGatewayProxyEvent {
  const url = new URL(request.url, "http://placeholder");
  // REST proxy events carry the path as requested (percent-encoded), like the path parameters.
  const path = url.pathname;
  const { single: headers, multi: multiValueHeaders } = headerMaps(request.rawHeaders);
  const { single: query, multi: multiQuery } = queryMaps(url.searchParams);
  const now = new Date();
  const body = request.body.length > 0 ? request.body.toString("utf8") : null;
  const userAgent = request.headers["user-agent"] ?? null;

  return {
    resource: route.resource,
    path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiQuery,
    pathParameters: route.pathParameters,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      resourceId: route.resource,
      resourcePath: route.resource,
      httpMethod: request.method,
      // The local server serves from the root, as a custom domain mapped at its root: the full path is the
      // path, with no stage in it (on the execute-api URL it would be /{stage}/…; shared/web/request-paths.ts).
      path,
      stage: request.stage,
      requestId: randomUUID(),
      extendedRequestId: randomUUID(),
      requestTime: formatRequestTime(now),
      requestTimeEpoch: now.getTime(),
      protocol: "HTTP/1.1",
      domainName: request.headers.host ?? "localhost",
      domainPrefix: "localhost",
      authorizer: null,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: typeof userAgent === "string" ? userAgent : null,
        userArn: null,
      },
    },
  };
}

/** API Gateway keeps the last value in `headers` and all of them in `multiValueHeaders`. */
function headerMaps(rawHeaders: string[]) {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? "";
    const value = rawHeaders[i + 1] ?? "";
    single[name] = value;
    const values = multi[name] ?? [];
    values.push(value);
    multi[name] = values;
  }
  return { single, multi };
}

/** Both maps are null, not empty, when there is no query string. */
function queryMaps(params: URLSearchParams) {
  if ([...params.keys()].length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of params) {
    single[name] = value;
    const values = multi[name] ?? [];
    values.push(value);
    multi[name] = values;
  }
  return { single, multi };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** API Gateway's format: 09/Apr/2015:12:34:56 +0000 */
function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
