import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TransientError } from "../errors";
import type { ItemKey } from "./record-item";
import { type WaitBudget, waitWithinBudget } from "./wait-budget";

/** BatchWriteItem takes at most 25 requests. */
export const BATCH_SIZE = 25;
const UNPROCESSED_ATTEMPTS = 5;
const BACKOFF_MS = 50;

export type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: ItemKey } };

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
  const requests = writeRequests(puts, deletes);
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    await writeCall(deps, requests.slice(start, start + BATCH_SIZE), () => {});
  }
}

export function writeRequests(puts: Record<string, unknown>[], deletes: ItemKey[]): WriteRequest[] {
  return [
    ...puts.map((item) => ({ PutRequest: { Item: item } })),
    ...deletes.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
  ];
}

/** The key a request writes: what DynamoDB allows once per call, and names an unprocessed request by. */
export function requestKey(request: WriteRequest): string {
  const { pk, sk } =
    "PutRequest" in request ? (request.PutRequest.Item as unknown as ItemKey) : request.DeleteRequest.Key;
  return `${pk}\u0000${sk}`;
}

/**
 * One BatchWriteItem of at most 25 requests (distinct keys), the requests it
 * leaves unprocessed sent again with backoff. `processed` hears of the
 * requests each attempt wrote; TransientError names the ones that stay
 * unprocessed, a thrown call leaves them unwritten too.
 */
export async function writeCall(
  deps: BatchWriteDeps,
  requests: WriteRequest[],
  processed: (written: WriteRequest[]) => void,
): Promise<void> {
  let pending = requests;
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
    const unprocessed = (result.UnprocessedItems?.[deps.tableName] ?? []) as WriteRequest[];
    const left = new Set(unprocessed.map(requestKey));
    processed(pending.filter((request) => !left.has(requestKey(request))));
    pending = unprocessed;
  }
}
