import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { FaultInjector } from "./fault-injector";
import { type ListeningServer, listen } from "./listen-on-loopback";
import { classifyS3Write, isS3ObjectRead, MAX_S3_KEY_BYTES, type S3Write, s3ObjectRequest } from "./s3-write-request";

/**
 * The one AWS endpoint the local pipeline advertises (S3, SQS, SNS and
 * DynamoDB, like LocalStack's edge port). It forwards every request to the
 * emulator behind it and is where S3 event notifications come from: fauxqs
 * has none, so successful object-creating writes are handed to an observer
 * that enqueues the event before the client gets its answer.
 */
export interface BufferedResponse {
  statusCode: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** The object's size as the client sent it (aws-chunked framing removed), when the request says. */
  objectBytes: number | undefined;
}

export interface S3WriteObserver {
  watches(write: S3Write): boolean;
  /** Runs `forward` and, when the write succeeded, emits its event; the client waits for both. */
  around(write: S3Write, sourceIp: string, forward: () => Promise<BufferedResponse>): Promise<BufferedResponse>;
}

export interface AwsEndpointOptions {
  host: string;
  port: number;
  /** fauxqs: S3, SQS, SNS, STS. */
  emulator: string;
  dynamodb: string;
  s3Writes?: S3WriteObserver;
  /** Chaos (local runtime, `faults` option only): answers a seeded fraction of requests with AWS errors. */
  faults?: FaultInjector;
  /**
   * Answer a read of a missing object (fauxqs: 404 NoSuchKey or NoSuchVersion) with 403 AccessDenied,
   * as S3 answers a caller not allowed s3:ListBucket on the whole bucket: the functions' roles may
   * list only under their prefixes. Off for outside callers, who get the emulator's answer.
   */
  denyMissingObjectReads?: boolean;
}

export type AwsEndpoint = ListeningServer;

// Hop-by-hop headers are per connection; `expect` was already answered by this server.
const NOT_FORWARDED = new Set(["connection", "keep-alive", "expect", "transfer-encoding", "upgrade"]);

export async function startAwsEndpoint(options: AwsEndpointOptions): Promise<AwsEndpoint> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  const server = http.createServer((req, res) => {
    const fault = options.faults?.decide({ method: req.method ?? "GET", headers: req.headers });
    if (fault) {
      res.writeHead(fault.statusCode, fault.headers);
      res.end(fault.body);
      req.resume();
      return;
    }
    const isDynamo = String(req.headers["x-amz-target"] ?? "").startsWith("DynamoDB_");
    const upstream = new URL(isDynamo ? options.dynamodb : options.emulator);
    const write = isDynamo ? undefined : classifyS3Write(req.method ?? "GET", req.url ?? "/", req.headers);
    const objectKey = isDynamo
      ? undefined
      : s3ObjectRequest(req.method ?? "GET", req.url ?? "/", req.headers)?.target.key;
    if (objectKey !== undefined && Buffer.byteLength(objectKey, "utf8") > MAX_S3_KEY_BYTES) {
      answerS3Error(res, 400, "KeyTooLongError", "Your key is too long");
      req.resume();
      return;
    }

    if (write && options.s3Writes?.watches(write)) {
      const sourceIp = req.socket.remoteAddress ?? "127.0.0.1";
      options.s3Writes
        .around(write, sourceIp, () => forwardBuffered(req, upstream, agent))
        .then((response) => {
          res.writeHead(response.statusCode, response.headers);
          res.end(response.body);
        })
        .catch((error: unknown) => answerError(res, error));
      return;
    }
    const denyMissing =
      !isDynamo &&
      options.denyMissingObjectReads === true &&
      isS3ObjectRead(req.method ?? "GET", req.url ?? "/", req.headers);
    forwardStreaming(req, res, upstream, agent, denyMissing);
  });
  // Long polls hold requests for up to 20 s; never time them out here.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 30_000;

  const listening = await listen(server, options.host, options.port);
  return {
    url: listening.url,
    close: async () => {
      await listening.close();
      agent.destroy();
    },
  };
}

function upstreamRequest(req: IncomingMessage, upstream: URL, agent: http.Agent) {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!NOT_FORWARDED.has(name) && value !== undefined) headers[name] = value;
  }
  // A chunked request stays chunked (Node re-chunks it); a sized one keeps content-length.
  return http.request({
    host: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers,
    agent,
  });
}

function forwardStreaming(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: URL,
  agent: http.Agent,
  denyMissing: boolean,
): void {
  const outgoing = upstreamRequest(req, upstream, agent);
  outgoing.on("response", (incoming) => {
    if (denyMissing && incoming.statusCode === 404) {
      incoming.resume();
      answerS3Error(res, 403, "AccessDenied", "Access Denied");
      return;
    }
    res.writeHead(incoming.statusCode ?? 502, stripHopByHop(incoming.headers));
    incoming.pipe(res);
  });
  outgoing.on("error", (error) => answerError(res, error));
  req.pipe(outgoing);
}

function forwardBuffered(req: IncomingMessage, upstream: URL, agent: http.Agent): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = upstreamRequest(req, upstream, agent);
    let sent = 0;
    req.on("data", (chunk: Buffer) => {
      sent += chunk.length;
    });
    outgoing.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () =>
        resolve({
          statusCode: incoming.statusCode ?? 502,
          headers: stripHopByHop(incoming.headers),
          body: Buffer.concat(chunks),
          objectBytes: objectBytes(req, sent),
        }),
      );
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    req.pipe(outgoing);
  });
}

function objectBytes(req: IncomingMessage, sent: number): number | undefined {
  const decoded = req.headers["x-amz-decoded-content-length"];
  if (typeof decoded === "string") return Number(decoded);
  const chunked = String(req.headers["content-encoding"] ?? "").includes("aws-chunked");
  return chunked ? undefined : sent;
}

function stripHopByHop(headers: http.IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!NOT_FORWARDED.has(name) && value !== undefined) out[name] = value;
  }
  return out;
}

/** An S3-style error the SDKs retry (503 SlowDown), so a write whose event could not be queued is re-sent. */
function answerError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  answerS3Error(res, 503, "SlowDown", error instanceof Error ? error.message : String(error));
}

function answerS3Error(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`,
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
