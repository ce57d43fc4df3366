import type { IncomingHttpHeaders } from "node:http";
import type { ObjectCreatedEventName } from "../../shared/events/s3-event-notification";

/** An S3 request that, when it succeeds, creates an object (and so an ObjectCreated event). */
export interface S3Write {
  eventName: ObjectCreatedEventName;
  bucket: string;
  key: string;
}

/** Sub-resources whose PUT changes something about an object other than creating it. */
const NON_CREATING_SUBRESOURCES = ["uploadId", "partNumber", "tagging", "acl", "retention", "legal-hold", "torrent"];

/**
 * Recognises PutObject, CopyObject and CompleteMultipartUpload in path-style
 * (`/bucket/key`) and virtual-hosted-style (`bucket.host/key`) requests, the
 * way fauxqs routes them. Anything else (SQS, SNS, reads, parts) is undefined.
 */
export function classifyS3Write(method: string, rawUrl: string, headers: IncomingHttpHeaders): S3Write | undefined {
  const request = s3ObjectRequest(method, rawUrl, headers);
  if (!request) return undefined;
  const { target, query } = request;

  if (method === "POST") {
    return query.has("uploadId") ? { eventName: "ObjectCreated:CompleteMultipartUpload", ...target } : undefined;
  }
  if (NON_CREATING_SUBRESOURCES.some((name) => query.has(name))) return undefined;
  const eventName = headers["x-amz-copy-source"] ? "ObjectCreated:Copy" : "ObjectCreated:Put";
  return { eventName, ...target };
}

/** A GET or HEAD naming an object (GetObject, HeadObject), not a bucket (a listing). */
export function isS3ObjectRead(method: string, rawUrl: string, headers: IncomingHttpHeaders): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const queryStart = rawUrl.indexOf("?");
  return bucketAndKey(queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart), headers.host ?? "") !== undefined;
}

/** S3 refuses longer keys (KeyTooLongError); the key is measured in UTF-8 bytes. */
export const MAX_S3_KEY_BYTES = 1024;

/**
 * A PUT or POST naming an object (not SQS or SNS, which POST to /), with its
 * bucket, key and query. The path is taken as sent: S3 keeps `.` and `..`
 * segments in keys literally, and so does fauxqs, so a URL parser's dot
 * segment removal would name another key.
 */
export function s3ObjectRequest(
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
): { target: { bucket: string; key: string }; query: URLSearchParams } | undefined {
  if (method !== "PUT" && method !== "POST") return undefined;
  const contentType = headers["content-type"] ?? "";
  if (contentType.includes("x-amz-json-1.0") || contentType.includes("x-www-form-urlencoded")) return undefined;
  const queryStart = rawUrl.indexOf("?");
  const pathname = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const target = bucketAndKey(pathname, headers.host ?? "");
  if (!target) return undefined;
  return { target, query: new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1)) };
}

function bucketAndKey(pathname: string, host: string): { bucket: string; key: string } | undefined {
  const hostname = host.split(":")[0] ?? "";
  const virtualHosted = hostname.includes(".") && !/^\d+\.\d+\.\d+\.\d+$/.test(hostname);
  const path = pathname.replace(/^\//, "");
  let bucket: string;
  let encodedKey: string;
  if (virtualHosted) {
    bucket = hostname.slice(0, hostname.indexOf("."));
    encodedKey = path;
    if (encodedKey === "") return undefined;
  } else {
    const slash = path.indexOf("/");
    if (slash <= 0 || slash === path.length - 1) return undefined;
    bucket = path.slice(0, slash);
    encodedKey = path.slice(slash + 1);
  }
  // S3 paths are percent-encoded per segment; `+` in a path is a literal plus. A malformed escape is the
  // emulator's to reject: throwing here would be an uncaught exception in the endpoint's request handler.
  try {
    return { bucket, key: decodeURIComponent(encodedKey) };
  } catch {
    return undefined;
  }
}
