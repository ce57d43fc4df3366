import { html } from "./html";
import { page } from "./layout";
import { type ApiAnswer, apiError } from "./query-api";
import type { SitePaths } from "./site-paths";
import type { WebResponse } from "./web-request";

/** Pages carry no script at all; styles are inline. */
export const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
} as const;

const HTML_TYPE = "text/html; charset=utf-8";

export function htmlResponse(status: number, body: string, headers: Record<string, string> = {}): WebResponse {
  return { status, headers: { ...SECURITY_HEADERS, "Content-Type": HTML_TYPE, ...headers }, body };
}

export function messagePage(paths: SitePaths, status: number, title: string, message: string): WebResponse {
  return htmlResponse(
    status,
    page(title, html`<h1>${title}</h1><p>${message}</p><p><a href="${paths.list()}">返回会议列表</a></p>`, paths),
  );
}

/** An answer the page cannot use: a 404 page for a missing record, else the API's failure. */
export function failure(paths: SitePaths, answer: ApiAnswer): WebResponse {
  const message = apiError(answer)?.message ?? `HTTP ${answer.status}`;
  if (answer.status === 404 || answer.status === 400) return messagePage(paths, 404, "未找到", message);
  if (answer.status === 503 || answer.status === 429) return messagePage(paths, 503, "服务繁忙", "请稍后再试。");
  return messagePage(paths, 502, "服务暂时不可用", "查询服务出错，请稍后再试。");
}

/** The answer to a method other than GET and HEAD (API Gateway answers those itself; the app, when called directly). */
export function methodNotAllowed(paths: SitePaths): WebResponse {
  return { ...messagePage(paths, 405, "不支持的请求方法", "本站只接受 GET。"), headers: { Allow: "GET, HEAD" } };
}
