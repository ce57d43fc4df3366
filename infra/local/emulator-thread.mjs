// The emulators' own thread (see emulators.ts): fauxqs and dynalite serve
// HTTP here, so their request handling does not compete with the pollers
// and the API on the main thread. Plain JavaScript: it runs without the TypeScript loader.
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";
import { buildApp } from "fauxqs";
import { DiskS3Store } from "./disk-s3-store.mjs";
import { threadCpuMs } from "./thread-cpu.mjs";

const { host, dataDir, maxObjectBytes } = workerData;

// fauxqs refuses SQS message bodies with characters outside the Basic Multilingual Plane (emoji, or
// CJK Extension B such as 𠮷, found in personal names): its check leaves out SQS's documented
// #x10000 to #x10FFFF. Same rule as SQS: those allowed, lone surrogates and control characters not.
const { INVALID_MESSAGE_BODY_CHAR } = await import(new URL("./sqs/sqsTypes.js", import.meta.resolve("fauxqs")).href);
const SQS_INVALID_CHARACTER = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
INVALID_MESSAGE_BODY_CHAR.test = (text) => SQS_INVALID_CHARACTER.test(text);
const fauxqs = buildApp({
  logger: false,
  ...(dataDir ? { stores: { s3Store: new DiskS3Store(join(dataDir, "s3")) } } : {}),
});
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
const fauxqsUrl = await fauxqs.listen({ port: 0, host });

// Tables become ACTIVE at once; the stack's table is ready when deploy ends, too.
// With a data directory the table lives in LevelDB there; otherwise in memory.
const dynamo = dynalite({
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
  ...(dataDir ? { path: join(dataDir, "dynamodb") } : {}),
});
dynamo.on("request", (request) => count(`DynamoDB ${String(request.headers["x-amz-target"] ?? "").split(".")[1]}`));
await new Promise((resolve, reject) => {
  dynamo.once("error", reject);
  dynamo.listen(0, host, resolve);
});

parentPort.on("message", async (message) => {
  if (message === "usage") {
    parentPort.postMessage({ requests, cpuMs: threadCpuMs() });
    return;
  }
  if (message !== "stop") return;
  await fauxqs.close();
  await new Promise((resolve) => {
    dynamo.close(resolve);
    dynamo.closeAllConnections();
  });
  parentPort.postMessage("stopped");
});

parentPort.postMessage({ fauxqsUrl, dynamodbUrl: `http://${host}:${dynamo.address().port}` });

/** SQS (JSON protocol) by its target, SNS (form-encoded query protocol) as one, S3 by method. */
function operationOf(method, headers) {
  const target = String(headers["x-amz-target"] ?? "");
  if (target.startsWith("AmazonSQS.")) return `SQS ${target.slice("AmazonSQS.".length)}`;
  if (method === "POST" && String(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return "SNS";
  }
  return `S3 ${method}`;
}
