import { createHash } from "node:crypto";

/**
 * record.md's identity rule: `rec_` + the first 20 hex digits of the SHA-256
 * of the disclosure index number when there is one, else the original URL,
 * else the S3 URI (bucket and key). So a page uploaded twice, or corrected
 * under the same key, keeps one id.
 */
export function recordId(identity: { indexNumber?: string | null; url?: string | null; uri: string }): string {
  const basis = identity.indexNumber?.trim() || identity.url?.trim() || identity.uri;
  return `rec_${createHash("sha256").update(basis, "utf8").digest("hex").slice(0, 20)}`;
}
