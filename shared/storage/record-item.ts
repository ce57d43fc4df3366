/** Where a JSON document lives in S3 when it is too big to travel or be stored inline (claim check). */
export interface S3Pointer {
  bucket: string;
  key: string;
}

export interface ItemKey {
  pk: string;
  sk: string;
}

/** The page version a record was built from (see shared/events/record-message.ts). */
export interface StoredVersion {
  uri: string;
  sequencer: string | null;
  versionId: string | null;
  eventTime: string;
  sha256: string;
  parserVersion: string;
}

/**
 * The record item (pk REC#<id>, sk RECORD) as stored. Exactly one of
 * `recordBrotli` / `recordPointer` is set (or `recordJson`, on items
 * written before compression): the record's JSON inline, compressed, or a
 * pointer to it in the artifacts bucket when even compressed it exceeds
 * MAX_ITEM_BODY_BYTES. Compressed because every write of the item is billed
 * on its whole size (1 unit per KB): a 15 KB minutes record is 3–4 KB.
 * `objectVersion` and `eventVersion` are the comparable version strings the
 * conditional write orders by (see storage/record-version.ts).
 */
export interface RecordItem {
  pk: string;
  sk: string;
  id: string;
  schemaVersion: number;
  parserVersion: string;
  objectVersion: string;
  eventVersion: string;
  version: StoredVersion;
  /** sha256 of the record JSON: a newer version with identical content is reported as unchanged */
  recordSha256: string;
  /** sha256 of the index items' JSON: a write whose items are all in place already skips rewriting them */
  indexSha256?: string;
  /** the record's JSON, Brotli-compressed (a binary attribute) */
  recordBrotli?: Uint8Array;
  /** the record's JSON as text: items written before recordBrotli; read, never written */
  recordJson?: string;
  recordPointer?: S3Pointer;
  /** every index item written for this record, so a change can delete the ones no longer produced */
  indexKeys: ItemKey[];
  /**
   * Only while an index rewrite too big for one transaction is in progress
   * (see record-store.ts): when it started (also its owner's token), and the
   * keys still to delete.
   */
  indexPendingSince?: string;
  /**
   * Random, with the mark: tells the writer that made it from any other, should
   * the SDK retry its Put after a first attempt that landed (record-store.ts).
   */
  indexMarkNonce?: string;
  staleIndexKeys?: ItemKey[];
  /** the record first stored with the same raw bytes, when this one repeats them (content-claim.ts) */
  duplicateOf?: string;
  /** the record.created/updated notification not yet published for this version (outbox) */
  pendingNotification?: "record.created" | "record.updated";
  createdAt: string;
  updatedAt: string;
}
