import { instrument } from "../../shared/observability/instrument";
import { logger } from "../../shared/observability/logger";
import { apiDepsFromEnvironment } from "../../shared/query/api-deps";
import { corsOriginsFromEnvironment, restrictCorsOrigins } from "../../shared/query/cors-origins";
import { createApiHandler } from "../../shared/query/router";
import openApiDocument from "./openapi.json";

const api = createApiHandler(() => apiDepsFromEnvironment(openApiDocument), logger);

/** API Gateway REST proxy → the query API (shared/query/router.ts), instrumented like every function. */
export const handler = instrument("query-api", restrictCorsOrigins(api, corsOriginsFromEnvironment()));
