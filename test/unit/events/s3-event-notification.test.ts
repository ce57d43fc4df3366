import { describe, expect, it } from "vitest";
import {
  createSequencer,
  decodeS3EventKey,
  encodeS3EventKey,
  objectCreatedEvent,
} from "../../../shared/events/s3-event-notification";

describe("encodeS3EventKey", () => {
  it("writes a space as +", () => {
    expect(encodeS3EventKey("raw/a b.txt")).toBe("raw/a+b.txt");
  });

  it("percent-encodes the UTF-8 bytes of non-ASCII characters, upper-case", () => {
    expect(encodeS3EventKey("raw/会.txt")).toBe("raw/%E4%BC%9A.txt");
  });

  it("percent-encodes reserved characters, including a literal +", () => {
    expect(encodeS3EventKey("raw/a+b=(c)&d.txt")).toBe("raw/a%2Bb%3D%28c%29%26d.txt");
  });

  it("keeps slashes, letters, digits and . * _ -", () => {
    expect(encodeS3EventKey("raw/dir_1/a-b.c*d")).toBe("raw/dir_1/a-b.c*d");
  });

  it("round-trips through the decoding consumers use", () => {
    const key = "raw/会议 纪要+(1)%.txt";

    expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
  });
});

describe("createSequencer", () => {
  it("gives 18 upper-case hex digits", () => {
    expect(createSequencer()()).toMatch(/^[0-9A-F]{18}$/);
  });

  it("strictly increases, also within one millisecond", () => {
    const next = createSequencer(() => 1_700_000_000_123);
    const values = [next(), next(), next()];

    expect([...values].sort()).toEqual(values);
    expect(new Set(values).size).toBe(3);
  });

  it("puts epoch seconds in the high part, as S3's sequencers do", () => {
    const sequencer = createSequencer(() => 1_700_000_000_000)();

    expect(sequencer.slice(0, 10)).toBe(`00${(1_700_000_000).toString(16).toUpperCase()}`);
  });

  it("keeps increasing when the clock steps back", () => {
    let now = 2_000_000_000_000;
    const next = createSequencer(() => now);
    const before = next();
    now -= 5000;

    expect(next() > before).toBe(true);
  });
});

describe("objectCreatedEvent", () => {
  const event = objectCreatedEvent({
    eventName: "ObjectCreated:Put",
    region: "eu-west-1",
    bucket: "raw-bucket",
    key: "raw/a b.txt",
    size: 12,
    eTag: "abc",
    sequencer: "0062E99A88DC407460",
  });

  it("has exactly one record, of event version 2.1 from aws:s3", () => {
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({ eventVersion: "2.1", eventSource: "aws:s3", awsRegion: "eu-west-1" });
  });

  it("names the bucket with its ARN and the object with its encoded key, size, eTag and sequencer", () => {
    expect(event.Records[0]?.s3).toMatchObject({
      bucket: { name: "raw-bucket", arn: "arn:aws:s3:::raw-bucket" },
      object: { key: "raw/a+b.txt", size: 12, eTag: "abc", sequencer: "0062E99A88DC407460" },
    });
  });

  it("leaves versionId out for an unversioned object", () => {
    expect(event.Records[0]?.s3.object).not.toHaveProperty("versionId");
  });
});
