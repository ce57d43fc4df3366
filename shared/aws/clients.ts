import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { tracer } from "../observability/tracer";
import { clientOptions } from "./client-options";
import { HTTP_TIMEOUTS, type HttpTimeouts } from "./http-timeouts";

/**
 * One factory per client, so a function builds (and its bundle contains) only
 * the clients it uses: the SDK is bundled, and an unused client costs a cold
 * start nothing only if nothing imports it. Endpoints are not passed here: the
 * SDK reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself, so the same
 * code talks to AWS or to the local emulators. Each client gives up on a
 * stalled connection (shared/aws/http-timeouts.ts); tests pass shorter limits.
 * `cacheMiddleware`: each command's middleware chain is resolved once per client, not on every send
 * (nothing adds middleware after a client's first request). Not on the DynamoDB client: the
 * DocumentClient refuses it (shared/aws/document-client.ts).
 */

/** What the S3, SQS and SNS clients add to the functions' common options. */
const CACHED_MIDDLEWARE = { cacheMiddleware: true } as const;

const DEFAULT_REGION = "us-east-1";

export function regionOf(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION;
}

export function s3Client(env: NodeJS.ProcessEnv = process.env, timeouts: HttpTimeouts = HTTP_TIMEOUTS.s3): S3Client {
  const emulated = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  const client = new S3Client({
    region: regionOf(env),
    ...clientOptions(timeouts),
    ...CACHED_MIDDLEWARE,
    // Emulators serve buckets by path (http://host:port/bucket), not by virtual host.
    forcePathStyle: emulated,
    // Emulators may not implement the SDK's default flexible checksums.
    ...(emulated ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } : {}),
  });
  return tracer.captureAWSv3Client(client);
}

export function sqsClient(env: NodeJS.ProcessEnv = process.env, timeouts: HttpTimeouts = HTTP_TIMEOUTS.sqs): SQSClient {
  const emulated = Boolean(env.AWS_ENDPOINT_URL_SQS || env.AWS_ENDPOINT_URL);
  // By default the SDK sends to the queue URL's host; emulator queue URLs name hosts
  // (sqs.<region>.localhost) that need not resolve, so the configured endpoint wins there.
  const client = new SQSClient({
    region: regionOf(env),
    ...clientOptions(timeouts),
    ...CACHED_MIDDLEWARE,
    ...(emulated ? { useQueueUrlAsEndpoint: false } : {}),
  });
  return tracer.captureAWSv3Client(client);
}

export function snsClient(env: NodeJS.ProcessEnv = process.env, timeouts: HttpTimeouts = HTTP_TIMEOUTS.sns): SNSClient {
  return tracer.captureAWSv3Client(
    new SNSClient({ region: regionOf(env), ...clientOptions(timeouts), ...CACHED_MIDDLEWARE }),
  );
}
