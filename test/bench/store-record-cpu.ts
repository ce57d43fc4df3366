/**
 * CPU per record of the store-record function, alone: the real handler
 * (functions/store-record/handler.ts, with its logger, metrics and SDK
 * clients) stores N records made from the fixtures (seeds and HTML pages,
 * cycled, each copy under its own key, as bench:pipeline uploads them)
 * against the emulators, which run on a thread of their own
 * (infra/local/emulators.ts). The pages are parsed before the clock starts;
 * only the handler's thread is timed (thread CPU, infra/local/thread-cpu.mjs).
 * Batches of 10, the local runtime's. Prints CPU ms per record, and the
 * requests per record the emulators served. --same-keys uploads every copy
 * of a fixture under one key, as a crawler fetching unchanged pages again
 * a day later would: after the warm-up (whose content claims are then dated
 * a day back), every record is a newer version with the same content.
 *
 *   npx tsx test/bench/store-record-cpu.ts [--records 1000] [--warm-up 200] [--same-keys]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/store-record-cpu.ts
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { createLocalResources } from "../../infra/local/create-local-resources";
import { startEmulators } from "../../infra/local/emulators";
import { functionEnvironment } from "../../infra/local/function-environment";
import { REPO_ROOT } from "../../infra/local/load-handler";
import { threadCpuMs } from "../../infra/local/thread-cpu.mjs";
import { BATCHING } from "../../shared/config/resources";
import { parsePage } from "../../shared/parse/parse-page";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "1000" },
    "warm-up": { type: "string", default: "200" },
    "same-keys": { type: "boolean", default: false },
  },
});
const recordCount = Number(values.records);
const warmUp = Number(values["warm-up"]);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const emulators = await startEmulators();
const local = { region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };
const dynamodb = new DynamoDBClient({ ...local, endpoint: emulators.dynamodbUrl });
const resources = await createLocalResources(
  {
    s3: new S3Client({ ...local, endpoint: emulators.fauxqsUrl, forcePathStyle: true }),
    sqs: new SQSClient({ ...local, endpoint: emulators.fauxqsUrl }),
    sns: new SNSClient({ ...local, endpoint: emulators.fauxqsUrl }),
    dynamodb,
  },
  "us-east-1",
  "cpu",
);
Object.assign(
  process.env,
  functionEnvironment(
    {
      stage: "cpu",
      resources,
      s3Endpoint: emulators.fauxqsUrl,
      sqsEndpoint: emulators.fauxqsUrl,
      snsEndpoint: emulators.fauxqsUrl,
      dynamodbEndpoint: emulators.dynamodbUrl,
      maxPageBytes: 10 * 1024 * 1024,
      cursorKey: "bench",
    },
    process.env,
  ),
);
const { handler } = (await import("../../functions/store-record/handler")) as {
  handler: (event: SQSEvent) => Promise<{ batchItemFailures: unknown[] }>;
};

/** The fixtures bench:pipeline uploads, parsed under the key of each copy (record ids may follow the key). */
async function messages(count: number, offset: number, run: string): Promise<SQSRecord[]> {
  const dir = join(REPO_ROOT, "test/fixtures/pages");
  const pages: { name: string; bytes: Buffer; contentType: string }[] = [];
  for (const slug of (await readdir(dir)).filter((s) => s.startsWith("seed-") || s.startsWith("html-")).sort()) {
    const html = slug.startsWith("html-");
    const bytes = await readFile(join(dir, slug, html ? "page.html" : "page.txt"));
    pages.push({ name: slug, bytes, contentType: html ? "text/html" : "text/plain" });
  }
  const out: SQSRecord[] = [];
  for (let index = offset; index < offset + count; index++) {
    const page = pages[index % pages.length] as (typeof pages)[number];
    const copy = values["same-keys"] ? "" : `${String(index).padStart(6, "0")}-`;
    const uri = `s3://${resources.rawBucketName}/raw/bench/${run}/${copy}${page.name}`;
    const outcome = parsePage(page.bytes, { uri, contentType: page.contentType });
    if (!outcome.ok) continue;
    const version = {
      uri,
      sequencer: (0x10000 + index).toString(16).toUpperCase(),
      versionId: null,
      eTag: null,
      eventTime: new Date(Date.UTC(2026, 0, 1) + index).toISOString(),
      sha256: outcome.record.source.sha256,
      parserVersion: outcome.record.parserVersion,
    };
    out.push({
      messageId: `m${index}`,
      body: JSON.stringify({ record: outcome.record, version }),
      attributes: { ApproximateReceiveCount: "1" },
    } as unknown as SQSRecord);
  }
  return out;
}

async function store(records: SQSRecord[]): Promise<void> {
  const size = BATCHING.interactive.records.batchSize;
  for (let start = 0; start < records.length; start += size) {
    const response = await handler({ Records: records.slice(start, start + size) });
    if (response.batchItemFailures.length > 0) throw new Error(`${response.batchItemFailures.length} records failed`);
  }
}

/** Dates every content claim a day back: the pages were first stored yesterday. */
async function ageClaims(): Promise<void> {
  const ddb = DynamoDBDocumentClient.from(dynamodb);
  const claims = await ddb.send(
    new ScanCommand({
      TableName: resources.tableName,
      FilterExpression: "begins_with(pk, :content)",
      ExpressionAttributeValues: { ":content": "CONTENT#" },
    }),
  );
  const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  for (const claim of claims.Items ?? []) {
    await ddb.send(
      new UpdateCommand({
        TableName: resources.tableName,
        Key: { pk: claim.pk, sk: claim.sk },
        UpdateExpression: "SET claimedAt = :yesterday",
        ExpressionAttributeValues: { ":yesterday": yesterday },
      }),
    );
  }
}

const run = Date.now().toString(36);
await store(await messages(warmUp, 0, run));
if (values["same-keys"]) await ageClaims();
const measured = await messages(recordCount, warmUp, run);
const requestsBefore = (await emulators.usage()).requests;
const cpuBefore = threadCpuMs();
const started = performance.now();
await store(measured);
const cpuMs = threadCpuMs() - cpuBefore;
const elapsedMs = performance.now() - started;
const requestsAfter = (await emulators.usage()).requests;
await emulators.stop();

const perRecord = (n: number) => (n / measured.length).toFixed(3);
const requests = Object.entries(requestsAfter)
  .map(([name, n]) => [name, n - (requestsBefore[name] ?? 0)] as const)
  .filter(([, n]) => n > 0)
  .sort(([a], [b]) => a.localeCompare(b));
console.log(
  `store-record: ${measured.length} records, ${perRecord(cpuMs)} ms CPU per record on its thread ` +
    `(${(elapsedMs / 1000).toFixed(1)} s elapsed)`,
);
console.log(`requests per record: ${requests.map(([name, n]) => `${name} ${perRecord(n)}`).join(", ")}`);
