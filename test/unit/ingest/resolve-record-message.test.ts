import { GetObjectCommand, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { MalformedMessageError } from "../../../shared/errors";
import { resolveRecordMessage } from "../../../shared/ingest/resolve-record-message";
import { aMeetingRecord } from "../storage/support/meeting-record";
import { jsonBody, s3Body } from "../storage/support/s3-body";
import { aVersion } from "../storage/support/store-harness";

const s3Mock = mockClient(S3Client);
const deps = { s3: new S3Client({ region: "us-east-1" }), artifactsBucket: "artifacts" };
const pointer = { bucket: "artifacts", key: "claims/records/rec/abc.json" };
const record = aMeetingRecord();

beforeEach(() => s3Mock.reset());

describe("resolveRecordMessage", () => {
  it("fetches the record a pointer names from its claim check", async () => {
    s3Mock.on(GetObjectCommand, { Bucket: "artifacts", Key: pointer.key }).resolves({ Body: jsonBody(record) });

    await expect(resolveRecordMessage(deps, { pointer, version: aVersion() })).resolves.toEqual({
      kind: "record",
      record,
      version: aVersion(),
    });
  });

  it("reports a claim check that no longer exists as expired, with the page version to re-parse", async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: "gone", $metadata: { httpStatusCode: 404 } }));

    await expect(resolveRecordMessage(deps, { pointer, version: aVersion() })).resolves.toEqual({
      kind: "claim-check-expired",
      pointer,
      version: aVersion(),
    });
  });

  it("rejects a claim check holding an invalid record as malformed", async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: jsonBody({ ...record, id: "not-an-id" }) });

    await expect(resolveRecordMessage(deps, { pointer, version: aVersion() })).rejects.toThrow(MalformedMessageError);
  });

  it("rejects a claim check that is not JSON as malformed", async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: s3Body("{not json").body });

    await expect(resolveRecordMessage(deps, { pointer, version: aVersion() })).rejects.toThrow(/is not JSON/);
  });
});
