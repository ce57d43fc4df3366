import {
  DOWNLOAD_MAX_ROWS,
  DOWNLOAD_TIME_RESERVE_MS,
  EXPORT_FORMATS,
  type ExportFormat,
  exportChunks,
  type ListPage,
} from "./export-rows";
import { readFilters } from "./meeting-filters";
import { failure, messagePage, methodNotAllowed, SECURITY_HEADERS } from "./message-page";
import { apiError, type QueryApi } from "./query-api";
import { type SitePaths, sitePaths } from "./site-paths";
import type { WebApp, WebRequest, WebResponse } from "./web-request";

/** Rows read from the API a page. */
const EXPORT_PAGE = 100;

/**
 * A download of the list under the request's filters, from its `cursor`
 * when given (the link a cut-short download ends with), bounded by
 * DOWNLOAD_MAX_ROWS and the function's remaining time (export-rows.ts).
 */
async function download(
  api: QueryApi,
  paths: SitePaths,
  request: WebRequest,
  format: ExportFormat,
): Promise<WebResponse> {
  const filters = readFilters(request.query);
  const fetchPage = async (cursor: string | undefined, limit: number) =>
    api("/meetings", { ...filters, limit: String(limit), cursor });
  const first = await fetchPage(request.query.get("cursor") ?? undefined, Math.min(EXPORT_PAGE, DOWNLOAD_MAX_ROWS));
  if (first.status === 400) return messagePage(paths, 400, "筛选条件有误", apiError(first)?.message ?? "");
  if (first.status !== 200) return failure(paths, first);
  const nextPage = async (cursor: string, limit = EXPORT_PAGE): Promise<ListPage> => {
    const answer = await fetchPage(cursor, limit);
    if (answer.status !== 200) throw new Error(apiError(answer)?.message ?? `HTTP ${answer.status}`);
    return answer.body as ListPage;
  };
  const { contentType, extension } = EXPORT_FORMATS[format];
  const limits = {
    maxRows: DOWNLOAD_MAX_ROWS,
    pageSize: EXPORT_PAGE,
    reserveMs: DOWNLOAD_TIME_RESERVE_MS,
    continueAt: (cursor: string) => paths.download(format, { ...filters, cursor }),
    ...(request.timeLeft ? { timeLeft: request.timeLeft } : {}),
  };
  return {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="docket-meetings.${extension}"`,
    },
    body: exportChunks(format, first.body as ListPage, nextPage, limits),
  };
}

/**
 * The downloads of the meetings list (CSV with a BOM, JSON Lines): the
 * download function's routes of shared/config/web-routes.ts. Apart from the
 * pages (web-app.ts), so the function that streams them for minutes bundles
 * none of the page rendering.
 */
export function createDownloadApp(api: QueryApi): WebApp {
  return async (request) => {
    const paths = sitePaths(request.basePath);
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed(paths);
    const format = /^\/download\/meetings\.(csv|jsonl)\/*$/.exec(request.path)?.[1] as ExportFormat | undefined;
    if (format) return download(api, paths, request, format);
    return messagePage(paths, 404, "未找到", `没有这个下载：${request.path}`);
  };
}
