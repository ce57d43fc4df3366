import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import type { Duplex, Writable } from "node:stream";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { ALLOWED_METHODS, METHOD_NOT_ALLOWED_ERROR, UNKNOWN_ROUTE_ERROR } from "../../shared/config/api-routes";
import { WEB_METHOD_NOT_ALLOWED, type WebFunctionName } from "../../shared/config/web-routes";
import { apiGatewayProxyEvent, type HttpRequestParts } from "./api-gateway-event";
import { matchRoute, matchWebRoute, type WebRouteMatch } from "./api-routes";
import type { ListeningServer } from "./listen-on-loopback";
import { EncodedConnection } from "./raw-utf8-request-line";
import { streamedResponse } from "./streamed-response";

/** A streaming web function (shared/web/streaming-function.ts): the proxy event and the stream to answer on. */
export type StreamingInvoke = (event: APIGatewayProxyEvent, stream: Writable) => Promise<void>;

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
  /**
   * The web functions, each serving the routes shared/config/web-routes.ts gives it, as in AWS:
   * the pages' and the downloads', invoked with the proxy event and a stream (response transfer mode STREAM).
   */
  web?: Record<WebFunctionName, StreamingInvoke>;
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
    const webRoute = options.web ? matchWebRoute(method, path) : undefined;
    if (options.web && webRoute) {
      await sendStreamed(options, options.web[webRoute.function], requestParts(options, req, body), webRoute, res);
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
  const event = apiGatewayProxyEvent(requestParts(options, req, body), route);
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

function requestParts(options: ApiGatewayServerOptions, req: IncomingMessage, body: Buffer): HttpRequestParts {
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    body,
    sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
    stage: options.stage,
    region: options.region,
  };
}

/**
 * A web route's function, invoked as API Gateway invokes it with response streaming: the status
 * and headers when the function has written them, then the body as it writes it. A function that
 * fails before its status is the gateway's 502; after it, the connection is cut, so a client sees
 * a broken download, never a short file that looks whole.
 */
async function sendStreamed(
  options: ApiGatewayServerOptions,
  invoke: StreamingInvoke,
  request: HttpRequestParts,
  route: WebRouteMatch,
  res: ServerResponse,
): Promise<void> {
  try {
    await invoke(apiGatewayProxyEvent(request, route), streamedResponse(res));
    if (!res.headersSent) throw new Error(`${route.function} ended without a response`);
  } catch (error) {
    options.onError?.(error);
    sendGatewayResponse(res, GATEWAY_RESPONSES.functionError);
  }
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
