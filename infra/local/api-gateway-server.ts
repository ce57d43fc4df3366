import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { ALLOWED_METHODS, METHOD_NOT_ALLOWED_ERROR, UNKNOWN_ROUTE_ERROR } from "../../shared/config/api-routes";
import { WEB_METHOD_NOT_ALLOWED } from "../../shared/config/web-routes";
import type { WebApp } from "../../shared/web/web-request";
import { apiGatewayProxyEvent } from "./api-gateway-event";
import { matchRoute, matchWebRoute } from "./api-routes";
import type { ListeningServer } from "./listen-on-loopback";
import { EncodedConnection } from "./raw-utf8-request-line";

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
  /** the web app's pages (shared/config/web-routes.ts), streamed as they render */
  web?: WebApp;
  onError?: (error: unknown) => void;
}

export type ApiGatewayServer = ListeningServer;

/**
 * API Gateway's own answers (no route; the function failed), in the shape the
 * stack's gateway responses give them (infra/constructs/query-api.ts:
 * {"error":{"code":"$context.error.responseType","message":…}}).
 */
const GATEWAY_RESPONSES = {
  missingRoute: { statusCode: 404, ...UNKNOWN_ROUTE_ERROR },
  wrongMethod: { statusCode: 405, ...METHOD_NOT_ALLOWED_ERROR, allow: ALLOWED_METHODS },
  wrongWebMethod: { statusCode: 405, ...WEB_METHOD_NOT_ALLOWED.error, allow: WEB_METHOD_NOT_ALLOWED.allow },
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
  server.on("clientError", answerMalformedRequest);
  return listenAcceptingRawUtf8(server, options.host, options.port);
}

/**
 * A request Node cannot parse (headers too large, a broken request line) is
 * answered in the gateway's JSON error shape, not Node's bare status line, so
 * a client can read what went wrong.
 */
function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    error: tooLarge
      ? { code: "REQUEST_TOO_LARGE", message: "the request line and headers exceed the size limit" }
      : { code: "BAD_REQUEST", message: "the request is not valid HTTP" },
  });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Listens through a plain TCP server whose connections reach the HTTP
 * server through EncodedConnection, so raw UTF-8 in a URL is accepted as
 * API Gateway accepts it.
 */
async function listenAcceptingRawUtf8(server: http.Server, host: string, port: number): Promise<ListeningServer> {
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    server.emit("connection", new EncodedConnection(socket));
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(port, host, () => resolve());
  });
  const { port: bound } = front.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
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
    if (options.web && matchWebRoute(method, path)) {
      await sendWebPage(options.web, req, res);
      return;
    }
    const answer = matchRoute("GET", path)
      ? GATEWAY_RESPONSES.wrongMethod
      : options.web && matchWebRoute("GET", path)
        ? GATEWAY_RESPONSES.wrongWebMethod
        : GATEWAY_RESPONSES.missingRoute;
    sendGatewayResponse(res, answer);
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
  response: { statusCode: number; code: string; message: string; allow?: string },
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
    ...(response.allow ? { allow: response.allow } : {}),
  });
  res.end(body);
}

/** A web page, or a download written chunk by chunk as the API's pages arrive. */
async function sendWebPage(web: WebApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://placeholder");
  const response = await web({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams });
  const headers = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  if (typeof response.body === "string") {
    res.writeHead(response.status, { ...headers, "content-length": Buffer.byteLength(response.body) });
    res.end(req.method === "HEAD" ? undefined : response.body);
    return;
  }
  res.writeHead(response.status, headers);
  try {
    for await (const chunk of response.body) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
    }
    res.end();
  } catch {
    // Headers are gone: cutting the connection is how a client learns the download failed.
    res.destroy();
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
