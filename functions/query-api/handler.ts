import { logger } from "../../shared/observability/logger";
import { apiDepsFromEnvironment } from "../../shared/query/api-deps";
import { createApiHandler } from "../../shared/query/router";
import openApiDocument from "./openapi.json";

/** API Gateway REST proxy → the query API (shared/query/router.ts). */
export const handler = createApiHandler(() => apiDepsFromEnvironment(openApiDocument), logger);
