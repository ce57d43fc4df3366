import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TransientError } from "../errors";
import type { ItemKey } from "./record-item";
import { type WaitBudget, waitWithinBudget } from "./wait-budget";

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
const UNPROCESSED_ATTEMPTS = 5;
const BACKOFF_MS = 50;

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: ItemKey } };

export interface BatchWriteDeps extends WaitBudget {
  ddb: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * Puts and deletes items in batches of 25, retrying the requests DynamoDB
 * leaves unprocessed (throttling) with backoff. Throws TransientError when
 * some stay unprocessed, so the caller's message is retried.
 */
export async function batchWrite(
  deps: BatchWriteDeps,
  puts: Record<string, unknown>[],
  deletes: ItemKey[],
): Promise<void> {
  const requests: WriteRequest[] = [
    ...puts.map((item) => ({ PutRequest: { Item: item } })),
    ...deletes.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
  ];
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    let pending = requests.slice(start, start + BATCH_SIZE);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > UNPROCESSED_ATTEMPTS) {
        throw new TransientError(
          `${pending.length} index writes stayed unprocessed after ${UNPROCESSED_ATTEMPTS} attempts`,
        );
      }
      if (attempt > 1) {
        await waitWithinBudget(deps, BACKOFF_MS * 2 ** (attempt - 2), `${pending.length} index writes unprocessed`);
      }
      const result = await deps.ddb.send(new BatchWriteCommand({ RequestItems: { [deps.tableName]: pending } }));
      pending = (result.UnprocessedItems?.[deps.tableName] ?? []) as WriteRequest[];
    }
  }
}
