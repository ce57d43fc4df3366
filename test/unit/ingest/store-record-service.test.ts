import { Logger } from "@aws-lambda-powertools/logger";
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { ChangeMessageVisibilityBatchCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { FIRST_SENT_ATTRIBUTE } from "../../../shared/config/resources";
import { TransientError } from "../../../shared/errors";
import { parsePageEventMessage } from "../../../shared/events/page-event";
import { REPARSE_CONFIGURATION_ID } from "../../../shared/ingest/queue-page-reparse";
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
const { snsMock, sqsMock } = awsMocks();
const PAGE_EVENTS_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/page-events";
const RECORDS_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/records";
const record = aMeetingRecord();
const inline = JSON.stringify({ record, version: aVersion() });

let metrics: ReturnType<typeof recordingMetrics>;
let deps: StoreRecordDeps;

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  snsMock.reset();
  sqsMock.reset();
  tableHolds(null);
  acceptWrites(ddbMock);
  acceptPublishes(snsMock);
  sqsMock.on(SendMessageCommand).resolves({ MessageId: "reparse-1" });
  metrics = recordingMetrics();
  deps = {
    ...storeDeps,
    sns: new SNSClient({ region: "us-east-1" }),
    sqs: new SQSClient({ region: "us-east-1" }),
    pageEventsQueueUrl: PAGE_EVENTS_QUEUE_URL,
    recordsQueueUrl: RECORDS_QUEUE_URL,
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

/** One delivery of a record message that travels as a pointer to `pointer`. */
function deliverPointer(pointer: { bucket: string; key: string }, withDeps: StoreRecordDeps = deps) {
  return processRecordMessages([sqsRecord("m1", JSON.stringify({ pointer, version: aVersion() }))], withDeps);
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
    expect(updates).toEqual(["REMOVE indexPendingSince, indexMarkNonce, staleIndexKeys, pendingNotification"]);
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
      "REMOVE indexPendingSince, indexMarkNonce, staleIndexKeys",
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

    const response = await deliverPointer(pointer);

    expect(response.batchItemFailures).toEqual([]);
    expect(inlineRecord(lastWrittenItem(ddbMock))).toEqual(record);
  });

  describe("a pointer whose claim check has expired (a message redriven after the lifecycle rule's age)", () => {
    const pointer = { bucket: "artifacts", key: "claims/records/rec/gone.json" };
    const version = aVersion({
      uri: "s3://raw-bucket/raw/区 县/会议 1.html",
      versionId: "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY",
      eTag: "d41d8cd98f00b204e9800998ecf8427e",
    });
    const expired = () => sqsRecord("m1", JSON.stringify({ pointer, version }));

    beforeEach(() => {
      s3Mock
        .on(GetObjectCommand)
        .rejects(new NoSuchKey({ message: "The specified key does not exist.", $metadata: {} }));
    });

    it("queues exactly that page version for re-parsing and consumes the message", async () => {
      const response = await processRecordMessages([expired()], deps);

      expect(response.batchItemFailures).toEqual([]);
      const sends = sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
      expect(sends).toHaveLength(1);
      expect(sends[0]?.QueueUrl).toBe(PAGE_EVENTS_QUEUE_URL);
      // What parse-page reads from it: the same object version, sequencer and event time as the first parse.
      const parsed = parsePageEventMessage(sends[0]?.MessageBody ?? "");
      expect(parsed).toEqual({
        kind: "entries",
        entries: [
          {
            kind: "page",
            event: {
              bucket: "raw-bucket",
              key: "raw/区 县/会议 1.html",
              uri: version.uri,
              size: null,
              eTag: version.eTag,
              sequencer: version.sequencer,
              versionId: version.versionId,
              eventTime: version.eventTime,
              eventName: "ObjectCreated:Put",
            },
          },
        ],
      });
      expect(JSON.parse(sends[0]?.MessageBody ?? "").Records[0].s3.configurationId).toBe(REPARSE_CONFIGURATION_ID);
    });

    it("stores and announces nothing itself: the re-parse sends the record again", async () => {
      await processRecordMessages([expired()], deps);

      expect(ddbMock.calls()).toHaveLength(0);
      expect(snsMock.calls()).toHaveLength(0);
    });

    it("warns why, naming the claim check and the page, and counts ClaimChecksExpired", async () => {
      const logs = capturedLogger();
      const message = expired();
      message.messageAttributes[FIRST_SENT_ATTRIBUTE] = {
        dataType: "Number",
        stringValue: String(Date.parse("2024-04-10T08:00:00.000Z")),
      };

      await processRecordMessages([message], { ...deps, logger: logs.logger });

      expect(logs.lines()).toEqual([
        expect.objectContaining({
          level: "WARN",
          message: "claim check has expired; queued the page for re-parsing, which sends the record again",
          messageId: "m1",
          claimCheck: `s3://artifacts/${pointer.key}`,
          uri: version.uri,
          versionId: version.versionId,
          firstSentAt: "2024-04-10T08:00:00.000Z",
        }),
      ]);
      expect(metrics.added).toEqual([{ name: "ClaimChecksExpired", value: 1, dimensions: {} }]);
    });

    it("fails the message, for a retry, when the page cannot be queued", async () => {
      sqsMock.on(SendMessageCommand).rejects(new Error("SQS unavailable"));

      const response = await processRecordMessages([expired()], deps);

      expect(failedIds(response)).toEqual(["m1"]);
      expect(metrics.added).toEqual([]);
    });

    it("fails a message whose version names no s3:// page, so it ends in the DLQ", async () => {
      const logs = capturedLogger();
      const body = JSON.stringify({ pointer, version: aVersion({ uri: "https://example.gov.cn/page.html" }) });

      const response = await processRecordMessages([sqsRecord("m1", body)], { ...deps, logger: logs.logger });

      expect(failedIds(response)).toEqual(["m1"]);
      expect(sqsMock.calls()).toHaveLength(0);
      expect(logs.lines()).toContainEqual(
        expect.objectContaining({ message: "malformed record message; failing it so it ends in the DLQ" }),
      );
    });
  });

  it("fails a message whose claim check cannot be read for another reason, so it is retried", async () => {
    const logs = capturedLogger();
    s3Mock.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: "SlowDown",
        $fault: "server",
        message: "Please reduce your request rate.",
        $metadata: { httpStatusCode: 503 },
      }),
    );
    const pointer = { bucket: "artifacts", key: "claims/records/rec/abc.json" };

    const response = await processRecordMessages([sqsRecord("m1", JSON.stringify({ pointer, version: aVersion() }))], {
      ...deps,
      logger: logs.logger,
    });

    expect(failedIds(response)).toEqual(["m1"]);
    expect(sqsMock.calls()).toHaveLength(0);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ level: "ERROR", message: "record message failed; it will be retried" }),
    );
  });

  it.each([
    ["in another bucket", { bucket: "elsewhere", key: "claims/records/rec/abc.json" }],
    ["outside the claim checks", { bucket: "artifacts", key: "records/rec/abc.json" }],
  ])("keeps a pointer %s in the DLQ rather than re-parsing", async (_label, pointer) => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: "gone", $metadata: {} }));

    const response = await deliverPointer(pointer);

    expect(failedIds(response)).toEqual(["m1"]);
    expect(sqsMock.calls()).toHaveLength(0);
  });

  it("retries, rather than re-parses, when the artifacts bucket itself is missing", async () => {
    s3Mock
      .on(GetObjectCommand)
      .rejects(new NoSuchBucket({ message: "no such bucket", $metadata: { httpStatusCode: 404 } }));
    const pointer = { bucket: "artifacts", key: "claims/records/rec/abc.json" };

    const response = await deliverPointer(pointer);

    expect(failedIds(response)).toEqual(["m1"]);
    expect(sqsMock.calls()).toHaveLength(0);
  });

  it("keeps a claim check holding an invalid record in the DLQ (malformed), not re-parsed", async () => {
    const logs = capturedLogger();
    const pointer = { bucket: "artifacts", key: "claims/records/rec/bad.json" };
    s3Mock.on(GetObjectCommand).resolves({ Body: jsonBody({ ...record, id: "not-an-id" }) });

    const response = await processRecordMessages([sqsRecord("m1", JSON.stringify({ pointer, version: aVersion() }))], {
      ...deps,
      logger: logs.logger,
    });

    expect(failedIds(response)).toEqual(["m1"]);
    expect(sqsMock.calls()).toHaveLength(0);
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        message: "malformed record message; failing it so it ends in the DLQ",
        reason: expect.stringContaining("invalid record"),
      }),
    );
  });

  describe("when S3 answers 403 AccessDenied for the claim check, as it does in AWS for a gone key", () => {
    const pointer = { bucket: "artifacts", key: "claims/records/rec/x.json" };
    const message = () => sqsRecord("m1", JSON.stringify({ pointer, version: aVersion() }));

    beforeEach(() => {
      s3Mock.on(GetObjectCommand).rejects(accessDenied());
    });

    it("queues the page for re-parsing, as for a 404, when listing finds no such key", async () => {
      s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });

      const response = await processRecordMessages([message()], deps);

      expect(failedIds(response)).toEqual([]);
      expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(1);
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

  describe("a message failed for contention", () => {
    it("is made visible again in about 3 s, not after the queue's visibility timeout", async () => {
      sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [{ Id: "0" }], Failed: [] });
      failRecordWrites(new TransientError("record is being written by another delivery"));

      const response = await processRecordMessages([sqsRecord("m1", inline)], deps);

      expect(failedIds(response)).toEqual(["m1"]);
      const calls = sqsMock.commandCalls(ChangeMessageVisibilityBatchCommand).map((call) => call.args[0].input);
      expect(calls).toEqual([
        {
          QueueUrl: RECORDS_QUEUE_URL,
          Entries: [{ Id: "0", ReceiptHandle: "handle-m1", VisibilityTimeout: expect.any(Number) }],
        },
      ]);
      const delay = calls[0]?.Entries?.[0]?.VisibilityTimeout ?? 0;
      expect(delay).toBeGreaterThanOrEqual(2);
      expect(delay).toBeLessThanOrEqual(4);
    });

    it("on its third receive, held up by a mark, comes back only once that mark may be taken over", async () => {
      sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [{ Id: "0" }], Failed: [] });
      failRecordWrites(new TransientError("another writer's index mark held", { settlesWithinMs: 40_000 }));
      const third = sqsRecord("m1", inline);
      third.attributes.ApproximateReceiveCount = "3";

      const response = await processRecordMessages([third], deps);

      expect(failedIds(response)).toEqual(["m1"]);
      const [call] = sqsMock.commandCalls(ChangeMessageVisibilityBatchCommand).map((c) => c.args[0].input);
      expect(call?.Entries?.[0]?.VisibilityTimeout).toBe(42);
    });

    it("still fails, coming back after its visibility timeout, when its visibility cannot be changed", async () => {
      const logs = capturedLogger();
      sqsMock.on(ChangeMessageVisibilityBatchCommand).rejects(new Error("SQS unavailable"));
      failRecordWrites(new TransientError("record is being written by another delivery"));

      const response = await processRecordMessages([sqsRecord("m1", inline)], { ...deps, logger: logs.logger });

      expect(failedIds(response)).toEqual(["m1"]);
      expect(logs.lines()).toContainEqual(
        expect.objectContaining({
          level: "WARN",
          message: "could not bring failed messages back sooner; they come back after their visibility timeout",
        }),
      );
    });
  });

  it("leaves a message failed for another reason to its visibility timeout (a retry storm helps nothing)", async () => {
    failRecordWrites(new Error("DynamoDB said no"));

    const response = await processRecordMessages([sqsRecord("m1", inline)], deps);

    expect(failedIds(response)).toEqual(["m1"]);
    expect(sqsMock.commandCalls(ChangeMessageVisibilityBatchCommand)).toHaveLength(0);
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
