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
 * It also prints, from the first upload to the end, CPU ms per page for the
 * whole process and for each thread (main, emulators, each function thread),
 * the requests per page the emulators served (by service and operation, the
 * bench's own notification follower left out), and resident memory: the
 * peak, and RSS as each tenth of the pages comes through, so growth with
 * volume shows (in memory, the emulators hold every uploaded page and record:
 * about 130 KB a page; --on-disk keeps them in a fresh temporary data
 * directory instead, as `npm start` does, which a 100,000-page run needs).
 * Per-page figures are kept in typed arrays indexed by page,
 * so the bench's own memory stays flat.
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
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { followNotifications } from "../../infra/cli/follow-notifications";
import { redriveQueue } from "../../infra/cli/redrive-dlq";
import { REPO_ROOT } from "../../infra/local/load-handler";
import { startLocalRuntime } from "../../infra/local/local-runtime";
import { FUNCTION_TIMEOUT_SECONDS } from "../../shared/config/resources";
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
    "on-disk": { type: "boolean", default: false },
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

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Node 20 is supported here; the SDK's 2027 Node-version notice is in the README, not on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const dataDir = values["on-disk"] ? await mkdtemp(join(tmpdir(), "docket-bench-")) : undefined;
const startedAt = Date.now();
/** The first ten errors the runtime reported, and how many there were in all (chaos runs report thousands). */
const functionErrors: string[] = [];
let functionErrorCount = 0;
const noteError = (message: string) => {
  functionErrorCount++;
  if (functionErrors.length < 10) functionErrors.push(message);
};
const runtime = await startLocalRuntime({
  apiPort: 0,
  awsPort: 0,
  s3TestEvent: false,
  ...(dataDir ? { dataDir } : {}),
  ...(chaos ? { faults: { rate: faultRate, seed: Number(values.seed) } } : {}),
  ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
  log: noteError,
});
const startupMs = Date.now() - startedAt;

const pages = await fixtures();
const run = Date.now().toString(36);
const prefix = `raw/bench/${run}/`;
// Keys carry the page's index, so per-page figures live in typed arrays indexed by it: nothing the
// bench keeps per page is an object, and its own memory does not hide the runtime's growth.
const INDEX_DIGITS = Math.max(6, String(pageCount - 1).length);
const keyOf = (index: number) => {
  const fixture = pages[index % pages.length] as Fixture;
  return { key: `${prefix}${String(index).padStart(INDEX_DIGITS, "0")}-${fixture.name}`, fixture };
};
const uriOf = (key: string) => `s3://${runtime.resources.rawBucketName}/${key}`;
const uriPrefix = uriOf(prefix);
const indexOf = (uri: string) =>
  uri.startsWith(uriPrefix) ? Number(uri.slice(uriPrefix.length, uriPrefix.length + INDEX_DIGITS)) : -1;

// Follow notifications before the first upload, so none is missed.
const uploadStart = new Float64Array(pageCount);
/** Upload start → the store's stamp, and the follower's lag behind that stamp (ms); NaN until seen. */
const latencies = new Float64Array(pageCount).fill(Number.NaN);
const followerLags = new Float64Array(pageCount).fill(Number.NaN);
let through = 0;
let lastNotificationAt = 0;
const outcomes = { "record.created": 0, "record.updated": 0, "record.unchanged": 0, "page.rejected": 0 };
/** Copies of one fixture share a record id, so this holds at most one id per fixture. */
const recordIds = new Set<string>();
let extraNotifications = 0;

// Memory over the run: sampled every second, and read as each tenth of the pages comes through.
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 1000);
const rssAtTenth: number[] = [];
const noteProgress = () => {
  while (rssAtTenth.length < 10 && through >= (pageCount * (rssAtTenth.length + 1)) / 10) {
    rssAtTenth.push(process.memoryUsage.rss());
  }
};

// The follower's own requests are the bench's, not the pipeline's: counted here, subtracted below.
const followerRequests: Record<string, number> = {};
const followerSqs = new SQSClient({
  region: runtime.resources.region,
  endpoint: runtime.awsEndpoint,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
followerSqs.middlewareStack.add(
  (next, context) => (args) => {
    const name = `SQS ${String(context.commandName).replace(/Command$/, "")}`;
    followerRequests[name] = (followerRequests[name] ?? 0) + 1;
    return next(args);
  },
  { step: "finalizeRequest", name: "countFollowerRequests" },
);
const stop = new AbortController();
let subscribed: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  subscribed = resolve;
});
/** When the follower last received anything: after an early stop, it is stopped only once quiet. */
let lastReceivedAt = 0;
const following = followNotifications({
  sqs: followerSqs,
  sns: runtime.clients.sns,
  topicArn: runtime.resources.ingestTopicArn,
  signal: stop.signal,
  waitTimeSeconds: 1,
  // The pipeline keeps the process busy in a burst; one receive loop at a time trailed by seconds.
  receivers: 4,
  onReady: () => subscribed(),
  onNotification: (notification) => {
    lastReceivedAt = Date.now();
    if ("unparsed" in notification) return;
    const index = indexOf(notification.uri);
    if (index < 0 || index >= pageCount) return;
    if (!Number.isNaN(latencies[index] ?? 0)) {
      extraNotifications++;
      return;
    }
    const at = Date.parse(notification.at);
    latencies[index] = at - (uploadStart[index] || at);
    followerLags[index] = Date.now() - at;
    lastNotificationAt = Math.max(lastNotificationAt, at);
    outcomes[notification.type]++;
    if (notification.type !== "page.rejected") recordIds.add(notification.id);
    through++;
    noteProgress();
  },
});
await ready;

process.stderr.write(`uploading ${pageCount} pages (${pages.length} fixtures, cycled) to ${uriOf(prefix)}…\n`);
const uploadFailures: string[] = [];
let uploadFailureCount = 0;
const usageAtStart = {
  cpu: process.cpuUsage(),
  ...(await runtime.usage()),
  follower: { ...followerRequests },
};
const benchStart = Date.now();
let nextUpload = 0;
await Promise.all(
  Array.from({ length: Math.min(uploadConcurrency, pageCount) }, async () => {
    for (let index = nextUpload++; index < pageCount; index = nextUpload++) {
      const { key, fixture } = keyOf(index);
      if (rate !== undefined) {
        const due = benchStart + (index * 1000) / rate;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      uploadStart[index] = Date.now();
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
        uploadFailureCount++;
        if (uploadFailures.length < 10) uploadFailures.push(`${key}: ${String(error)}`);
      }
    }
  }),
);
const uploadsDoneMs = Date.now() - benchStart;
process.stderr.write(`uploaded in ${seconds(uploadsDoneMs)}; waiting for the pipeline…\n`);

const expected = pageCount - uploadFailureCount;
const deadline = Date.now() + timeoutMs;
const redrive = { rounds: 0, moved: 0, failed: 0 };
/** No message in the work queues (visible, in flight or delayed), and a DLQ holds some: those pages will never come through. */
async function deadLettered(): Promise<number> {
  const depths = await runtime.queueDepths();
  const pending = (d: { visible: number; inFlight: number; delayed: number }) => d.visible + d.inFlight + d.delayed;
  if (pending(depths.pageEvents) + pending(depths.records) > 0) return 0;
  return pending(depths.pageEventsDlq) + pending(depths.recordsDlq);
}
/** With chaos: when nothing is queued or running but a DLQ holds messages, move them back, as `docket redrive` does. */
async function redriveIfStalled(): Promise<boolean> {
  if (!chaos || redrive.rounds >= MAX_REDRIVE_ROUNDS) return false;
  if ((await deadLettered()) === 0) return false;
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
/** The follower receives with 1 s waits: this long without a notification means none is on its way. */
const FOLLOWER_QUIET_MS = 2_500;
const FOLLOWER_QUIET_MAX_MS = 30_000;
let lastReport = 0;
let lastStallCheck = Date.now();
let stuckChecks = 0;
let stoppedEarly = false;
while (through < expected && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (Date.now() - lastReport > 5000) {
    lastReport = Date.now();
    process.stderr.write(`  ${through}/${expected} pages through\n`);
  }
  if (Date.now() - lastStallCheck > 2000) {
    lastStallCheck = Date.now();
    if (chaos && (await redriveIfStalled())) continue;
    // Not a wait until the deadline: the report says what is in the DLQs, and the run fails. (With chaos,
    // once the redrive rounds are spent.)
    const stuck = await deadLettered();
    stuckChecks = stuck > 0 ? stuckChecks + 1 : 0;
    if (stuckChecks >= 2) {
      noteError(
        `${stuck} message(s) in a DLQ and none in the work queues, visible or in flight: ${through}/${expected} pages through`,
      );
      stoppedEarly = true;
      break;
    }
  }
}
const processedMs = lastNotificationAt - benchStart;
await runtime.waitForIdle({ timeoutMs: 60_000 }).catch((error: unknown) => noteError(String(error)));
// Every page is through, but a redelivered copy may still sit in a DLQ: drain it the same way.
while (Date.now() < deadline && (await redriveIfStalled())) {
  await runtime.waitForIdle({ timeoutMs: 60_000 }).catch((error: unknown) => noteError(String(error)));
}
// Stopped on a DLQ: notifications published just before may still be on their way to the follower, and a
// page whose notification is missed would be counted missing. Bounded: at most FOLLOWER_QUIET_MAX_MS.
if (stoppedEarly) {
  const until = Date.now() + FOLLOWER_QUIET_MAX_MS;
  while (Date.now() - lastReceivedAt < FOLLOWER_QUIET_MS && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
stop.abort();
await following;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());

// CPU and requests over the run (first upload to idle), per page.
const elapsedMs = Date.now() - benchStart;
const processCpuMs = (() => {
  const { user, system } = process.cpuUsage(usageAtStart.cpu);
  return (user + system) / 1000;
})();
const usageNow = await runtime.usage();
const threadsCpu = usageNow.threads.map((usage) => {
  const before = usageAtStart.threads.find((t) => t.thread === usage.thread);
  return { thread: usage.thread, cpuMs: usage.cpuMs - (before?.cpuMs ?? 0) };
});
const requests = Object.entries(usageNow.requests)
  .map(([name, count]) => {
    const bench = (followerRequests[name] ?? 0) - (usageAtStart.follower[name] ?? 0);
    return [name, count - (usageAtStart.requests[name] ?? 0) - bench] as const;
  })
  .filter(([, count]) => count > 0)
  .sort((a, b) => b[1] - a[1]);
const requestsTotal = requests.reduce((sum, [, count]) => sum + count, 0);
const perPage = (value: number) => (value / pageCount).toFixed(2);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

// Only the pages seen count; any missing page shows below.
const seen = (values: Float64Array) => values.filter((value) => !Number.isNaN(value)).sort();
const latencyOrder = seen(latencies);
const lagOrder = seen(followerLags);

let queryable = 0;
// Eight readers at a time: one by one, a 100,000-page run (or a faulted one, whose throttled reads
// back off) would spend longer checking than ingesting.
const ids = recordIds.values();
async function checkQueryable(): Promise<void> {
  for (let next = ids.next(); !next.done; next = ids.next()) {
    // The query function's reads are faulted too; a caller retries a 5xx, as the bench does (3 tries).
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await fetch(`${runtime.apiUrl}/meetings/${next.value}`);
      await response.arrayBuffer();
      if (response.ok) queryable++;
      if (response.status < 500) break;
    }
  }
}
process.stderr.write(`checking that each of ${recordIds.size} records answers GET /meetings/{id}…\n`);
await Promise.all(Array.from({ length: 8 }, checkQueryable));

const depths = await runtime.queueDepths();
const stored = outcomes["record.created"] + outcomes["record.updated"] + outcomes["record.unchanged"];
const rejected = outcomes["page.rejected"];
const missing = expected - through;
const queuesEmpty = Object.values(depths).every((depth) => depth.visible + depth.inFlight + depth.delayed === 0);
const { parsePage, storeRecord } = runtime.functions;

process.stdout.write(`
pipeline throughput — ${pageCount} pages, upload concurrency ${uploadConcurrency}${rate ? `, paced at ${rate} pages/s` : ", one burst"}, interactive batching, data ${dataDir ? "on disk" : "in memory"}
  startup        ${seconds(startupMs)} (emulators, resources, pollers, API)
  uploads        ${pageCount - uploadFailureCount} in ${seconds(uploadsDoneMs)} (${uploadFailureCount} failed)
  throughput     ${through > 0 ? `${(through / (processedMs / 1000)).toFixed(1)} pages/s (${through} pages, first upload → last notification ${seconds(processedMs)})` : "no page came through"}
  latency        upload → queryable: p50 ${seconds(percentile(latencyOrder, 50))}, p95 ${seconds(percentile(latencyOrder, 95))}, p99 ${seconds(percentile(latencyOrder, 99))}, max ${seconds(latencyOrder.at(-1) ?? Number.NaN)}
  follower       notification received after its publish: p50 ${seconds(percentile(lagOrder, 50))}, max ${seconds(lagOrder.at(-1) ?? Number.NaN)}
  outcome        uploaded ${expected} = stored ${stored} (created ${outcomes["record.created"]}, updated ${outcomes["record.updated"]}, unchanged ${outcomes["record.unchanged"]}) + rejected ${rejected}${missing > 0 ? ` — ${missing} MISSING` : ""}
  records        ${recordIds.size} distinct ids (copies of one page share an id), ${queryable} answer GET /meetings/{id}
  duplicates     ${extraNotifications} repeated notifications (at-least-once redeliveries)
  queues         page-events ${JSON.stringify(depths.pageEvents)}, records ${JSON.stringify(depths.records)}
  DLQs           page-events ${JSON.stringify(depths.pageEventsDlq)}, records ${JSON.stringify(depths.recordsDlq)}
  invocations    parse-page ${parsePage.invocations} (avg batch ${(pageCount / Math.max(1, parsePage.invocations)).toFixed(1)}), store-record ${storeRecord.invocations}
  S3 events      ${runtime.s3EventsEmitted} emitted
  CPU            ${perPage(processCpuMs)} ms per page in all threads (${(processCpuMs / elapsedMs).toFixed(2)} cores busy over ${seconds(elapsedMs)}); per thread: ${threadsCpu.map((t) => `${t.thread} ${perPage(t.cpuMs)}`).join(", ")}
  requests       ${perPage(requestsTotal)} per page to the emulators (uploads included, the bench's follower not): ${requests.map(([name, count]) => `${name} ${perPage(count)}`).join(", ")}
  memory         peak RSS ${mb(peakRss)}; RSS as each tenth of the pages came through: ${rssAtTenth.map(mb).join(", ")}
`);
const faults = runtime.faultsInjected;
if (chaos) {
  process.stdout.write(`  faults         rate ${faultRate}, seed ${values.seed}, visibility timeouts ${JSON.stringify(visibilityTimeoutSeconds)} s: ${faults.s3 + faults.sqs + faults.dynamodb} injected — S3 errors ${faults.s3}, SQS errors ${faults.sqs}, DynamoDB throttles ${faults.dynamodb}
  redrive        ${redrive.rounds} rounds (max ${MAX_REDRIVE_ROUNDS}), ${redrive.moved} messages moved back${redrive.failed > 0 ? `, ${redrive.failed} failed to move` : ""}
`);
}
for (const failure of uploadFailures.slice(0, 10)) process.stdout.write(`  upload failed: ${failure}\n`);
for (const error of functionErrors) process.stdout.write(`  function error: ${error}\n`);
if (functionErrorCount > functionErrors.length) {
  process.stdout.write(`  … ${functionErrorCount - functionErrors.length} more errors reported\n`);
}

await runtime.stop();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
const lossless = missing === 0 && uploadFailureCount === 0 && queuesEmpty && queryable === recordIds.size;
const recovered = chaos ? `; all ${faults.s3 + faults.sqs + faults.dynamodb} injected faults recovered` : "";
process.stdout.write(
  `${lossless ? `OK: nothing lost, every queue and DLQ empty${recovered}` : "FAILED: see the counts above"}\n`,
);
process.exit(lossless ? 0 : 1);
