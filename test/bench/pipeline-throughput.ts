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
 *
 * --faults R (0–1) is chaos: the functions' S3 and SQS calls fail and their
 * DynamoDB calls are throttled at rate R, at the wire (the local AWS endpoint
 * answers with the services' real errors; seeded by --seed). Uploads, the
 * pollers and SNS are not faulted. Visibility timeouts drop to
 * --visibility-timeout-seconds (with faults: each consumer's function timeout,
 * not 6× it, so a failed message comes round within the run while a running
 * batch is not redelivered under it); whenever the work queues are idle and a DLQ holds messages, the bench
 * redrives it with the code `docket redrive` uses, up to 5 rounds. It prints
 * the faults injected per service, and the run passes only if every page is
 * still stored or rejected with every queue and DLQ empty.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { followNotifications } from "../../infra/cli/follow-notifications";
import { redriveQueue } from "../../infra/cli/redrive-dlq";
import { REPO_ROOT } from "../../infra/local/load-handler";
import { startLocalRuntime } from "../../infra/local/local-runtime";
import { FUNCTION_TIMEOUT_SECONDS } from "../../shared/config/resources";
import type { IngestNotification } from "../../shared/events/ingest-notification";
import { contentTypeFor } from "../../shared/ingest/content-type";

const { values } = parseArgs({
  options: {
    pages: { type: "string", default: "1000" },
    "upload-concurrency": { type: "string", default: "32" },
    "timeout-seconds": { type: "string", default: "900" },
    rate: { type: "string" },
    faults: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    "visibility-timeout-seconds": { type: "string" },
  },
});
const rate = values.rate === undefined ? undefined : Number(values.rate);
if (rate !== undefined && !(rate > 0)) throw new Error("--rate must be a positive number of pages per second");
const pageCount = Number(values.pages);
const uploadConcurrency = Number(values["upload-concurrency"]);
const timeoutMs = Number(values["timeout-seconds"]) * 1000;
if (!Number.isInteger(pageCount) || pageCount < 1) throw new Error("--pages must be a positive whole number");
const faultRate = Number(values.faults);
if (!(faultRate >= 0 && faultRate <= 1)) throw new Error("--faults must be a fraction from 0 to 1");
const chaos = faultRate > 0;
const visibilityOverride =
  values["visibility-timeout-seconds"] === undefined ? undefined : Number(values["visibility-timeout-seconds"]);
const visibilityTimeoutSeconds =
  visibilityOverride !== undefined
    ? { pageEvents: visibilityOverride, records: visibilityOverride }
    : chaos
      ? { pageEvents: FUNCTION_TIMEOUT_SECONDS.parsePage, records: FUNCTION_TIMEOUT_SECONDS.storeRecord }
      : undefined;
const MAX_REDRIVE_ROUNDS = 5;

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
  ...(chaos ? { faults: { rate: faultRate, seed: Number(values.seed) } } : {}),
  ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
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
const redrive = { rounds: 0, moved: 0, failed: 0 };
/** With chaos: when nothing is queued or running but a DLQ holds messages, move them back, as `docket redrive` does. */
async function redriveIfStalled(): Promise<boolean> {
  if (!chaos || redrive.rounds >= MAX_REDRIVE_ROUNDS) return false;
  const depths = await runtime.queueDepths();
  const pending = (d: { visible: number; inFlight: number; delayed: number }) => d.visible + d.inFlight + d.delayed;
  if (pending(depths.pageEvents) + pending(depths.records) > 0) return false;
  if (pending(depths.pageEventsDlq) + pending(depths.recordsDlq) === 0) return false;
  redrive.rounds++;
  const { resources, clients } = runtime;
  for (const [dlq, source] of [
    [resources.pageEventsDlqUrl, resources.pageEventsQueueUrl],
    [resources.recordsDlqUrl, resources.recordsQueueUrl],
  ] as const) {
    const result = await redriveQueue(clients.sqs, dlq, source);
    redrive.moved += result.moved;
    redrive.failed += result.failed;
  }
  process.stderr.write(`  redrive round ${redrive.rounds}: ${redrive.moved} messages moved back so far\n`);
  return true;
}
let lastReport = 0;
let lastStallCheck = Date.now();
while (firstNotification.size < expected && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (Date.now() - lastReport > 5000) {
    lastReport = Date.now();
    process.stderr.write(`  ${firstNotification.size}/${expected} pages through\n`);
  }
  if (chaos && Date.now() - lastStallCheck > 2000) {
    await redriveIfStalled();
    lastStallCheck = Date.now();
  }
}
const lastNotificationAt = Math.max(...[...firstNotification.values()].map((entry) => entry.at));
const processedMs = lastNotificationAt - benchStart;
await runtime.waitForIdle({ timeoutMs: 60_000 }).catch((error: unknown) => functionErrors.push(String(error)));
// Every page is through, but a redelivered copy may still sit in a DLQ: drain it the same way.
while (Date.now() < deadline && (await redriveIfStalled())) {
  await runtime.waitForIdle({ timeoutMs: 60_000 }).catch((error: unknown) => functionErrors.push(String(error)));
}
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
  // The query function's reads are faulted too; a caller retries a 5xx, as the bench does (3 tries).
  for (let attempt = 1; attempt <= 3; attempt++) {
    const response = await fetch(`${runtime.apiUrl}/meetings/${id}`);
    await response.arrayBuffer();
    if (response.ok) queryable++;
    if (response.status < 500) break;
  }
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
const faults = runtime.faultsInjected;
if (chaos) {
  process.stdout.write(`  faults         rate ${faultRate}, seed ${values.seed}, visibility timeouts ${JSON.stringify(visibilityTimeoutSeconds)} s: ${faults.s3 + faults.sqs + faults.dynamodb} injected — S3 errors ${faults.s3}, SQS errors ${faults.sqs}, DynamoDB throttles ${faults.dynamodb}
  redrive        ${redrive.rounds} rounds (max ${MAX_REDRIVE_ROUNDS}), ${redrive.moved} messages moved back${redrive.failed > 0 ? `, ${redrive.failed} failed to move` : ""}
`);
}
for (const failure of uploadFailures.slice(0, 10)) process.stdout.write(`  upload failed: ${failure}\n`);
for (const error of functionErrors.slice(0, 10)) process.stdout.write(`  function error: ${error}\n`);

await runtime.stop();
const lossless = missing === 0 && uploadFailures.length === 0 && queuesEmpty && queryable === recordIds.size;
const recovered = chaos ? `; all ${faults.s3 + faults.sqs + faults.dynamodb} injected faults recovered` : "";
process.stdout.write(
  `${lossless ? `OK: nothing lost, every queue and DLQ empty${recovered}` : "FAILED: see the counts above"}\n`,
);
process.exit(lossless ? 0 : 1);
