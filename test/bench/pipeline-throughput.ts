/**
 * `npm run bench:pipeline [-- --pages N] [--upload-concurrency N] [--rate N]`: end-to-end
 * throughput of the local pipeline. Uploads N pages made from the fixtures
 * (seeds and corpus pages, cycled, each under its own key) through the S3
 * API, follows the ingest notifications, and prints pages/s, the
 * upload-to-queryable latency percentiles (upload start → the time the
 * store stamps on the notification it publishes after writing, so a
 * follower that falls behind in a burst does not count; every stored record
 * is then checked with GET /meetings/{id}), and the counts that prove nothing was lost:
 * uploaded = stored + rejected, and every queue and DLQ empty at the end.
 * Batching is the local runtime's (dev's interactive profile, shared/config/resources.ts).
 * Without --rate the pages arrive as one burst, so latency is mostly the
 * backlog; --rate N paces uploads to N pages/s to see latency under a steady
 * load the pipeline keeps up with.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { contentTypeFor } from "../../infra/cli/content-type";
import { followNotifications } from "../../infra/cli/follow-notifications";
import { REPO_ROOT } from "../../infra/local/load-handler";
import { startLocalRuntime } from "../../infra/local/local-runtime";
import type { IngestNotification } from "../../shared/events/ingest-notification";

const { values } = parseArgs({
  options: {
    pages: { type: "string", default: "1000" },
    "upload-concurrency": { type: "string", default: "32" },
    "timeout-seconds": { type: "string", default: "900" },
    rate: { type: "string" },
  },
});
const rate = values.rate === undefined ? undefined : Number(values.rate);
if (rate !== undefined && !(rate > 0)) throw new Error("--rate must be a positive number of pages per second");
const pageCount = Number(values.pages);
const uploadConcurrency = Number(values["upload-concurrency"]);
const timeoutMs = Number(values["timeout-seconds"]) * 1000;
if (!Number.isInteger(pageCount) || pageCount < 1) throw new Error("--pages must be a positive whole number");

process.env.POWERTOOLS_LOG_LEVEL ??= "CRITICAL";

interface Fixture {
  name: string;
  body: Buffer;
}

async function fixtures(): Promise<Fixture[]> {
  const dir = join(REPO_ROOT, "test/fixtures/pages");
  const found: Fixture[] = [];
  for (const slug of (await readdir(dir)).filter((s) => s.startsWith("seed-") || s.startsWith("html-")).sort()) {
    const file = slug.startsWith("seed-") ? "page.txt" : "page.html";
    found.push({ name: `${slug}.${file.split(".")[1]}`, body: await readFile(join(dir, slug, file)) });
  }
  return found;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Node 20 is supported here; the SDK's 2027 Node-version notice is in the README, not on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const startedAt = Date.now();
const functionErrors: string[] = [];
const runtime = await startLocalRuntime({
  apiPort: 0,
  awsPort: 0,
  s3TestEvent: false,
  log: (message) => functionErrors.push(message),
});
const startupMs = Date.now() - startedAt;

const pages = await fixtures();
const run = Date.now().toString(36);
const prefix = `raw/bench/${run}/`;
const uploads = Array.from({ length: pageCount }, (_, i) => {
  const fixture = pages[i % pages.length] as Fixture;
  return { key: `${prefix}${String(i).padStart(6, "0")}-${fixture.name}`, fixture };
});
const uriOf = (key: string) => `s3://${runtime.resources.rawBucketName}/${key}`;

// Follow notifications before the first upload, so none is missed.
const firstNotification = new Map<string, { notification: IngestNotification; at: number; receivedAt: number }>();
let extraNotifications = 0;
const stop = new AbortController();
let subscribed: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  subscribed = resolve;
});
const following = followNotifications({
  sqs: runtime.clients.sqs,
  sns: runtime.clients.sns,
  topicArn: runtime.resources.ingestTopicArn,
  signal: stop.signal,
  waitTimeSeconds: 1,
  // The pipeline keeps the process busy in a burst; one receive loop at a time trailed by seconds.
  receivers: 4,
  onReady: () => subscribed(),
  onNotification: (notification) => {
    if ("unparsed" in notification || !notification.uri.includes(prefix)) return;
    if (firstNotification.has(notification.uri)) extraNotifications++;
    else
      firstNotification.set(notification.uri, {
        notification,
        at: Date.parse(notification.at),
        receivedAt: Date.now(),
      });
  },
});
await ready;

process.stderr.write(`uploading ${pageCount} pages (${pages.length} fixtures, cycled) to ${uriOf(prefix)}…\n`);
const uploadStart = new Map<string, number>();
const uploadFailures: string[] = [];
const benchStart = Date.now();
let nextUpload = 0;
await Promise.all(
  Array.from({ length: Math.min(uploadConcurrency, pageCount) }, async () => {
    for (let index = nextUpload++; index < uploads.length; index = nextUpload++) {
      const { key, fixture } = uploads[index] as (typeof uploads)[number];
      if (rate !== undefined) {
        const due = benchStart + (index * 1000) / rate;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      uploadStart.set(uriOf(key), Date.now());
      try {
        await runtime.clients.s3.send(
          new PutObjectCommand({
            Bucket: runtime.resources.rawBucketName,
            Key: key,
            Body: fixture.body,
            ContentType: contentTypeFor(fixture.name),
          }),
        );
      } catch (error) {
        uploadFailures.push(`${key}: ${String(error)}`);
      }
    }
  }),
);
const uploadsDoneMs = Date.now() - benchStart;
process.stderr.write(`uploaded in ${seconds(uploadsDoneMs)}; waiting for the pipeline…\n`);

const expected = pageCount - uploadFailures.length;
const deadline = Date.now() + timeoutMs;
let lastReport = 0;
while (firstNotification.size < expected && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (Date.now() - lastReport > 5000) {
    lastReport = Date.now();
    process.stderr.write(`  ${firstNotification.size}/${expected} pages through\n`);
  }
}
const lastNotificationAt = Math.max(...[...firstNotification.values()].map((entry) => entry.at));
const processedMs = lastNotificationAt - benchStart;
await runtime.waitForIdle({ timeoutMs: 60_000 }).catch((error: unknown) => functionErrors.push(String(error)));
stop.abort();
await following;

const outcomes = { "record.created": 0, "record.updated": 0, "record.unchanged": 0, "page.rejected": 0 };
const latencies: number[] = [];
const followerLags: number[] = [];
const recordIds = new Set<string>();
for (const [uri, { notification, at, receivedAt }] of firstNotification) {
  outcomes[notification.type]++;
  latencies.push(at - (uploadStart.get(uri) ?? at));
  followerLags.push(receivedAt - at);
  if (notification.type !== "page.rejected") recordIds.add(notification.id);
}
latencies.sort((a, b) => a - b);
followerLags.sort((a, b) => a - b);

let queryable = 0;
for (const id of recordIds) {
  const response = await fetch(`${runtime.apiUrl}/meetings/${id}`);
  if (response.ok) queryable++;
  await response.arrayBuffer();
}

const depths = await runtime.queueDepths();
const stored = outcomes["record.created"] + outcomes["record.updated"] + outcomes["record.unchanged"];
const rejected = outcomes["page.rejected"];
const missing = expected - firstNotification.size;
const queuesEmpty = Object.values(depths).every((depth) => depth.visible + depth.inFlight + depth.delayed === 0);
const { parsePage, storeRecord } = runtime.functions;

process.stdout.write(`
pipeline throughput — ${pageCount} pages, upload concurrency ${uploadConcurrency}${rate ? `, paced at ${rate} pages/s` : ", one burst"}, interactive batching
  startup        ${seconds(startupMs)} (emulators, resources, pollers, API)
  uploads        ${pageCount - uploadFailures.length} in ${seconds(uploadsDoneMs)} (${uploadFailures.length} failed)
  throughput     ${(firstNotification.size / (processedMs / 1000)).toFixed(1)} pages/s (${firstNotification.size} pages, first upload → last notification ${seconds(processedMs)})
  latency        upload → queryable: p50 ${seconds(percentile(latencies, 50))}, p95 ${seconds(percentile(latencies, 95))}, p99 ${seconds(percentile(latencies, 99))}, max ${seconds(latencies.at(-1) ?? Number.NaN)}
  follower       notification received after its publish: p50 ${seconds(percentile(followerLags, 50))}, max ${seconds(followerLags.at(-1) ?? Number.NaN)}
  outcome        uploaded ${expected} = stored ${stored} (created ${outcomes["record.created"]}, updated ${outcomes["record.updated"]}, unchanged ${outcomes["record.unchanged"]}) + rejected ${rejected}${missing > 0 ? ` — ${missing} MISSING` : ""}
  records        ${recordIds.size} distinct ids (copies of one page share an id), ${queryable} answer GET /meetings/{id}
  duplicates     ${extraNotifications} repeated notifications (at-least-once redeliveries)
  queues         page-events ${JSON.stringify(depths.pageEvents)}, records ${JSON.stringify(depths.records)}
  DLQs           page-events ${JSON.stringify(depths.pageEventsDlq)}, records ${JSON.stringify(depths.recordsDlq)}
  invocations    parse-page ${parsePage.invocations} (avg batch ${(pageCount / Math.max(1, parsePage.invocations)).toFixed(1)}), store-record ${storeRecord.invocations}
  S3 events      ${runtime.s3EventsEmitted} emitted
`);
for (const failure of uploadFailures.slice(0, 10)) process.stdout.write(`  upload failed: ${failure}\n`);
for (const error of functionErrors.slice(0, 10)) process.stdout.write(`  function error: ${error}\n`);

await runtime.stop();
const lossless = missing === 0 && uploadFailures.length === 0 && queuesEmpty && queryable === recordIds.size;
process.stdout.write(`${lossless ? "OK: nothing lost, every queue and DLQ empty" : "FAILED: see the counts above"}\n`);
process.exit(lossless ? 0 : 1);
