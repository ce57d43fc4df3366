import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { apiGatewayProxyEvent } from "./api-gateway-event";
import { matchRoute } from "./api-routes";
import { type ListeningServer, listen } from "./listen-on-loopback";

/**
 * API Gateway (REST, Lambda proxy integration) played locally: each request
 * becomes a proxy event for the query function and its result becomes the
 * HTTP response. Locally there is no API key or usage plan.
 */
export interface ApiGatewayServerOptions {
  host: string;
  port: number;
  stage: string;
  region: string;
  invoke: (event: APIGatewayProxyEvent) => Promise<unknown>;
  onError?: (error: unknown) => void;
}

export type ApiGatewayServer = ListeningServer;

/**
 * API Gateway's own answers (no route; the function failed), in the shape the
 * stack's gateway responses give them (infra/constructs/query-api.ts:
 * {"error":{"code":"$context.error.responseType","message":…}}).
 */
const GATEWAY_RESPONSES = {
  missingRoute: { statusCode: 403, code: "MISSING_AUTHENTICATION_TOKEN", message: "Missing Authentication Token" },
  functionError: { statusCode: 502, code: "DEFAULT_5XX", message: "Internal server error" },
} as const;

/** The stack's CORS preflight (defaultCorsPreflightOptions) for local browsers. */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET,OPTIONS",
  "access-control-allow-headers":
    "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent",
} as const;

export async function startApiGatewayServer(options: ApiGatewayServerOptions): Promise<ApiGatewayServer> {
  const server = http.createServer((req, res) => {
    readBody(req)
      .then((body) => handle(options, req, body, res))
      .catch((error: unknown) => {
        options.onError?.(error);
        sendGatewayResponse(res, GATEWAY_RESPONSES.functionError);
      });
  });
  return listen(server, options.host, options.port);
}

async function handle(options: ApiGatewayServerOptions, req: IncomingMessage, body: Buffer, res: ServerResponse) {
  const method = req.method ?? "GET";
  const path = new URL(req.url ?? "/", "http://placeholder").pathname;
  if (method === "OPTIONS" && matchRoute("GET", path)) {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return;
  }
  const route = matchRoute(method, path);
  if (!route) {
    sendGatewayResponse(res, GATEWAY_RESPONSES.missingRoute);
    return;
  }
  const event = apiGatewayProxyEvent(
    {
      method,
      url: req.url ?? "/",
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
      stage: options.stage,
      region: options.region,
    },
    route,
  );
  let result: unknown;
  try {
    result = await options.invoke(event);
  } catch (error) {
    options.onError?.(error);
    sendGatewayResponse(res, GATEWAY_RESPONSES.functionError);
    return;
  }
  if (!isProxyResult(result)) {
    options.onError?.(new Error(`malformed Lambda proxy response: ${JSON.stringify(result)?.slice(0, 200)}`));
    sendGatewayResponse(res, GATEWAY_RESPONSES.functionError);
    return;
  }
  sendProxyResult(res, result);
}

function isProxyResult(value: unknown): value is APIGatewayProxyResult {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<APIGatewayProxyResult>;
  return Number.isInteger(candidate.statusCode) && (candidate.body === undefined || typeof candidate.body === "string");
}

function sendProxyResult(res: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.map(String);
  }
  const body = result.isBase64Encoded
    ? Buffer.from(result.body ?? "", "base64")
    : Buffer.from(result.body ?? "", "utf8");
  headers["content-length"] = String(body.length);
  res.writeHead(result.statusCode, headers);
  res.end(body);
}

function sendGatewayResponse(
  res: ServerResponse,
  response: { statusCode: number; code: string; message: string },
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code: response.code, message: response.message } });
  res.writeHead(response.statusCode, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "access-control-allow-origin": CORS_HEADERS["access-control-allow-origin"],
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
