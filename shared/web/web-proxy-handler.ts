import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { html } from "./html";
import { page } from "./layout";
import type { WebApp, WebRequest } from "./web-app";

/**
 * A Lambda behind API Gateway (REST proxy) answers in one piece, at most
 * 6 MB: a download is gathered page by page up to this bound, and a larger
 * result asks for a narrower filter or `docket export`, which streams any size.
 */
export const MAX_BUFFERED_BYTES = 5_000_000;

export function webRequestOf(
  event: Pick<
    APIGatewayProxyEvent,
    "httpMethod" | "path" | "multiValueQueryStringParameters" | "queryStringParameters"
  >,
): WebRequest {
  const query = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) {
    for (const [name, values] of Object.entries(multi)) for (const value of values ?? []) query.append(name, value);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {}))
      if (value !== undefined) query.append(name, value);
  }
  return { method: event.httpMethod, path: event.path, query };
}

function tooLarge(): APIGatewayProxyResult {
  return {
    statusCode: 413,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    body: page(
      "结果过大",
      html`<h1>结果过大</h1><p>这个筛选结果超过了在线下载的上限（${MAX_BUFFERED_BYTES / 1_000_000} MB）。请缩小日期范围或地区，或者用命令行 <code>docket export</code> 下载完整结果。</p><p><a href="/">返回会议列表</a></p>`,
    ),
  };
}

export function webProxyHandler(
  app: WebApp,
  logger: Pick<Logger, "error">,
  maxBytes = MAX_BUFFERED_BYTES,
): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    try {
      const request = webRequestOf(event);
      const response = await app(request);
      let body = "";
      if (typeof response.body === "string") body = response.body;
      else {
        let bytes = 0;
        for await (const chunk of response.body) {
          bytes += Buffer.byteLength(chunk);
          if (bytes > maxBytes) return tooLarge();
          body += chunk;
        }
      }
      return { statusCode: response.status, headers: response.headers, body: request.method === "HEAD" ? "" : body };
    } catch (error) {
      logger.error("web request failed", { error, path: event.path });
      return {
        statusCode: 500,
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: page("出错了", html`<h1>出错了</h1><p>服务暂时不可用，请稍后再试。</p>`),
      };
    }
  };
}
