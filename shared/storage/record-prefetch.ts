import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ClaimItem } from "./content-claim";
import { keys } from "./item-keys";
import type { ItemKey, RecordItem } from "./record-item";
import { type WaitBudget, waitWithinBudget } from "./wait-budget";

/** BatchGetItem takes at most 100 keys. */
const BATCH_SIZE = 100;
const UNPROCESSED_ATTEMPTS = 4;
const BACKOFF_MS = 50;

export interface RecordPrefetchDeps extends WaitBudget {
  ddb: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * What a batch's record items held when it began: the item by id, or null
 * where there was none. An id missing from the map was not read (its keys
 * stayed unprocessed): its writer reads the item itself. It holds the items
 * of the records named by other records' claims on the batch's bytes too.
 */
export type RecordSnapshots = ReadonlyMap<string, RecordItem | null>;

/** The content claims of a batch's raw bytes by sha256, likewise (content-claim.ts). */
export type ClaimSnapshots = ReadonlyMap<string, ClaimItem | null>;

export interface BatchSnapshots {
  records: RecordSnapshots;
  claims: ClaimSnapshots;
}

/**
 * Reads the record items of a batch's ids, and the content claims of their
 * bytes, in strongly consistent BatchGetItem calls of up to 100 keys (each
 * key once), rather than a GetItem per record and a claim Put that fails
 * for every copy of bytes another record holds; then, in a second round,
 * the items of the records those other claims name, which tell whether
 * the bytes are held. Keys DynamoDB leaves unprocessed (throttling, or a
 * response over 16 MB) are asked again with backoff; those still left are
 * simply not in the maps. A failure of the call itself throws: the caller
 * reads per record.
 */
export async function prefetchBatch(
  deps: RecordPrefetchDeps,
  wants: Iterable<{ id: string; sha256?: string | undefined }>,
): Promise<BatchSnapshots> {
  const records = new Map<string, RecordItem | null>();
  const claims = new Map<string, ClaimItem | null>();
  const recordRead = (id: string): Wanted => ({
    key: keys.record(id),
    found: (item) => records.set(id, item as RecordItem | null),
  });
  const first = new Map<string, Wanted>();
  const ids = new Set<string>();
  for (const { id, sha256 } of wants) {
    ids.add(id);
    first.set(keys.record(id).pk, recordRead(id));
    if (sha256) {
      const claimKey = keys.content(sha256);
      first.set(claimKey.pk, { key: claimKey, found: (item) => claims.set(sha256, item as ClaimItem | null) });
    }
  }
  await readKeys(deps, first);
  const owners = new Set<string>();
  for (const claim of claims.values()) {
    if (claim && !ids.has(claim.recordId)) owners.add(claim.recordId);
  }
  await readKeys(deps, new Map([...owners].map((id) => [keys.record(id).pk, recordRead(id)])));
  return { records, claims };
}

interface Wanted {
  key: ItemKey;
  found: (item: Record<string, unknown> | null) => void;
}

/** Reads each key once, 100 a call; `found` hears of every key read, with null for an absent item. */
async function readKeys(deps: RecordPrefetchDeps, asked: ReadonlyMap<string, Wanted>): Promise<void> {
  const wanted = [...asked.values()];
  for (let start = 0; start < wanted.length; start += BATCH_SIZE) {
    const chunk = wanted.slice(start, start + BATCH_SIZE);
    let pending: ItemKey[] = chunk.map(({ key }) => key);
    const answered = new Set<string>();
    for (let attempt = 1; pending.length > 0 && attempt <= UNPROCESSED_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        await waitWithinBudget(deps, BACKOFF_MS * 2 ** (attempt - 2), `${pending.length} batch reads unprocessed`);
      }
      const result = await deps.ddb.send(
        new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[deps.tableName] ?? []) {
        const pk = String(item.pk);
        asked.get(pk)?.found(item);
        answered.add(pk);
      }
      pending = (result.UnprocessedKeys?.[deps.tableName]?.Keys ?? []) as ItemKey[];
    }
    const unread = new Set(pending.map((key) => key.pk));
    for (const { key, found } of chunk) {
      if (!answered.has(key.pk) && !unread.has(key.pk)) found(null);
    }
  }
}
