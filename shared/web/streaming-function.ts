import type { Writable } from "node:stream";
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { instrument } from "../observability/instrument";
import { logger } from "../observability/logger";
import type { WebApp } from "./web-request";
import { webStreamHandler, writeResponsePrelude } from "./web-stream-handler";

/**
 * The Node.js Lambda runtime's response-streaming global (@types/aws-lambda).
 * Outside Lambda it is absent, or an empty object (the SDK's invoke store
 * creates one), so the test is for streamifyResponse itself.
 */
const runtime =
  typeof awslambda !== "undefined" && typeof awslambda.streamifyResponse === "function" ? awslambda : undefined;

/** A web function outside Lambda (the local runtime, tests): the event, the stream the response goes to, the context. */
export type StreamingWebHandler = (event: APIGatewayProxyEvent, stream: Writable, context?: Context) => Promise<void>;

/**
 * A web function (functions/web, functions/download) as API Gateway calls it:
 * REST proxy, response transfer mode STREAM (infra/constructs/query-api.ts),
 * instrumented like every function. In Lambda the runtime's
 * HttpResponseStream writes the status and headers; outside it the same
 * prelude is written by hand, so the local runtime reads what API Gateway reads.
 * The context's remaining time bounds a download (export-rows.ts).
 */
export function streamingWebFunction(name: string, app: WebApp) {
  const serve = webStreamHandler(
    app,
    logger,
    runtime ? (stream, metadata) => runtime.HttpResponseStream.from(stream, { ...metadata }) : writeResponsePrelude,
  );
  const instrumented = instrument(
    name,
    ({ event, stream }: { event: APIGatewayProxyEvent; stream: Writable }, context?: Context) =>
      serve(event, stream, context),
  );
  const streaming: StreamingWebHandler = (event, stream, context) => instrumented({ event, stream }, context);
  return runtime ? runtime.streamifyResponse(streaming) : streaming;
}
