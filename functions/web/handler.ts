import { instrument } from "../../shared/observability/instrument";
import { logger } from "../../shared/observability/logger";
import { apiDepsFromEnvironment } from "../../shared/query/api-deps";
import { createApiHandler } from "../../shared/query/router";
import { inProcessQueryApi } from "../../shared/web/query-api";
import { createWebApp } from "../../shared/web/web-app";
import { webProxyHandler } from "../../shared/web/web-proxy-handler";
import openApiDocument from "../query-api/openapi.json";

/**
 * API Gateway REST proxy → the web app (shared/web), which reads through the
 * query API's own handler in-process: same validation and data access, and
 * no API key anywhere near a browser.
 */
const queryApi = createApiHandler(() => apiDepsFromEnvironment(openApiDocument), logger);
export const handler = instrument("web", webProxyHandler(createWebApp(inProcessQueryApi(queryApi)), logger));
