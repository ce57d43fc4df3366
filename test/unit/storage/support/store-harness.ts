import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import type { PageVersion } from "../../../../shared/events/record-message";
import type { RecordItem } from "../../../../shared/storage/record-item";
import { inlineJson } from "../../../../shared/storage/record-reader";
import type { RecordStoreDeps } from "../../../../shared/storage/record-store";

export const NOW = new Date("2024-05-01T12:00:00.000Z");

/** Mocked DynamoDB (document client) and S3, and store deps that use them. */
export function storeHarness() {
  const ddbMock = mockClient(DynamoDBDocumentClient);
  const s3Mock = mockClient(S3Client);
  const deps: RecordStoreDeps = {
    ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" })),
    s3: new S3Client({ region: "us-east-1" }),
    tableName: "docket",
    artifactsBucket: "artifacts",
    now: () => NOW,
    sleep: async () => {},
  };
  return { ddbMock, s3Mock, deps };
}

type DdbMock = ReturnType<typeof storeHarness>["ddbMock"];

/**
 * A table that accepts every write. Content claims (content-claim.ts) keep
 * succeeding even when a test makes record-item Puts fail: this record
 * holds its bytes unless a test says otherwise.
 */
export function acceptWrites(ddbMock: DdbMock): void {
  ddbMock.on(PutCommand).resolves({});
  ddbMock.on(PutCommand, { Item: { sk: "CONTENT" } }).resolves({});
  ddbMock.on(BatchWriteCommand).resolves({});
  ddbMock.on(UpdateCommand).resolves({});
}

export function aVersion(overrides: Partial<PageVersion> = {}): PageVersion {
  return {
    uri: "s3://raw-bucket/raw/zhonglou-2022-1.html",
    sequencer: "0055AED6DCD90281E5",
    versionId: null,
    eventTime: "2024-05-01T10:00:00.000Z",
    sha256: "a".repeat(64),
    parserVersion: "1.0.0",
    ...overrides,
  };
}

/** The conditional record-item Puts sent. */
export function recordPuts(ddbMock: DdbMock) {
  return ddbMock
    .commandCalls(PutCommand)
    .map((call) => call.args[0].input)
    .filter((input) => input.Item?.sk === "RECORD");
}

/** The content-claim Puts sent. */
export function claimPuts(ddbMock: DdbMock) {
  return ddbMock
    .commandCalls(PutCommand)
    .map((call) => call.args[0].input)
    .filter((input) => input.Item?.sk === "CONTENT");
}

/** The record item the last Put wrote. */
export function lastWrittenItem(ddbMock: DdbMock): RecordItem {
  const item = recordPuts(ddbMock).at(-1)?.Item;
  if (!item) throw new Error("no record item was written");
  return item as RecordItem;
}

/** The record an item holds inline, parsed. */
export function inlineRecord(item: RecordItem): unknown {
  const json = inlineJson(item);
  if (json === undefined) throw new Error("the record item holds no inline record");
  return JSON.parse(json);
}

/** Index items put and keys deleted by batch writes, in order. */
export function indexWrites(ddbMock: DdbMock) {
  const requests = ddbMock
    .commandCalls(BatchWriteCommand)
    .flatMap((call) => call.args[0].input.RequestItems?.docket ?? []);
  return {
    puts: requests.flatMap((request) =>
      request.PutRequest ? [request.PutRequest.Item as Record<string, unknown>] : [],
    ),
    deletes: requests.flatMap((request) => (request.DeleteRequest ? [request.DeleteRequest.Key] : [])),
  };
}
