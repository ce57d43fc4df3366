// The emulators' own thread (see emulators.ts): fauxqs and dynalite serve
// HTTP here, and so does the AWS endpoint the pipeline advertises
// (aws-endpoint.ts), which hands each request to them in-process and queues
// the raw bucket's S3 event notifications, so none of this competes with the
// pollers and the API on the main thread. Plain JavaScript, so it starts
// without a TypeScript loader; it registers tsx for the endpoint's modules.
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";
import { buildApp } from "fauxqs";
import { register } from "tsx/esm/api";
import { DiskS3Store } from "./disk-s3-store.mjs";
import { threadCpuMs } from "./thread-cpu.mjs";

register();
const { createAwsEndpoint } = await import("./aws-endpoint.ts");
const { injectedSendMessageBatch } = await import("./fauxqs-send-message-batch.ts");
const { listen } = await import("./listen-on-loopback.ts");
const { RawObjectNotifier } = await import("./raw-object-notifier.ts");
const { installDynaliteExpressionCache } = await import("./dynalite-expression-cache.ts");

// dynalite parses every request's expressions with PEG.js parsers, about a quarter of this
// thread's work in a burst; the pipeline repeats a few expressions with new values, so each
// is parsed once and its tree reused (same trees and errors as the parsers').
const { caches: expressionCaches } = installDynaliteExpressionCache();

const { host, dataDir, maxObjectBytes, awsPort, postS3Events } = workerData;

// fauxqs refuses SQS message bodies with characters outside the Basic Multilingual Plane (emoji, or
// CJK Extension B such as 𠮷, found in personal names): its check leaves out SQS's documented
// #x10000 to #x10FFFF. Same rule as SQS: those allowed, lone surrogates and control characters not.
const { INVALID_MESSAGE_BODY_CHAR } = await import(new URL("./sqs/sqsTypes.js", import.meta.resolve("fauxqs")).href);
const SQS_INVALID_CHARACTER = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
INVALID_MESSAGE_BODY_CHAR.test = (text) => SQS_INVALID_CHARACTER.test(text);
// The notifier reads created objects' size and ETag from the store itself.
const { S3Store } = await import(new URL("./s3/s3Store.js", import.meta.resolve("fauxqs")).href);
const s3Store = dataDir ? new DiskS3Store(join(dataDir, "s3")) : new S3Store();
const fauxqs = buildApp({ logger: false, stores: { s3Store } });
// fauxqs caps every body at 11 MiB (its one Fastify bodyLimit), so a larger PutObject fails with
// EPIPE. S3 takes 5 GB in one PUT: raise the limit of the binary parser S3 requests use.
fauxqs.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: maxObjectBytes }, (_request, body, done) =>
  done(null, body),
);
// Requests served, per service and operation, for the bench's requests per page (a fixed set of names).
const requests = {};
const count = (name) => {
  requests[name] = (requests[name] ?? 0) + 1;
};
fauxqs.addHook("onRequest", (request, _reply, done) => {
  count(operationOf(request.method, request.headers));
  done();
});

// Tables become ACTIVE at once; the stack's table is ready when deploy ends, too.
// With a data directory the table lives in LevelDB there; otherwise in memory.
const dynamo = dynalite({
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
  ...(dataDir ? { path: join(dataDir, "dynamodb") } : {}),
});
dynamo.on("request", (request) => count(`DynamoDB ${String(request.headers["x-amz-target"] ?? "").split(".")[1]}`));

/** Set once the main thread has created the raw bucket and the page-events queue. */
let notifier;
const endpoint = createAwsEndpoint({ fauxqs, dynamodb: dynamo, notifier: () => notifier });

const fauxqsUrl = await fauxqs.listen({ port: 0, host });
await new Promise((resolve, reject) => {
  dynamo.once("error", reject);
  dynamo.listen(0, host, resolve);
});
let awsEndpoint;
try {
  awsEndpoint = await listen(endpoint, host, awsPort);
} catch (error) {
  // The main thread tells a taken port (EADDRINUSE) from other failures.
  parentPort.postMessage({ failed: { message: error.message, code: error.code } });
  await stop();
  process.exit(1);
}

// Events go back to the main thread (the runtime's onS3Event and its count) a batch at a time.
let outgoingEvents = [];
const postEvent = (event) => {
  if (outgoingEvents.length === 0) {
    setImmediate(() => {
      const events = outgoingEvents;
      outgoingEvents = [];
      parentPort.postMessage(postS3Events ? { s3Events: events } : { s3EventCount: events.length });
    });
  }
  outgoingEvents.push(event);
};

const requestsHandled = {
  usage: () => ({ requests, cpuMs: threadCpuMs(), expressionCache: expressionCacheCounts() }),
  notifyRawObjects: ({ target }) => {
    notifier = new RawObjectNotifier({
      ...target,
      stat: (bucket, key) => {
        const object = s3Store.headObject(bucket, key);
        return { size: object.contentLength, eTag: object.etag.replaceAll('"', "") };
      },
      sendMessageBatch: injectedSendMessageBatch(fauxqs),
      onEvent: postEvent,
    });
  },
  announceStored: ({ object }) => {
    if (!notifier) throw new Error("announceStored before notifyRawObjects");
    return notifier.announceStored(object);
  },
  stop,
};

parentPort.on("message", async (message) => {
  const handle = requestsHandled[message.type];
  try {
    parentPort.postMessage({ id: message.id, ok: true, value: await handle(message) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: { message: String(error?.message ?? error) } });
  }
});

parentPort.postMessage({
  ready: { fauxqsUrl, dynamodbUrl: `http://${host}:${dynamo.address().port}`, awsEndpointUrl: awsEndpoint.url },
});

async function stop() {
  await awsEndpoint?.close();
  await fauxqs.close();
  await new Promise((resolve) => {
    dynamo.close(resolve);
    dynamo.closeAllConnections();
  });
}

/** Hits, misses and bypasses of dynalite's expression cache, over its three parsers. */
function expressionCacheCounts() {
  const counts = { hits: 0, misses: 0, bypassed: 0 };
  for (const cache of Object.values(expressionCaches)) {
    for (const name of Object.keys(counts)) counts[name] += cache[name];
  }
  return counts;
}

/** SQS (JSON protocol) by its target, SNS (form-encoded query protocol) as one, S3 by method. */
function operationOf(method, headers) {
  const target = String(headers["x-amz-target"] ?? "");
  if (target.startsWith("AmazonSQS.")) return `SQS ${target.slice("AmazonSQS.".length)}`;
  if (method === "POST" && String(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return "SNS";
  }
  return `S3 ${method}`;
}
