import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { html } from "./html";
import { page } from "./layout";
import { requestPaths } from "./request-paths";
import { type SitePaths, sitePaths } from "./site-paths";
import type { WebApp, WebRequest, WebResponse } from "./web-request";

/**
 * A web function (the pages' or the downloads') as a streaming Lambda behind API Gateway (REST, response
 * transfer mode STREAM): status and headers first, then the page, or a
 * download's chunks as the API's pages are read, with backpressure. So a
 * download is bounded by its own row and time limits (export-rows.ts), not
 * by a response size, and the function holds one API page at a time, as the
 * local server does (infra/local/api-gateway-server.ts).
 */

/** What API Gateway takes before a streamed body: the proxy response without `body`. */
export interface HttpResponseMetadata {
  statusCode: number;
  headers: Record<string, string>;
}

/** Lambda's `awslambda.HttpResponseStream.from`: writes the metadata, returns the stream for the body. */
export type OpenHttpResponse = (stream: Writable, metadata: HttpResponseMetadata) => Writable;

/**
 * The documented wire format of a streamed Lambda proxy response (metadata
 * JSON, eight NUL bytes, then the body), for running the handler outside
 * Lambda, where the runtime's HttpResponseStream is absent.
 */
export const writeResponsePrelude: OpenHttpResponse = (stream, metadata) => {
  stream.write(`${JSON.stringify(metadata)}\0\0\0\0\0\0\0\0`);
  return stream;
};

/** The web app's request from a REST proxy event: the page path and the base path the site is served under. */
export function webRequestOf(
  event: Pick<
    APIGatewayProxyEvent,
    "httpMethod" | "path" | "resource" | "multiValueQueryStringParameters" | "queryStringParameters"
  > & { requestContext?: Partial<Pick<APIGatewayProxyEvent["requestContext"], "path">> | null },
  context?: Pick<Context, "getRemainingTimeInMillis">,
): WebRequest {
  const query = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) {
    for (const [name, values] of Object.entries(multi)) for (const value of values ?? []) query.append(name, value);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {}))
      if (value !== undefined) query.append(name, value);
  }
  const { path, basePath } = requestPaths(event);
  return {
    method: event.httpMethod,
    path,
    query,
    basePath,
    ...(context ? { timeLeft: () => context.getRemainingTimeInMillis() } : {}),
  };
}

const errorPage = (paths: SitePaths): WebResponse => ({
  status: 500,
  headers: { "Content-Type": "text/html; charset=utf-8" },
  body: page("出错了", html`<h1>出错了</h1><p>服务暂时不可用，请稍后再试。</p>`, paths),
});

export type WebStreamHandler = (
  event: APIGatewayProxyEvent,
  responseStream: Writable,
  context?: Pick<Context, "getRemainingTimeInMillis">,
) => Promise<void>;

export function webStreamHandler(app: WebApp, logger: Pick<Logger, "error">, open: OpenHttpResponse): WebStreamHandler {
  return async (event, responseStream, context) => {
    const request = webRequestOf(event, context);
    let response: WebResponse;
    try {
      response = await app(request);
    } catch (error) {
      logger.error("web request failed", { error, path: event.path });
      response = errorPage(sitePaths(request.basePath));
    }
    const body = open(responseStream, { statusCode: response.status, headers: response.headers });
    const chunks = request.method === "HEAD" ? [] : typeof response.body === "string" ? [response.body] : response.body;
    try {
      await pipeline(Readable.from(chunks), body);
    } catch (error) {
      // The status is sent: failing the invocation cuts the stream, so the client sees a broken
      // download, never a short file that looks whole.
      logger.error("web response failed part way", { error, path: event.path });
      throw error;
    }
  };
}
