import http, { type IncomingMessage } from "node:http";
import type { buildApp } from "fauxqs";
import type { RawObjectNotifier } from "./raw-object-notifier";
import { answerS3Error, s3ErrorXml } from "./s3-error-response";
import { classifyS3Write, MAX_S3_KEY_BYTES, type S3Write, s3ObjectRequest } from "./s3-write-request";

/**
 * The one AWS endpoint the local pipeline advertises (S3, SQS, SNS and
 * DynamoDB, like LocalStack's edge port), served on the emulator thread:
 * each request is handed in-process to fauxqs (Fastify's own request
 * handling) or to dynalite (its server's request listeners), so no request
 * crosses a second socket. It is where S3 event notifications come from:
 * fauxqs has none, so a successful object-creating write under the raw
 * prefix has its event queued (raw-object-notifier.ts) before fauxqs's answer
 * goes out, and a write whose event cannot be queued is answered 503 SlowDown,
 * which the SDKs retry.
 */
export type Fauxqs = ReturnType<typeof buildApp>;

export interface AwsEndpointOptions {
  /** fauxqs, not yet ready: the endpoint adds its hook before the first request. */
  fauxqs: Fauxqs;
  /** dynalite's HTTP server. */
  dynamodb: http.Server;
  /** The raw bucket's notifier, once the bucket and queue exist; until then writes are served unannounced. */
  notifier: () => RawObjectNotifier | undefined;
}

/** What the onSend hook uses of Fastify's reply. */
interface OnSendReply {
  statusCode: number;
  getHeader(name: string): unknown;
  code(statusCode: number): unknown;
  header(name: string, value: string): unknown;
  removeHeader(name: string): unknown;
  hijack(): unknown;
}

interface WatchedWrite {
  write: S3Write;
  sourceIp: string;
  notifier: RawObjectNotifier;
}

export function createAwsEndpoint(options: AwsEndpointOptions): http.Server {
  const { fauxqs, dynamodb } = options;
  const watched = new WeakMap<IncomingMessage, WatchedWrite>();

  // After fauxqs's own onSend (its request id), before the answer is written: the one point where
  // the write has happened and the client has not heard of it.
  fauxqs.addHook("onSend", async (request: { raw: IncomingMessage }, reply: OnSendReply, payload: unknown) => {
    const pending = watched.get(request.raw);
    if (!pending || !succeeded(reply.statusCode, payload)) return payload;
    // fauxqs's S3 handlers send without returning the reply, so Fastify would send a second answer
    // (and run this hook again) when the handler's promise resolves while this hook still waits.
    // Hijacked, the reply is Fastify's no more to resend; this hook's result is still written.
    reply.hijack();
    const requestId = reply.getHeader("x-amz-request-id");
    try {
      await pending.notifier.announceWrite(
        pending.write,
        pending.sourceIp,
        typeof requestId === "string" ? requestId : undefined,
      );
      return payload;
    } catch (error) {
      reply.code(503);
      reply.removeHeader("etag");
      reply.header("content-type", "application/xml");
      return s3ErrorXml("SlowDown", error instanceof Error ? error.message : String(error));
    }
  });

  const server = http.createServer((req, res) => {
    if (String(req.headers["x-amz-target"] ?? "").startsWith("DynamoDB_")) {
      dynamodb.emit("request", req, res);
      return;
    }
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const objectKey = s3ObjectRequest(method, url, req.headers)?.target.key;
    if (objectKey !== undefined && Buffer.byteLength(objectKey, "utf8") > MAX_S3_KEY_BYTES) {
      answerS3Error(res, 400, "KeyTooLongError", "Your key is too long");
      req.resume();
      return;
    }
    const write = classifyS3Write(method, url, req.headers);
    const notifier = write ? options.notifier() : undefined;
    if (!write || !notifier?.watches(write)) {
      fauxqs.routing(req, res);
      return;
    }
    // The key stays locked until the answer is out, so the next write to it is served after this
    // one's event is queued: sequencers follow write order, and the size/eTag read are this write's.
    const sourceIp = req.socket.remoteAddress ?? "127.0.0.1";
    const answered = new Promise<void>((resolve) => res.once("close", resolve));
    void notifier.exclusive(write.key, () => {
      // A writer that hung up while waiting for the key has nothing left to serve.
      if (res.destroyed) return answered;
      watched.set(req, { write, sourceIp, notifier });
      fauxqs.routing(req, res);
      return answered;
    });
  });
  // Long polls hold requests for up to 20 s; never time them out here.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 30_000;
  return server;
}

/** CompleteMultipartUpload can fail with a 200 whose body is an <Error>. */
function succeeded(statusCode: number, payload: unknown): boolean {
  if (statusCode < 200 || statusCode >= 300) return false;
  if (typeof payload === "string") return !payload.slice(0, 512).includes("<Error>");
  return !Buffer.isBuffer(payload) || !payload.subarray(0, 512).toString("utf8").includes("<Error>");
}
