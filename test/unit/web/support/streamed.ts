import { Writable } from "node:stream";
import type { APIGatewayProxyEvent } from "aws-lambda";
import type { QueryApi } from "../../../../shared/web/query-api";
import { webStreamHandler, writeResponsePrelude } from "../../../../shared/web/web-stream-handler";
import { siteApp } from "./site-app";

export interface StreamedResponse {
  metadata: { statusCode: number; headers: Record<string, string> };
  body: string;
}

/**
 * Runs the streaming Lambda handler of the event's web function (the
 * pages' or the downloads') over `api` for one proxy event, splitting what it writes as API Gateway does: metadata JSON, eight
 * NUL bytes, the body.
 */
export async function streamed(
  api: QueryApi,
  event: Partial<APIGatewayProxyEvent>,
  context?: { getRemainingTimeInMillis(): number },
): Promise<StreamedResponse> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  const handler = webStreamHandler(siteApp(api), { error: () => {} }, writeResponsePrelude);
  await handler(
    { queryStringParameters: null, multiValueQueryStringParameters: null, ...event } as APIGatewayProxyEvent,
    sink,
    context,
  );
  const text = Buffer.concat(chunks).toString("utf8");
  const split = text.indexOf("\0".repeat(8));
  return { metadata: JSON.parse(text.slice(0, split)) as StreamedResponse["metadata"], body: text.slice(split + 8) };
}
