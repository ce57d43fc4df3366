import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { BadParameterError } from "../errors";

/**
 * Opaque page cursors. A cursor is `<payload>.<signature>`, both base64url:
 * the payload holds where the next page starts (a DynamoDB key, which for
 * the month walk also names the month) and a hash of the normalised query it
 * belongs to; the signature is an HMAC-SHA256 of the payload with a server
 * key. So a caller cannot edit the key to read another partition, nor replay
 * a cursor under other filters: either is a 400 naming `cursor`.
 */

/** Where the next page starts: ExclusiveStartKey in partition pk, or its start when sk is absent. */
export interface PagePosition {
  pk: string;
  sk?: string;
}

/**
 * The signing keys: one key, or the current key (signs and verifies) and the
 * one before it (still verifies), so the key can rotate under live cursors.
 */
export type CursorKeys = string | { current: string; previous?: string };

function currentKey(keys: CursorKeys): string {
  return typeof keys === "string" ? keys : keys.current;
}

function verifyingKeys(keys: CursorKeys): string[] {
  return typeof keys === "string" ? [keys] : [keys.current, ...(keys.previous ? [keys.previous] : [])];
}

/** Longest cursor accepted; ours are ~200 characters. */
const MAX_CURSOR_LENGTH = 2048;
const CURSOR_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Domain separation: a signature made for anything else never verifies as a cursor. */
const SIGNING_CONTEXT = "docket-cursor.v1.";

const payloadSchema = z.object({
  v: z.literal(1),
  q: z.string(),
  p: z.object({ pk: z.string().min(1), sk: z.string().min(1).optional() }).strict(),
});

/** Fingerprint of a normalised query: the route and every filter, never the page size. */
export function queryFingerprint(query: Record<string, string | null>): string {
  const canonical = JSON.stringify(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash("sha256").update(canonical, "utf8").digest("base64url").slice(0, 22);
}

function sign(key: string, payload: string): Buffer {
  return createHmac("sha256", key)
    .update(SIGNING_CONTEXT + payload, "utf8")
    .digest();
}

export function encodeCursor(keys: CursorKeys, fingerprint: string, position: PagePosition): string {
  const body = { v: 1, q: fingerprint, p: position.sk === undefined ? { pk: position.pk } : position };
  const payload = Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
  return `${payload}.${sign(currentKey(keys), payload).toString("base64url")}`;
}

export function decodeCursor(keys: CursorKeys, fingerprint: string, cursor: string): PagePosition {
  if (cursor.length > MAX_CURSOR_LENGTH || !CURSOR_SHAPE.test(cursor)) {
    throw new BadParameterError(
      "cursor",
      "is not a cursor issued by this API (pass the cursor of the previous page as is)",
    );
  }
  const [payload = "", signature = ""] = cursor.split(".");
  const given = Buffer.from(signature, "base64url");
  const signedByOne = verifyingKeys(keys).some((key) => {
    const expected = sign(key, payload);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signedByOne) {
    throw new BadParameterError("cursor", "has been altered or truncated (pass the cursor of the previous page as is)");
  }
  let body: z.infer<typeof payloadSchema>;
  try {
    body = payloadSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    // Only reachable with a valid signature over an old payload format.
    throw new BadParameterError("cursor", "is from an older version of this API; start again without a cursor");
  }
  if (body.q !== fingerprint) {
    throw new BadParameterError("cursor", "belongs to a different query; repeat the query's filters unchanged with it");
  }
  return body.p;
}
