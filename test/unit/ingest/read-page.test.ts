import {
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { S3ReadDeniedError } from "../../../shared/aws/object-gone";
import type { PageEvent } from "../../../shared/events/page-event";
import { readPage } from "../../../shared/ingest/read-page";
import { s3Body } from "../storage/support/s3-body";
import { accessDenied, noSuchKey } from "../support/s3-errors";

const s3Mock = mockClient(S3Client);
const deps = { s3: new S3Client({ region: "us-east-1" }) };
const MAX = 1000;

function pageEvent(overrides: Partial<PageEvent> = {}): PageEvent {
  return {
    bucket: "raw-bucket",
    key: "raw/a.html",
    uri: "s3://raw-bucket/raw/a.html",
    size: 11,
    eTag: "etag",
    sequencer: "0055AED6DCD90281E5",
    versionId: "v2",
    eventTime: "2024-05-01T10:00:00.000Z",
    eventName: "ObjectCreated:Put",
    ...overrides,
  };
}

beforeEach(() => {
  s3Mock.reset();
});

describe("readPage", () => {
  it("reads the event's version of the page", async () => {
    s3Mock.on(GetObjectCommand, { Key: "raw/a.html", VersionId: "v2" }).resolves({ Body: s3Body("<p>会议</p>").body });

    const read = await readPage(deps, pageEvent(), MAX);

    expect(read).toMatchObject({ kind: "page" });
    expect(Buffer.from((read as { bytes: Uint8Array }).bytes).toString()).toBe("<p>会议</p>");
  });

  it("calls a version S3 answers 404 for missing, without listing", async () => {
    s3Mock.on(GetObjectCommand).rejects(noSuchKey());

    expect(await readPage(deps, pageEvent(), MAX)).toEqual({ kind: "missing" });
    expect(s3Mock.commandCalls(ListObjectVersionsCommand)).toHaveLength(0);
  });

  describe("when S3 answers 403 AccessDenied, as it does for a gone key to a role that may list only under a prefix", () => {
    beforeEach(() => {
      s3Mock.on(GetObjectCommand).rejects(accessDenied());
    });

    it("calls the page missing when its versions under the key no longer include the event's", async () => {
      s3Mock.on(ListObjectVersionsCommand).resolves({
        Versions: [{ Key: "raw/a.html", VersionId: "v3" }],
        DeleteMarkers: [{ Key: "raw/a.html", VersionId: "d1" }],
        IsTruncated: false,
      });

      expect(await readPage(deps, pageEvent(), MAX)).toEqual({ kind: "missing" });
      expect(s3Mock.commandCalls(ListObjectVersionsCommand)[0]?.args[0].input).toMatchObject({
        Bucket: "raw-bucket",
        Prefix: "raw/a.html",
      });
    });

    it("calls the page missing when the key has no versions left, only longer keys", async () => {
      s3Mock.on(ListObjectVersionsCommand).resolves({
        Versions: [{ Key: "raw/a.html.bak", VersionId: "v2" }],
        IsTruncated: true,
        NextKeyMarker: "raw/a.html.bak",
        NextVersionIdMarker: "v2",
      });

      expect(await readPage(deps, pageEvent(), MAX)).toEqual({ kind: "missing" });
      expect(s3Mock.commandCalls(ListObjectVersionsCommand)).toHaveLength(1);
    });

    it("pages through the key's versions to find the event's before deciding", async () => {
      s3Mock
        .on(ListObjectVersionsCommand)
        .resolvesOnce({
          Versions: [{ Key: "raw/a.html", VersionId: "v9" }],
          IsTruncated: true,
          NextKeyMarker: "raw/a.html",
          NextVersionIdMarker: "v9",
        })
        .resolves({ Versions: [{ Key: "raw/a.html", VersionId: "v2" }], IsTruncated: false });

      await expect(readPage(deps, pageEvent(), MAX)).rejects.toThrow(S3ReadDeniedError);
      expect(s3Mock.commandCalls(ListObjectVersionsCommand)[1]?.args[0].input).toMatchObject({
        KeyMarker: "raw/a.html",
        VersionIdMarker: "v9",
      });
    });

    it("throws (retried, then the DLQ) when the version is still there: a real permission problem", async () => {
      s3Mock
        .on(ListObjectVersionsCommand)
        .resolves({ Versions: [{ Key: "raw/a.html", VersionId: "v2" }], IsTruncated: false });

      const failure = readPage(deps, pageEvent(), MAX);

      await expect(failure).rejects.toThrow(S3ReadDeniedError);
      await expect(failure).rejects.toThrow(
        "S3 denied reading s3://raw-bucket/raw/a.html (version v2), which exists: a permission problem",
      );
    });

    it("throws when the listing that would confirm it is denied too, never calling the page missing", async () => {
      s3Mock.on(ListObjectVersionsCommand).rejects(accessDenied());

      await expect(readPage(deps, pageEvent(), MAX)).rejects.toThrow(
        /S3 denied reading s3:\/\/raw-bucket\/raw\/a.html \(version v2\), and listing it .* failed too/,
      );
    });

    it("confirms an event without a version (an unversioned bucket) by listing the key", async () => {
      s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: "raw/a.html.bak" }] });

      expect(await readPage(deps, pageEvent({ versionId: null }), MAX)).toEqual({ kind: "missing" });
      expect(s3Mock.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toEqual({
        Bucket: "raw-bucket",
        Prefix: "raw/a.html",
        MaxKeys: 1,
      });
      expect(s3Mock.commandCalls(ListObjectVersionsCommand)).toHaveLength(0);
    });

    it("throws for an unversioned page whose key is listed", async () => {
      s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: "raw/a.html" }] });

      await expect(readPage(deps, pageEvent({ versionId: null }), MAX)).rejects.toThrow(S3ReadDeniedError);
    });
  });

  it.each([
    ["a throttle (503 SlowDown)", "SlowDown", "server", 503],
    ["a 403 that is no answer about the object (ExpiredToken)", "ExpiredToken", "client", 403],
  ] as const)("throws %s as is, without listing", async (_what, name, fault, status) => {
    const failure = new S3ServiceException({
      name,
      $fault: fault,
      message: name,
      $metadata: { httpStatusCode: status },
    });
    s3Mock.on(GetObjectCommand).rejects(failure);

    await expect(readPage(deps, pageEvent(), MAX)).rejects.toBe(failure);
    expect(s3Mock.commandCalls(ListObjectVersionsCommand)).toHaveLength(0);
  });
});
