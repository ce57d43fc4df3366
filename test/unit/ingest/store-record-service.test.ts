import { Logger } from "@aws-lambda-powertools/logger";
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { TransientError } from "../../../shared/errors";
import { processRecordMessages, type StoreRecordDeps } from "../../../shared/ingest/store-record-service";
import type { RecordItem } from "../../../shared/storage/record-item";
import { RESERVE_MS } from "../../../shared/storage/wait-budget";
import { aMeetingRecord } from "../storage/support/meeting-record";
import { jsonBody } from "../storage/support/s3-body";
import {
  acceptWrites,
  aVersion,
  inlineRecord,
  lastWrittenItem,
  recordPuts,
  storeHarness,
} from "../storage/support/store-harness";
import { accessDenied } from "../support/s3-errors";
import {
  acceptPublishes,
  awsMocks,
  failedIds,
  NOW,
  published,
  recordingMetrics,
  silentLog,
  sqsRecord,
} from "./support/ingest-harness";

const { ddbMock, s3Mock, deps: storeDeps } = storeHarness();
const conditionFailed = () => new ConditionalCheckFailedException({ message: "condition failed", $metadata: {} });
const { snsMock } = awsMocks();
const record = aMeetingRecord();
const inline = JSON.stringify({ record, version: aVersion() });

let metrics: ReturnType<typeof recordingMetrics>;
let deps: StoreRecordDeps;

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  snsMock.reset();
  tableHolds(null);
  acceptWrites(ddbMock);
  acceptPublishes(snsMock);
  metrics = recordingMetrics();
  deps = {
    ...storeDeps,
    sns: new SNSClient({ region: "us-east-1" }),
    topicArn: "arn:aws:sns:us-east-1:000000000000:ingest",
    logger: silentLog,
    metrics: metrics.sink,
    now: () => NOW,
  };
});

/** The record item the table holds (null: none), to the batch's BatchGetItem and to a GetItem alike. */
function tableHolds(item: RecordItem | null): void {
  ddbMock.on(GetCommand).resolves(item ? { Item: item } : {});
  ddbMock.on(BatchGetCommand).resolves({ Responses: { docket: item ? [item] : [] } });
}

/** What the table holds after a first, successful delivery of `inline`. */
async function afterFirstDelivery(): Promise<RecordItem> {
  await processRecordMessages([sqsRecord("m0", inline)], deps);
  const { indexPendingSince: _, staleIndexKeys: __, ...item } = lastWrittenItem(ddbMock);
  ddbMock.reset();
  snsMock.reset();
  acceptPublishes(snsMock);
  acceptWrites(ddbMock);
  return item;
}

describe("processRecordMessages", () => {
  it("stores a new record and publishes record.created with a filterable type attribute", async () => {
    const response = await processRecordMessages([sqsRecord("m1", inline)], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(recordPuts(ddbMock)).toHaveLength(1);
    expect(published(snsMock)).toEqual([
      {
        typeAttribute: "record.created",
        message: {
          type: "record.created",
          id: record.id,
          title: record.title,
          region: { code: "320404", name: "江苏省常州市钟楼区" },
          meetingDate: "2022-01-26",
          uri: record.source.uri,
          version: { eventTime: aVersion().eventTime, sequencer: aVersion().sequencer },
          at: NOW.toISOString(),
        },
      },
    ]);
    expect(metrics.added.map((metric) => metric.name)).toEqual(["RecordsCreated"]);
  });

  it("publishes record.created once the index is complete, then clears the mark and the outbox in one update", async () => {
    await processRecordMessages([sqsRecord("m1", inline)], deps);

    const updates = ddbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input.UpdateExpression);
    expect(updates).toEqual(["REMOVE indexPendingSince, staleIndexKeys, pendingNotification"]);
    expect(published(snsMock).map((entry) => entry.message.type)).toEqual(["record.created"]);
  });

  it("says in record.created when the record's bytes repeat another record's", async () => {
    const owner = "rec_ffffffffffffffffffff";
    ddbMock.on(PutCommand, { Item: { sk: "CONTENT" } }).rejects(conditionFailed());
    ddbMock.on(GetCommand, { Key: { pk: `CONTENT#${record.source.sha256}` } }).resolves({ Item: { recordId: owner } });
    ddbMock
      .on(GetCommand, { Key: { pk: `REC#${owner}` } })
      .resolves({ Item: { version: { sha256: record.source.sha256 } } });

    await processRecordMessages([sqsRecord("m1", inline)], deps);

    expect(published(snsMock)[0]?.message).toMatchObject({ type: "record.created", duplicateOf: owner });
    expect(inlineRecord(lastWrittenItem(ddbMock))).toMatchObject({ duplicateOf: owner });
  });

  it("answers a duplicate delivery with record.unchanged and no write", async () => {
    const stored = await afterFirstDelivery();
    tableHolds({ ...stored, pendingNotification: undefined });

    const response = await processRecordMessages([sqsRecord("m1", inline)], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
    expect(published(snsMock)[0]?.message).toMatchObject({ type: "record.unchanged", reason: "duplicate" });
    expect(metrics.added.map((metric) => metric.name)).toContain("RecordsUnchanged");
  });

  it("fails the message when publishing fails after the write, and the redelivery publishes record.created", async () => {
    acceptPublishes(snsMock, { failFirstCall: new Error("SNS down") });
    const first = await processRecordMessages([sqsRecord("m1", inline)], deps);
    expect(failedIds(first)).toEqual(["m1"]);
    expect(ddbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input.UpdateExpression)).toEqual([
      "REMOVE indexPendingSince, staleIndexKeys",
    ]);
    // what the table holds then: the index complete, its mark released, the notification still owed
    const { indexPendingSince: _, staleIndexKeys: __, ...owed } = lastWrittenItem(ddbMock);
    expect(owed.pendingNotification).toBe("record.created");
    tableHolds(owed);

    await processRecordMessages([sqsRecord("m1", inline)], deps);

    expect(published(snsMock).at(-1)?.message.type).toBe("record.created");
  });

  it("resolves a claim-check pointer before storing", async () => {
    const pointer = { bucket: "artifacts", key: "claims/records/rec/abc.json" };
    s3Mock.on(GetObjectCommand, { Bucket: "artifacts", Key: pointer.key }).resolves({ Body: jsonBody(record) });

    const response = await processRecordMessages(
      [sqsRecord("m1", JSON.stringify({ pointer, version: aVersion() }))],
      deps,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(inlineRecord(lastWrittenItem(ddbMock))).toEqual(record);
  });

  it("fails a message whose claim check is gone, so it ends in the DLQ", async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: "gone", $metadata: {} }));
    const pointer = { bucket: "artifacts", key: "claims/records/rec/gone.json" };

    const response = await processRecordMessages(
      [sqsRecord("m1", JSON.stringify({ pointer, version: aVersion() }))],
      deps,
    );

    expect(failedIds(response)).toEqual(["m1"]);
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
  });

  describe("when S3 answers 403 AccessDenied for the claim check, as it does in AWS for a gone key", () => {
    const pointer = { bucket: "artifacts", key: "claims/records/rec/x.json" };
    const message = () => sqsRecord("m1", JSON.stringify({ pointer, version: aVersion() }));

    beforeEach(() => {
      s3Mock.on(GetObjectCommand).rejects(accessDenied());
    });

    it("fails the message as malformed, saying the claim check no longer exists, when listing finds no such key", async () => {
      const logs = capturedLogger();
      s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });

      const response = await processRecordMessages([message()], { ...deps, logger: logs.logger });

      expect(failedIds(response)).toEqual(["m1"]);
      expect(logs.lines()).toContainEqual(
        expect.objectContaining({
          level: "ERROR",
          message: "malformed record message; failing it so it ends in the DLQ",
          reason: "claim check s3://artifacts/claims/records/rec/x.json no longer exists",
        }),
      );
      expect(s3Mock.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toMatchObject({
        Bucket: "artifacts",
        Prefix: pointer.key,
      });
    });

    it("fails the message as a retried S3 failure, a permission problem, when the claim check is there", async () => {
      const logs = capturedLogger();
      s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: pointer.key }] });

      const response = await processRecordMessages([message()], { ...deps, logger: logs.logger });

      expect(failedIds(response)).toEqual(["m1"]);
      expect(logs.lines()).toContainEqual(
        expect.objectContaining({
          level: "ERROR",
          message: "record message failed; it will be retried",
          error: expect.objectContaining({ name: "S3ReadDeniedError" }),
        }),
      );
      expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
    });
  });

  it("fails a message that is not a record message, and only that one", async () => {
    const response = await processRecordMessages([sqsRecord("bad", "{}"), sqsRecord("good", inline)], deps);

    expect(failedIds(response)).toEqual(["bad"]);
  });

  it("fails a message whose record does not match the schema", async () => {
    const invalid = JSON.stringify({ record: { ...record, id: "not-an-id" }, version: aVersion() });

    const response = await processRecordMessages([sqsRecord("m1", invalid)], deps);

    expect(failedIds(response)).toEqual(["m1"]);
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("fails a message when DynamoDB throttles, so it is retried", async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: "throttled", $metadata: {} });
    ddbMock.on(BatchGetCommand).rejects(throttled);
    ddbMock.on(GetCommand).rejects(throttled);

    const response = await processRecordMessages([sqsRecord("m1", inline)], deps);

    expect(failedIds(response)).toEqual(["m1"]);
    expect(snsMock.calls()).toHaveLength(0);
  });

  it("fails a record at once, for redelivery, when the invocation has too little time left to store it", async () => {
    const context = { getRemainingTimeInMillis: () => RESERVE_MS - 1 } as Context;

    const response = await processRecordMessages([sqsRecord("m1", inline)], deps, context);

    expect(failedIds(response)).toEqual(["m1"]);
    expect(ddbMock.calls()).toHaveLength(0);
    expect(snsMock.calls()).toHaveLength(0);
  });

  it("logs a TransientError (Docket deferring to a redelivery) as a warning, not an error", async () => {
    const logs = capturedLogger();
    failRecordWrites(new TransientError("record is being written by another delivery"));

    const response = await processRecordMessages([sqsRecord("m1", inline)], { ...deps, logger: logs.logger });

    expect(failedIds(response)).toEqual(["m1"]);
    expect(logs.lines().filter((line) => line.level === "ERROR")).toEqual([]);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        level: "WARN",
        message: "record message failed; it will be retried",
        messageId: "m1",
        correlation_id: record.id,
      }),
    );
  });

  it("logs why a message failed, with the record id as correlation id", async () => {
    const logs = capturedLogger();
    failRecordWrites(new ProvisionedThroughputExceededException({ message: "throttled", $metadata: {} }));

    await processRecordMessages([sqsRecord("m1", inline)], { ...deps, logger: logs.logger });

    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        message: "record message failed; it will be retried",
        messageId: "m1",
        correlation_id: record.id,
        error: expect.objectContaining({ name: "ProvisionedThroughputExceededException" }),
      }),
    );
  });

  it("handles a batch's records side by side, each record's log lines carrying its own correlation id only", async () => {
    const logs = capturedLogger();
    logs.logger.addContext(aLambdaContext("req-1"));
    const other = otherRecord();
    // The first record's claim waits until the second has started (and set its correlation id), so
    // the two are in flight together: one shared logger would give the first's lines the second's id.
    const otherStarted = signalOnClaim(other.sha256);
    holdClaim(record.source.sha256, otherStarted.seen);
    const batch = [sqsRecord("m1", inline), sqsRecord("m2", "not json"), sqsRecord("m3", other.message)];

    const response = await processRecordMessages(batch, { ...deps, logger: logs.logger });
    logs.logger.info("after the batch");

    expect(failedIds(response)).toEqual(["m2"]);
    const byMessage = logs.lines().map((line) => [line.message, line.correlation_id]);
    expect(byMessage).toHaveLength(4);
    expect(byMessage).toEqual(
      expect.arrayContaining([
        ["record created", record.id],
        ["malformed record message; failing it so it ends in the DLQ", undefined],
        ["record created", other.id],
      ]),
    );
    expect(byMessage.at(-1)).toEqual(["after the batch", undefined]);
    // each record's logger still carries the invocation's Lambda context
    expect(logs.lines().map((line) => line.function_request_id)).toEqual(["req-1", "req-1", "req-1", "req-1"]);
  });

  it("reports failed messages in batch order, though records handled side by side fail in any order", async () => {
    const other = otherRecord();
    const throttled = new ProvisionedThroughputExceededException({ message: "throttled", $metadata: {} });
    const otherFailed = signalOnClaim(other.sha256, throttled);
    holdClaim(record.source.sha256, otherFailed.seen, throttled);
    const batch = [sqsRecord("m1", inline), sqsRecord("m2", "not json"), sqsRecord("m3", other.message)];

    const response = await processRecordMessages(batch, deps);

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(["m1", "m2", "m3"]);
  });
});

function aLambdaContext(awsRequestId: string): Context {
  return {
    awsRequestId,
    functionName: "store-record",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:store-record",
    memoryLimitInMB: "512",
    getRemainingTimeInMillis: () => 30_000,
  } as Context;
}

/** A second record, with other bytes, and its record message. */
function otherRecord() {
  const base = aMeetingRecord({ id: "rec_ffffffffffffffffffff" });
  const version = aVersion({ uri: "s3://raw-bucket/raw/other.html", sha256: "b".repeat(64) });
  const other = { ...base, source: { ...base.source, sha256: "b".repeat(64) } };
  return { id: other.id, sha256: other.source.sha256, message: JSON.stringify({ record: other, version }) };
}

/** Record-item Puts fail with `error` (content claims still succeed). */
function failRecordWrites(error: Error): void {
  ddbMock.on(PutCommand, { Item: { sk: "RECORD" } }).rejects(error);
}

/**
 * Signals when the claim on some bytes is first put, a record's first
 * request of its own once the batch has read its record items (then
 * accepts it, or fails with `error`).
 */
function signalOnClaim(sha256: string, error?: Error) {
  let fire!: () => void;
  const seen = new Promise<void>((resolve) => {
    fire = resolve;
  });
  ddbMock.on(PutCommand, { Item: { pk: `CONTENT#${sha256}` } }).callsFake(async () => {
    fire();
    if (error) throw error;
    return {};
  });
  return { seen };
}

/**
 * Holds the claim on some bytes until `until` happens, then accepts it (or
 * fails with `error`). Handled one at a time, the batch would never get
 * there: after one turn of the event loop the claim fails instead, with a
 * message saying so.
 */
function holdClaim(sha256: string, until: Promise<void>, error?: Error) {
  ddbMock.on(PutCommand, { Item: { pk: `CONTENT#${sha256}` } }).callsFake(async () => {
    const reached = await Promise.race([
      until.then(() => true),
      new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
    ]);
    if (!reached) throw new Error(`the claim on ${sha256} was put while nothing else in the batch was in flight`);
    if (error) throw error;
    return {};
  });
}

/** A real Powertools logger whose JSON lines (stdout and stderr) the test reads back. */
function capturedLogger() {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(capture),
    vi.spyOn(process.stderr, "write").mockImplementation(capture),
  ];
  const logger = new Logger({ serviceName: "store-record-test", logLevel: "INFO" });
  return {
    logger,
    /** every line logged so far; stops capturing */
    lines: () => {
      for (const spy of spies) spy.mockRestore();
      return written
        .flatMap((chunk) => chunk.split("\n"))
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}
