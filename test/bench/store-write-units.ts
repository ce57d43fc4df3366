/**
 * Write units per stored record, billed by DynamoDB's rules (the larger of
 * the item before and after, 1 unit per KB, rounded up; dynalite-item-size.ts)
 * on a dynalite table, for the seed pages, each stored through the real store-record
 * service path (store, index, notify, clear the outbox). Prints the requests
 * and units per record, and the AWS cost per million pages that follows.
 *
 *   npx tsx test/bench/store-write-units.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient, type WriteRequest } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import type { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { createTable } from "../../infra/local/create-local-resources";
import { processRecordMessages } from "../../shared/ingest/store-record-service";
import type { Log } from "../../shared/observability/log";
import type { MetricsSink } from "../../shared/observability/metrics";
import { parsePage } from "../../shared/parse/parse-page";
import { asAttributeValues, itemBytes, writeUnits } from "./dynamodb-item-size";

const PAGES = join(import.meta.dirname, "../fixtures/pages");
const TABLE = "docket-bench";

/** On-demand and request prices, us-east-1, as of 2025 (USD). */
const PRICE = {
  dynamoWritePerMillionUnits: 0.625,
  dynamoReadPerMillionUnits: 0.125,
  lambdaPerGbSecond: 0.0000166667,
  lambdaPerMillionRequests: 0.2,
  sqsPerMillionRequests: 0.4,
  s3PutPerThousand: 0.005,
  s3GetPerThousand: 0.0004,
  snsPerMillionPublishes: 0.5,
};

interface Tally {
  requests: Map<string, number>;
  /** write units by request kind: record-item and claim Puts, index BatchWrites, Updates */
  unitsByRequest: Map<string, number>;
  writeUnits: number;
  readUnits: number;
}

/**
 * Counts requests and bills each write as DynamoDB would: a Put or Update
 * on the larger of the item before and after (ReturnValues ALL_OLD tells
 * the before), a batch Put on its item, a batch Delete as 1 (index items
 * are under 1 KB). Reads are counted as dynalite reports them.
 */
function meter(client: DynamoDBClient, tally: Tally): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as unknown as { input: Record<string, unknown> }).input;
      const name = String(context.commandName);
      const result = await next(args);
      tally.requests.set(name, (tally.requests.get(name) ?? 0) + 1);
      const output = result.output as { ConsumedCapacity?: unknown; Attributes?: Record<string, unknown> };
      let units = 0;
      if (name === "PutItemCommand" || name === "UpdateItemCommand") {
        const before = output.Attributes ? itemBytes(asAttributeValues(output.Attributes)) : 0;
        const after =
          name === "PutItemCommand" ? itemBytes(asAttributeValues(input.Item as Record<string, unknown>)) : before;
        units = writeUnits(Math.max(before, after));
      } else if (name === "BatchWriteItemCommand") {
        const requests = Object.values(input.RequestItems as Record<string, WriteRequest[]>).flat();
        units = requests.reduce(
          (sum, request) =>
            sum + (request.PutRequest?.Item ? writeUnits(itemBytes(asAttributeValues(request.PutRequest.Item))) : 1),
          0,
        );
      } else {
        const consumed = output.ConsumedCapacity;
        tally.readUnits += (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
          (sum: number, entry: { CapacityUnits?: number }) => sum + (entry.CapacityUnits ?? 0),
          0,
        );
      }
      if (units > 0) {
        tally.writeUnits += units;
        tally.unitsByRequest.set(name, (tally.unitsByRequest.get(name) ?? 0) + units);
      }
      return result;
    },
    // at build, when the input is marshalled, so sizes are of what is sent
    { step: "build", name: "meterCapacity" },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as unknown as { input: Record<string, unknown> }).input;
      input.ReturnConsumedCapacity = "TOTAL";
      const name = String(context.commandName);
      if (name === "PutItemCommand" || name === "UpdateItemCommand") input.ReturnValues = "ALL_OLD";
      return next(args);
    },
    // before serialization, so the request asks for what the meter reads
    { step: "initialize", name: "askForCapacity" },
  );
}

const server = dynalite({ createTableMs: 0 });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;
const dynamodb = new DynamoDBClient({
  endpoint: `http://127.0.0.1:${port}`,
  region: "us-east-1",
  credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
});
await createTable(dynamodb, TABLE);
const tally: Tally = { requests: new Map(), unitsByRequest: new Map(), writeUnits: 0, readUnits: 0 };
meter(dynamodb, tally);

const published: string[] = [];
/** Takes every PublishBatch entry (store-record batches its notifications). */
const sns = {
  send: async (command: { input: { PublishBatchRequestEntries?: { Id?: string; Message?: string }[] } }) => {
    const entries = command.input.PublishBatchRequestEntries ?? [];
    published.push(...entries.map((entry) => entry.Message ?? ""));
    return { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
  },
};
const metrics = { addMetric: () => {} } as unknown as MetricsSink;
const log: Log = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (...args: unknown[]) => console.error(...args),
  appendKeys: () => {},
};
const deps = {
  ddb: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
  s3: new S3Client({ region: "us-east-1" }),
  sns: sns as unknown as SNSClient,
  // Records travel inline here: no claim check to expire, so nothing is queued for re-parsing.
  sqs: new SQSClient({ region: "us-east-1" }),
  pageEventsQueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/page-events",
  recordsQueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/records",
  tableName: TABLE,
  artifactsBucket: "artifacts",
  topicArn: "arn:aws:sns:us-east-1:000000000000:bench",
  logger: log,
  metrics,
  now: () => new Date(),
};

const rows: { file: string; kind: string; recordBytes: number; requests: number; writeUnits: number }[] = [];
for (const file of readdirSync(PAGES).filter((slug) => slug.startsWith("seed-"))) {
  const bytes = readFileSync(join(PAGES, file, "page.txt"));
  const outcome = parsePage(bytes, { uri: `s3://raw/raw/${file}` });
  if (!outcome.ok) continue;
  const version = {
    uri: `s3://raw/raw/${file}`,
    sequencer: "0055AED6DCD90281E5",
    versionId: null,
    eventTime: new Date().toISOString(),
    sha256: outcome.record.source.sha256,
    parserVersion: outcome.record.parserVersion,
  };
  const before = { requests: [...tally.requests.values()].reduce((a, b) => a + b, 0), units: tally.writeUnits };
  const body = JSON.stringify({ record: outcome.record, version });
  const response = await processRecordMessages(
    [{ messageId: file, body, attributes: { ApproximateReceiveCount: "1" } } as never],
    deps,
  );
  if (response.batchItemFailures.length > 0) throw new Error(`${file} failed to store`);
  rows.push({
    file,
    kind: outcome.record.kind,
    recordBytes: Buffer.byteLength(JSON.stringify(outcome.record)),
    requests: [...tally.requests.values()].reduce((a, b) => a + b, 0) - before.requests,
    writeUnits: tally.writeUnits - before.units,
  });
}
server.close();

console.table(rows);
console.log("DynamoDB requests, all seeds:", Object.fromEntries(tally.requests));
console.log("write units by request, all seeds:", Object.fromEntries(tally.unitsByRequest));
const minutes = rows.filter((row) => row.kind === "minutes");
const perRecord = minutes.reduce((sum, row) => sum + row.writeUnits, 0) / Math.max(1, minutes.length);
const readsPerRecord = tally.readUnits / Math.max(1, rows.length);
console.log(`write units per minutes record (mean of ${minutes.length}): ${perRecord.toFixed(1)}`);

// Cost per million pages. Lambda: parse-page 1,024 MB × ~60 ms, store-record 512 MB × ~60 ms per
// record (batched), query side excluded. SQS: page-events and records queues, each a send, a
// receive share (batches of 10 and 25) and a delete share. S3: the raw PUT and one GET by the parser.
const pages = 1_000_000;
const lambdaGbSeconds = pages * (1.0 * 0.06 + 0.5 * 0.06);
const sqsRequests = pages * (1 + 1 / 10 + 1 / 10) + pages * (1 / 10 + 1 / 25 + 1 / 25);
const cost = {
  dynamoWrites: ((perRecord * pages) / 1e6) * PRICE.dynamoWritePerMillionUnits,
  dynamoReads: ((readsPerRecord * pages) / 1e6) * PRICE.dynamoReadPerMillionUnits,
  lambda:
    lambdaGbSeconds * PRICE.lambdaPerGbSecond + ((pages / 10 + pages / 25) / 1e6) * PRICE.lambdaPerMillionRequests,
  sqs: (sqsRequests / 1e6) * PRICE.sqsPerMillionRequests,
  s3: (pages / 1000) * PRICE.s3PutPerThousand + (pages / 1000) * PRICE.s3GetPerThousand,
  sns: (pages / 1e6) * PRICE.snsPerMillionPublishes,
};
const total = Object.values(cost).reduce((a, b) => a + b, 0);
console.log("USD per million pages:", Object.fromEntries(Object.entries(cost).map(([k, v]) => [k, v.toFixed(2)])));
console.log(
  `total USD per million pages: ${total.toFixed(2)} (DynamoDB writes ${((100 * cost.dynamoWrites) / total).toFixed(0)}%)`,
);
