import { describe, expect, it } from "vitest";
import { classifyS3Write, isS3ObjectRead } from "../../../infra/local/s3-write-request";

const pathStyle = { host: "127.0.0.1:4566" };

describe("classifyS3Write", () => {
  it("recognises a path-style PutObject, decoding the key", () => {
    expect(classifyS3Write("PUT", "/bucket/raw/a%20b/%E4%BC%9A.txt?x-id=PutObject", pathStyle)).toEqual({
      eventName: "ObjectCreated:Put",
      bucket: "bucket",
      key: "raw/a b/会.txt",
    });
  });

  it("keeps a + in the path as a plus", () => {
    expect(classifyS3Write("PUT", "/bucket/raw/a+b.txt", pathStyle)?.key).toBe("raw/a+b.txt");
  });

  it("leaves a key with a malformed percent-escape to the emulator instead of throwing", () => {
    expect(classifyS3Write("PUT", "/bucket/raw/%E0%A4%A.txt", pathStyle)).toBeUndefined();
  });

  it("recognises a virtual-hosted-style PutObject", () => {
    expect(classifyS3Write("PUT", "/raw/page.html", { host: "bucket.s3.localhost:4566" })).toEqual({
      eventName: "ObjectCreated:Put",
      bucket: "bucket",
      key: "raw/page.html",
    });
  });

  it("recognises CopyObject by its copy-source header", () => {
    const headers = { ...pathStyle, "x-amz-copy-source": "bucket/raw/a.txt" };

    expect(classifyS3Write("PUT", "/bucket/raw/b.txt", headers)?.eventName).toBe("ObjectCreated:Copy");
  });

  it("keeps . and .. segments of a key literally, as S3 stores them", () => {
    expect(classifyS3Write("PUT", "/bucket/raw/./a/../b.txt", pathStyle)?.key).toBe("raw/./a/../b.txt");
    expect(classifyS3Write("PUT", "/bucket/raw/../../etc.txt?x-id=PutObject", pathStyle)?.key).toBe(
      "raw/../../etc.txt",
    );
  });

  it("recognises CompleteMultipartUpload", () => {
    expect(classifyS3Write("POST", "/bucket/raw/big.bin?uploadId=u1", pathStyle)?.eventName).toBe(
      "ObjectCreated:CompleteMultipartUpload",
    );
  });

  it.each([
    ["an UploadPart", "PUT", "/bucket/raw/big.bin?partNumber=1&uploadId=u1", {}],
    ["a CreateMultipartUpload", "POST", "/bucket/raw/big.bin?uploads", {}],
    ["a PutObjectTagging", "PUT", "/bucket/raw/a.txt?tagging", {}],
    ["a CreateBucket", "PUT", "/bucket", {}],
    ["a GetObject", "GET", "/bucket/raw/a.txt", {}],
    ["an SQS call", "POST", "/", { "content-type": "application/x-amz-json-1.0" }],
    ["an SNS call", "POST", "/", { "content-type": "application/x-www-form-urlencoded" }],
  ])("ignores %s", (_name, method, url, headers) => {
    expect(classifyS3Write(method, url, { ...pathStyle, ...headers })).toBeUndefined();
  });
});

describe("isS3ObjectRead (the reads the functions' endpoint answers 403 for a missing object, as S3 does)", () => {
  it.each([
    ["GET", "/bucket/raw/a.html?x-id=GetObject", pathStyle],
    ["GET", "/bucket/raw/a.html?versionId=v1&x-id=GetObject", pathStyle],
    ["HEAD", "/bucket/records/rec/x.json", pathStyle],
    ["GET", "/raw/a.html", { host: "bucket.s3.localhost:4566" }],
  ])("recognises %s %s", (method, url, headers) => {
    expect(isS3ObjectRead(method, url, headers)).toBe(true);
  });

  it.each([
    ["GET", "/bucket?list-type=2&prefix=raw%2Fa.html", pathStyle],
    ["GET", "/bucket/?versions&prefix=raw%2Fa.html", pathStyle],
    ["PUT", "/bucket/raw/a.html", pathStyle],
    ["POST", "/", pathStyle],
  ])("leaves %s %s (a listing, a write, SQS) alone", (method, url, headers) => {
    expect(isS3ObjectRead(method, url, headers)).toBe(false);
  });
});
