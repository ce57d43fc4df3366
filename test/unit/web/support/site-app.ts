import { matchWebRoute } from "../../../../infra/local/api-routes";
import { createDownloadApp } from "../../../../shared/web/download-app";
import type { QueryApi } from "../../../../shared/web/query-api";
import { createWebApp } from "../../../../shared/web/web-app";
import type { WebApp } from "../../../../shared/web/web-request";

/**
 * The whole site as a browser meets it: each request to the app of the
 * function its route names (shared/config/web-routes.ts), pages to the web
 * function's, downloads to the download function's; an unknown path to the
 * pages' (whose 404 page a test may look at).
 */
export function siteApp(api: QueryApi): WebApp {
  const apps = { web: createWebApp(api), download: createDownloadApp(api) };
  return (request) => apps[matchWebRoute("GET", request.path)?.function ?? "web"](request);
}
