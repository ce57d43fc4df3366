import { logger } from "../../shared/observability/logger";
import { listApiDepsFromEnvironment } from "../../shared/query/api-deps";
import { createApiHandler } from "../../shared/query/router";
import { createDownloadApp } from "../../shared/web/download-app";
import { inProcessQueryApi } from "../../shared/web/query-api";
import { streamingWebFunction } from "../../shared/web/streaming-function";

/**
 * API Gateway REST proxy, streamed (shared/web/streaming-function.ts) → the
 * downloads (shared/web/download-app.ts), reading GET /meetings through the
 * query API's own handler in-process. A function of its own, so downloads,
 * which run for minutes, hold none of the pages' concurrency. They read
 * GET /meetings only: no S3 client, no OpenAPI document in this bundle.
 */
const queryApi = createApiHandler(() => listApiDepsFromEnvironment(), logger);

export const handler = streamingWebFunction("download", createDownloadApp(inProcessQueryApi(queryApi)));
