import type { Writable } from "node:stream";
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { instrument } from "../../shared/observability/instrument";
import { logger } from "../../shared/observability/logger";
import { apiDepsFromEnvironment } from "../../shared/query/api-deps";
import { createApiHandler } from "../../shared/query/router";
import { inProcessQueryApi } from "../../shared/web/query-api";
import { createWebApp } from "../../shared/web/web-app";
import { webStreamHandler, writeResponsePrelude } from "../../shared/web/web-stream-handler";
import openApiDocument from "../query-api/openapi.json";

/**
 * The Node.js Lambda runtime's response-streaming global (@types/aws-lambda).
 * Outside Lambda it is absent, or an empty object (the SDK's invoke store
 * creates one), so the test is for streamifyResponse itself.
 */
const runtime =
  typeof awslambda !== "undefined" && typeof awslambda.streamifyResponse === "function" ? awslambda : undefined;

/**
 * API Gateway REST proxy, response transfer mode STREAM (infra/constructs/
 * query-api.ts) → the web app (shared/web), which reads through the query
 * API's own handler in-process: same validation and data access, and no API
 * key anywhere near a browser. Pages and downloads are streamed.
 */
const queryApi = createApiHandler(() => apiDepsFromEnvironment(openApiDocument), logger);
const serve = webStreamHandler(
  createWebApp(inProcessQueryApi(queryApi)),
  logger,
  runtime ? (stream, metadata) => runtime.HttpResponseStream.from(stream, { ...metadata }) : writeResponsePrelude,
);
// The context's remaining time bounds a download (shared/web/export-rows.ts).
const instrumented = instrument(
  "web",
  ({ event, stream }: { event: APIGatewayProxyEvent; stream: Writable }, context?: Context) =>
    serve(event, stream, context),
);
const streaming = (event: APIGatewayProxyEvent, stream: Writable, context?: Context) =>
  instrumented({ event, stream }, context);

export const handler = runtime ? runtime.streamifyResponse(streaming) : streaming;
