import { brotliCompressSync, brotliDecompressSync, constants as zlib } from "node:zlib";
import type { RecordItem } from "./record-item";

/**
 * Brotli at quality 5, text mode: about a quarter of the JSON of a Chinese
 * record in about a millisecond (quality 11 gains a few percent at 50× the time).
 */
const BROTLI_OPTIONS = {
  params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT },
};

/** A record's JSON, compressed, and the sha256 of that JSON it was made from. */
export interface CompressedRecord {
  recordSha256: string;
  bytes: Uint8Array;
}

/**
 * The record's JSON compressed for its item. A delivery compresses each JSON
 * once (`previous`: what it compressed last, kept across its attempts), and
 * not at all when the stored item it read already holds this very JSON
 * inline: a newer version with the same content (a page uploaded again
 * unchanged), or a redelivery finishing its version's index. A matching
 * recordSha256 only says where to look: the stored bytes are decompressed
 * and compared with the JSON (a fraction of the cost of compressing it), so
 * what is written is this JSON whatever the stored item holds.
 */
export function compressRecord(
  recordJson: string,
  recordSha256: string,
  stored: Pick<RecordItem, "recordSha256" | "recordBrotli"> | null,
  previous?: CompressedRecord,
): CompressedRecord {
  if (previous?.recordSha256 === recordSha256) return previous;
  const json = Buffer.from(recordJson, "utf8");
  const held = stored?.recordSha256 === recordSha256 ? stored.recordBrotli : undefined;
  if (held && isCompressed(held, json)) return { recordSha256, bytes: held };
  return { recordSha256, bytes: brotliCompressSync(json, BROTLI_OPTIONS) };
}

function isCompressed(compressed: Uint8Array, json: Buffer): boolean {
  try {
    return brotliDecompressSync(compressed).equals(json);
  } catch {
    // not Brotli at all: compressed afresh
    return false;
  }
}
