import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
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
 * stayed unprocessed): its writer reads the item itself.
 */
export type RecordSnapshots = ReadonlyMap<string, RecordItem | null>;

/**
 * Reads the record items of a batch's ids in one strongly consistent
 * BatchGetItem per 100 (each id once), rather than one GetItem per record.
 * Keys DynamoDB leaves unprocessed (throttling, or a response over 16 MB)
 * are asked again with backoff; those still left are simply not in the
 * map. A failure of the call itself throws: the caller reads per record.
 */
export async function prefetchRecordItems(deps: RecordPrefetchDeps, ids: Iterable<string>): Promise<RecordSnapshots> {
  const unique = [...new Set(ids)];
  const snapshots = new Map<string, RecordItem | null>();
  for (let start = 0; start < unique.length; start += BATCH_SIZE) {
    const chunk = unique.slice(start, start + BATCH_SIZE);
    let pending: ItemKey[] = chunk.map((id) => keys.record(id));
    for (let attempt = 1; pending.length > 0 && attempt <= UNPROCESSED_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        await waitWithinBudget(deps, BACKOFF_MS * 2 ** (attempt - 2), `${pending.length} record reads unprocessed`);
      }
      const result = await deps.ddb.send(
        new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of (result.Responses?.[deps.tableName] ?? []) as RecordItem[]) snapshots.set(item.id, item);
      pending = (result.UnprocessedKeys?.[deps.tableName]?.Keys ?? []) as ItemKey[];
    }
    const unread = new Set(pending.map((key) => key.pk));
    for (const id of chunk) {
      if (!snapshots.has(id) && !unread.has(keys.record(id).pk)) snapshots.set(id, null);
    }
  }
  return snapshots;
}
