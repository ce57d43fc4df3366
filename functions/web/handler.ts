import { logger } from "../../shared/observability/logger";
import { apiDepsFromEnvironment } from "../../shared/query/api-deps";
import { createApiHandler } from "../../shared/query/router";
import { inProcessQueryApi } from "../../shared/web/query-api";
import { streamingWebFunction } from "../../shared/web/streaming-function";
import { createWebApp } from "../../shared/web/web-app";
import openApiDocument from "../query-api/openapi.json";

/**
 * API Gateway REST proxy, streamed (shared/web/streaming-function.ts) → the
 * web app's pages (shared/web/web-app.ts), which read through the query
 * API's own handler in-process: same validation and data access, and no API
 * key anywhere near a browser. The downloads are functions/download's.
 */
const queryApi = createApiHandler(() => apiDepsFromEnvironment(openApiDocument), logger);

export const handler = streamingWebFunction("web", createWebApp(inProcessQueryApi(queryApi)));
