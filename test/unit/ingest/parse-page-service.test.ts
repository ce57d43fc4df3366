import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_MESSAGE_BYTES, PARSE_BUDGET_MS } from "../../../shared/config/resources";
import { type ParseFunction, type ParsePageDeps, processPageEvents } from "../../../shared/ingest/parse-page-service";
import type { PageInput } from "../../../shared/parse/parse-outcome";
import { parsePage } from "../../../shared/parse/parse-page";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { aMeetingRecord } from "../storage/support/meeting-record";
import { s3Body } from "../storage/support/s3-body";
import { accessDenied } from "../support/s3-errors";
import {
  awsMocks,
  failedIds,
  NOW,
  published,
  recordingMetrics,
  sentBodies,
  silentLog,
  sqsRecord,
} from "./support/ingest-harness";

const { s3Mock, sqsMock, snsMock } = awsMocks();
const MAX_PAGE_BYTES = 1000;
const PAGE = "<html>会议</html>";

function s3Event(key: string, object: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Records: [
      {
        eventName: "ObjectCreated:Put",
        eventTime: "2024-05-01T10:00:00.000Z",
        s3: {
          bucket: { name: "raw-bucket" },
          object: { key, size: 11, eTag: "etag", sequencer: "0055AED6DCD90281E5", ...object },
        },
      },
    ],
  });
}

function recordFor(input: PageInput, overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  const base = aMeetingRecord();
  return aMeetingRecord({
    id: `rec_${"0".repeat(19)}${input.uri.length % 10}`,
    source: { ...base.source, uri: input.uri },
    ...overrides,
  });
}

let parse: ReturnType<typeof vi.fn<ParseFunction>>;
let metrics: ReturnType<typeof recordingMetrics>;
let deps: ParsePageDeps;

beforeEach(() => {
  s3Mock.reset();
  sqsMock.reset();
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({});
  sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((entry) => ({ Id: entry.Id, MessageId: `sqs-${entry.Id}`, MD5OfMessageBody: "" })),
    Failed: [],
  }));
  s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: s3Body(PAGE).body, ContentLength: Buffer.byteLength(PAGE) }));
  parse = vi.fn<ParseFunction>((_bytes, input) => ({ ok: true, record: recordFor(input) }));
  metrics = recordingMetrics();
  deps = {
    s3: new S3Client({ region: "us-east-1" }),
    sqs: new SQSClient({ region: "us-east-1" }),
    sns: new SNSClient({ region: "us-east-1" }),
    parse,
    recordsQueueUrl: "https://sqs.local/records",
    artifactsBucket: "artifacts",
    topicArn: "arn:aws:sns:us-east-1:000000000000:ingest",
    maxPageBytes: MAX_PAGE_BYTES,
    parseBudgetMs: PARSE_BUDGET_MS,
    logger: silentLog,
    metrics: metrics.sink,
    now: () => NOW,
  };
});

describe("processPageEvents", () => {
  it("parses the page and sends its record with the version it came from", async () => {
    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/a.html"))], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(sentBodies(sqsMock)).toEqual([
      {
        record: recordFor({ uri: "s3://raw-bucket/raw/a.html" }),
        version: {
          uri: "s3://raw-bucket/raw/a.html",
          sequencer: "0055AED6DCD90281E5",
          versionId: null,
          eTag: "etag",
          eventTime: "2024-05-01T10:00:00.000Z",
          sha256: "a".repeat(64),
          parserVersion: "1.0.0",
        },
      },
    ]);
  });

  it("gives the parser the page's bytes, its content type and its source-url metadata", async () => {
    s3Mock.on(GetObjectCommand).callsFake(() => ({
      Body: s3Body("<html>", "…</html>").body,
      ContentType: "text/html; charset=gbk",
      Metadata: { "source-url": "https://www.example.gov.cn/a.html" },
    }));

    await processPageEvents([sqsRecord("m1", s3Event("raw/a.html"))], deps);

    expect(parse).toHaveBeenCalledWith(Buffer.from("<html>…</html>"), {
      uri: "s3://raw-bucket/raw/a.html",
      contentType: "text/html; charset=gbk",
      url: "https://www.example.gov.cn/a.html",
      budgetMs: PARSE_BUDGET_MS,
    });
  });

  it("rejects a page that runs past the parse budget as too-complex and still parses the rest of its batch", async () => {
    // 2 MB of 区长王明、 after 出席: takes seconds even in linear time; the other page takes milliseconds.
    const slow = `出席:${"区长王明、".repeat(140_000)}`;
    const pages: Record<string, string> = { "raw/slow.txt": slow, "raw/fine.html": PAGE };
    s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => ({ Body: s3Body(pages[input.Key] ?? "").body }));
    parsePage(Buffer.from(PAGE), { uri: "warm-up" }); // lazy lexicon set-up is not the page's cost
    deps = { ...deps, parse: parsePage, parseBudgetMs: 1000, maxPageBytes: 10 * 1024 * 1024 };

    const response = await processPageEvents(
      [sqsRecord("m1", s3Event("raw/slow.txt")), sqsRecord("m2", s3Event("raw/fine.html"))],
      deps,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(published(snsMock).map((p) => p.message)).toEqual([
      expect.objectContaining({
        type: "page.rejected",
        uri: "s3://raw-bucket/raw/slow.txt",
        reason: { code: "too-complex", message: "the page took more than 1000 ms to parse" },
      }),
    ]);
    expect(sentBodies(sqsMock)).toEqual([
      expect.objectContaining({ version: expect.objectContaining({ uri: "s3://raw-bucket/raw/fine.html" }) }),
    ]);
    expect(metrics.added).toContainEqual({ name: "PagesRejected", value: 1, dimensions: { reason: "too-complex" } });
  });

  it("reads the exact object version the event names", async () => {
    await processPageEvents([sqsRecord("m1", s3Event("raw/a.html", { versionId: "v7" }))], deps);

    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: "raw-bucket",
      Key: "raw/a.html",
      VersionId: "v7",
    });
  });

  it("produces the same message when the same event is processed twice", async () => {
    const event = sqsRecord("m1", s3Event("raw/a.html"));

    await processPageEvents([event], deps);
    await processPageEvents([event], deps);

    const [first, second] = sentBodies(sqsMock);
    expect(second).toEqual(first);
  });

  it("counts the parsed page, its bytes and the parse time", async () => {
    await processPageEvents([sqsRecord("m1", s3Event("raw/a.html"))], deps);

    expect(metrics.added.map((metric) => metric.name).sort()).toEqual(["PageBytes", "PagesParsed", "ParseTimeMs"]);
  });

  it("rejects a page whose event size is over the guard without calling S3", async () => {
    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/big.html", { size: 5000 }))], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(published(snsMock)).toEqual([
      {
        typeAttribute: "page.rejected",
        message: {
          type: "page.rejected",
          uri: "s3://raw-bucket/raw/big.html",
          reason: { code: "too-large", message: "page is 5000 bytes; the limit is 1000" },
          size: 5000,
          version: { eventTime: "2024-05-01T10:00:00.000Z", sequencer: "0055AED6DCD90281E5", eTag: "etag" },
          at: NOW.toISOString(),
        },
      },
    ]);
    expect(metrics.added).toContainEqual({ name: "PagesRejected", value: 1, dimensions: { reason: "too-large" } });
  });

  it("rejects a page whose Content-Length is over the guard without reading its body", async () => {
    const body = s3Body("x".repeat(5000));
    s3Mock.on(GetObjectCommand).resolves({ Body: body.body, ContentLength: 5000 });

    await processPageEvents([sqsRecord("m1", s3Event("raw/big.html", { size: undefined }))], deps);

    expect(body.consumed()).toBe(0);
    expect(body.stream.destroyed).toBe(true);
    expect(published(snsMock)[0]?.message).toMatchObject({ reason: { code: "too-large" } });
  });

  it("stops reading a body without Content-Length once it passes the guard", async () => {
    const body = s3Body("x".repeat(600), "x".repeat(600), "x".repeat(600));
    s3Mock.on(GetObjectCommand).resolves({ Body: body.body });

    await processPageEvents([sqsRecord("m1", s3Event("raw/big.html", { size: undefined }))], deps);

    expect(body.consumed()).toBe(1200);
    expect(parse).not.toHaveBeenCalled();
    expect(published(snsMock)[0]?.message).toMatchObject({ reason: { code: "too-large" } });
  });

  it("does not report the bytes read before the guard cut a body off as the page's size", async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: s3Body("x".repeat(600), "x".repeat(600), "x".repeat(600)).body });

    await processPageEvents([sqsRecord("m1", s3Event("raw/big.html", { size: undefined }))], deps);

    const message = published(snsMock)[0]?.message;
    expect(message).not.toHaveProperty("size");
    expect(message).toMatchObject({ reason: { message: "page is larger than the limit of 1000 bytes" } });
  });

  it("consumes an event for a deleted object with page.rejected 'missing'", async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: "gone", $metadata: { httpStatusCode: 404 } }));

    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/gone.html"))], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(published(snsMock)[0]?.message).toMatchObject({
      uri: "s3://raw-bucket/raw/gone.html",
      reason: { code: "missing" },
    });
  });

  it("rejects a page whose version is gone exactly once as 'missing' when S3 answers 403, as it does in AWS", async () => {
    s3Mock.on(GetObjectCommand).rejects(accessDenied());
    s3Mock.on(ListObjectVersionsCommand).resolves({ Versions: [], IsTruncated: false });

    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/gone.html", { versionId: "v1" }))], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(published(snsMock)).toHaveLength(1);
    expect(published(snsMock)[0]?.message).toMatchObject({
      type: "page.rejected",
      uri: "s3://raw-bucket/raw/gone.html",
      reason: { code: "missing" },
    });
    expect(sentBodies(sqsMock)).toEqual([]);
  });

  it("fails (retries, then the DLQ) a page S3 denies though its version is there, saying why, and reports nothing", async () => {
    const error = vi.fn();
    s3Mock.on(GetObjectCommand).rejects(accessDenied());
    s3Mock
      .on(ListObjectVersionsCommand)
      .resolves({ Versions: [{ Key: "raw/locked.html", VersionId: "v1" }], IsTruncated: false });

    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/locked.html", { versionId: "v1" }))], {
      ...deps,
      logger: { ...silentLog, error },
    });

    expect(failedIds(response)).toEqual(["m1"]);
    expect(published(snsMock)).toEqual([]);
    expect(error).toHaveBeenCalledWith(
      "page event failed; it will be retried",
      expect.objectContaining({
        uri: "s3://raw-bucket/raw/locked.html",
        error: expect.objectContaining({ name: "S3ReadDeniedError" }),
      }),
    );
  });

  it("consumes an event with an undecodable key (%E9%8) with page.rejected 'bad-key'", async () => {
    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/%E9%8.html"))], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(published(snsMock)[0]?.message).toMatchObject({
      uri: "s3://raw-bucket/raw/%E9%8.html",
      reason: { code: "bad-key" },
    });
  });

  it("reports a page the parser rejects, with the parser's reason, and consumes it", async () => {
    parse.mockReturnValue({ ok: false, rejection: { code: "binary", message: "looks like a PDF" } });

    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/a.pdf"))], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(published(snsMock)[0]?.message).toMatchObject({
      reason: { code: "binary", message: "looks like a PDF" },
      size: Buffer.byteLength(PAGE),
    });
    expect(sentBodies(sqsMock)).toEqual([]);
  });

  it("turns a parser that throws into an invalid-record rejection rather than endless retries", async () => {
    parse.mockImplementation(() => {
      throw new Error("bug");
    });

    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/a.html"))], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(published(snsMock)[0]?.message).toMatchObject({ reason: { code: "invalid-record" } });
  });

  it("consumes the S3 test event without doing anything", async () => {
    const body = JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "raw-bucket" });

    const response = await processPageEvents([sqsRecord("m1", body)], deps);

    expect(response.batchItemFailures).toEqual([]);
    expect(s3Mock.calls()).toHaveLength(0);
    expect(snsMock.calls()).toHaveLength(0);
  });

  it("fails a message that is not JSON, so it ends in the DLQ, and counts it", async () => {
    const response = await processPageEvents(
      [sqsRecord("bad", "not json"), sqsRecord("good", s3Event("raw/a.html"))],
      deps,
    );

    expect(failedIds(response)).toEqual(["bad"]);
    expect(metrics.added).toContainEqual({
      name: "PagesRejected",
      value: 1,
      dimensions: { reason: "malformed-message" },
    });
  });

  it("counts a malformed message once, on its first receive, though it fails on every receive until the DLQ", async () => {
    const again = sqsRecord("bad", "not json");
    again.attributes.ApproximateReceiveCount = "3";

    const response = await processPageEvents([again], deps);

    expect(failedIds(response)).toEqual(["bad"]);
    expect(metrics.added.filter((metric) => metric.name === "PagesRejected")).toEqual([]);
  });

  it("fails a message that is JSON but not an S3 event", async () => {
    const response = await processPageEvents([sqsRecord("bad", JSON.stringify({ Records: [{}] }))], deps);

    expect(failedIds(response)).toEqual(["bad"]);
  });

  it("fails only the message whose S3 read was throttled, so it is retried", async () => {
    s3Mock.on(GetObjectCommand, { Key: "raw/slow.html" }).rejects(
      new S3ServiceException({
        name: "SlowDown",
        $fault: "server",
        message: "slow down",
        $metadata: { httpStatusCode: 503 },
      }),
    );

    const response = await processPageEvents(
      [sqsRecord("slow", s3Event("raw/slow.html")), sqsRecord("ok", s3Event("raw/ok.html"))],
      deps,
    );

    expect(failedIds(response)).toEqual(["slow"]);
    expect(sentBodies(sqsMock)).toHaveLength(1);
  });

  it("logs why a message failed, naming the page", async () => {
    const error = vi.fn();
    s3Mock.on(GetObjectCommand).rejects(new Error("connection reset"));

    await processPageEvents([sqsRecord("m1", s3Event("raw/a.html"))], { ...deps, logger: { ...silentLog, error } });

    expect(error).toHaveBeenCalledWith(
      "page event failed; it will be retried",
      expect.objectContaining({ messageId: "m1", uri: "s3://raw-bucket/raw/a.html", error: expect.any(Error) }),
    );
  });

  it("fails a rejected page's message when the notification cannot be published", async () => {
    snsMock.on(PublishCommand).rejects(new Error("SNS down"));

    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/big.html", { size: 5000 }))], deps);

    expect(failedIds(response)).toEqual(["m1"]);
  });

  it("sends a record too big for a message through the artifacts bucket as a pointer", async () => {
    parse.mockImplementation((_bytes, input) => ({
      ok: true,
      record: recordFor(input, { body: "会".repeat(MAX_MESSAGE_BYTES / 3 + 1) }),
    }));
    s3Mock.on(PutObjectCommand).resolves({});

    const response = await processPageEvents([sqsRecord("m1", s3Event("raw/long.html"))], deps);

    expect(response.batchItemFailures).toEqual([]);
    const put = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put?.Bucket).toBe("artifacts");
    expect(put?.Key).toMatch(/^claims\/records\/rec_[0-9a-f]{20}\/[0-9a-f]{64}\.json$/);
    expect(sentBodies(sqsMock)).toEqual([
      {
        pointer: { bucket: "artifacts", key: put?.Key },
        version: expect.objectContaining({ uri: "s3://raw-bucket/raw/long.html" }),
      },
    ]);
  });

  it("fails only the messages whose entries SendMessageBatch reports as failed", async () => {
    sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
      Successful: input.Entries.slice(1).map((entry) => ({ Id: entry.Id, MessageId: "x", MD5OfMessageBody: "" })),
      Failed: input.Entries.slice(0, 1).map((entry) => ({ Id: entry.Id, Code: "InternalError", SenderFault: false })),
    }));

    const response = await processPageEvents(
      [
        sqsRecord("m1", s3Event("raw/1.html")),
        sqsRecord("m2", s3Event("raw/2.html")),
        sqsRecord("m3", s3Event("raw/3.html")),
      ],
      deps,
    );

    expect(failedIds(response)).toEqual(["m1"]);
  });

  it("fails every message of a batch whose SendMessageBatch call fails", async () => {
    sqsMock.on(SendMessageBatchCommand).rejects(new Error("SQS down"));

    const response = await processPageEvents(
      [sqsRecord("m1", s3Event("raw/1.html")), sqsRecord("m2", s3Event("raw/2.html"))],
      deps,
    );

    expect(failedIds(response)).toEqual(["m1", "m2"]);
  });

  it("sends at most ten records per SendMessageBatch", async () => {
    const records = Array.from({ length: 11 }, (_, i) => sqsRecord(`m${i}`, s3Event(`raw/${i}.html`)));

    await processPageEvents(records, deps);

    expect(sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([
      10, 1,
    ]);
  });

  it("keeps each SendMessageBatch under 1 MiB", async () => {
    parse.mockImplementation((_bytes, input) => ({
      ok: true,
      record: recordFor(input, { body: "x".repeat(400 * 1024) }),
    }));

    await processPageEvents(
      [
        sqsRecord("m1", s3Event("raw/1.html")),
        sqsRecord("m2", s3Event("raw/2.html")),
        sqsRecord("m3", s3Event("raw/3.html")),
      ],
      deps,
    );

    expect(sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([
      2, 1,
    ]);
  });
});
