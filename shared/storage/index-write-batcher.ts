import { type InFlightRecords, inFlightRecords } from "../aws/in-flight-records";
import {
  BATCH_SIZE,
  type BatchWriteDeps,
  requestKey,
  type WriteRequest,
  writeCall,
  writeRequests,
} from "./batch-write";
import type { ItemKey } from "./record-item";

/** The longest a record's index writes wait for other records' to join them (as its notification does). */
export const MAX_INDEX_WAIT_MS = 20;

/**
 * One invocation's index writes, shared among its records in BatchWriteItem
 * calls of up to 25 requests rather than one call (or more) per record: a
 * record has a handful of index items, so a batch of records fills a call.
 * `write` settles with that one record's own requests: it resolves once all
 * of them are written, and rejects when one of them stays unprocessed after
 * the retries (TransientError) or a call holding one throws; the records
 * sharing those calls are unaffected. A record's requests may span calls:
 * a failed one rejects only once none of its calls is still out, and its
 * requests not yet sent are dropped, so when its caller releases the mark
 * no write of it can land after the next writer's.
 *
 * Calls go out when 25 requests wait (whole calls only; the rest waits on),
 * when every record in flight is waiting (nothing more can join), or
 * MAX_INDEX_WAIT_MS after the first wait, whichever comes first; the count
 * of records in flight is the notification batcher's (in-flight-records.ts:
 * make this batcher first, so that when all wait, index writes go out and
 * the notifications wait for the records they release).
 *
 * DynamoDB refuses a call with two requests for one key. Records of one
 * batch never share an index key (the sort key carries the record id), and
 * a record's writers are serialised by its index mark; should one key come
 * twice anyway, the later request goes in a later call, sent once the
 * earlier has finished, so the writes keep their order.
 */
export interface IndexWriter {
  write(puts: Record<string, unknown>[], deletes: ItemKey[]): Promise<void>;
}

interface Owner {
  unwritten: number;
  /** calls holding some of its requests that have not finished */
  sending: number;
  /** why one of its requests was not written: it settles (rejects) once no call of it is still out */
  error?: { cause: unknown };
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Request {
  request: WriteRequest;
  key: string;
  owner: Owner;
}

/** A record waiting: its requests not yet sent. */
interface Waiting {
  owner: Owner;
  requests: Request[];
}

export function indexWriteBatcher(
  deps: BatchWriteDeps,
  records: InFlightRecords = inFlightRecords(),
  maxWaitMs = MAX_INDEX_WAIT_MS,
): IndexWriter {
  const queue = records.queue<Waiting>({
    maxWaitMs,
    isFull: (entries) => count(entries) >= BATCH_SIZE,
    send(entries, all) {
      // A record that failed already sends nothing more (its mark is released: a late write could outlive the next writer's).
      const requests = entries.flatMap((entry) => (entry.owner.error ? [] : entry.requests));
      const sent = all ? requests.length : requests.length - (requests.length % BATCH_SIZE);
      sendAll(deps, requests.slice(0, sent));
      return waitingOf(requests.slice(sent));
    },
  });
  return {
    write(puts, deletes) {
      const requests = writeRequests(puts, deletes);
      if (requests.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const owner: Owner = { unwritten: requests.length, sending: 0, resolve, reject };
        queue.add({ owner, requests: requests.map((request) => ({ request, key: requestKey(request), owner })) });
      });
    },
  };
}

function count(entries: readonly Waiting[]): number {
  return entries.reduce((sum, entry) => sum + entry.requests.length, 0);
}

/** The requests left to send, grouped by record again (in order: a record's requests are contiguous). */
function waitingOf(requests: Request[]): Waiting[] {
  const waiting: Waiting[] = [];
  for (const request of requests) {
    const last = waiting.at(-1);
    if (last?.owner === request.owner) last.requests.push(request);
    else waiting.push({ owner: request.owner, requests: [request] });
  }
  return waiting;
}

interface Call {
  requests: Request[];
  /** the calls holding an earlier request for one of its keys */
  after: Set<Call>;
  done?: Promise<void>;
}

/** The requests in calls of at most 25 with distinct keys: each joins the first call with room after every call holding its key. */
function plan(requests: Request[]): Call[] {
  const calls: Call[] = [];
  const lastCallOf = new Map<string, number>();
  for (const request of requests) {
    const earlier = lastCallOf.get(request.key);
    let index = earlier === undefined ? 0 : earlier + 1;
    while (index < calls.length && (calls[index] as Call).requests.length >= BATCH_SIZE) index++;
    const call = calls[index] ?? { requests: [], after: new Set<Call>() };
    calls[index] = call;
    if (earlier !== undefined) call.after.add(calls[earlier] as Call);
    call.requests.push(request);
    lastCallOf.set(request.key, index);
  }
  return calls;
}

/** Sends the calls side by side, a call holding a repeated key only once the calls before it have finished. */
function sendAll(deps: BatchWriteDeps, requests: Request[]): void {
  for (const call of plan(requests)) {
    const owners = new Set(call.requests.map((request) => request.owner));
    for (const owner of owners) owner.sending += 1;
    call.done = Promise.allSettled([...call.after].map((before) => before.done))
      .then(() => send(deps, call.requests))
      .finally(() => {
        for (const owner of owners) {
          owner.sending -= 1;
          settle(owner);
        }
      });
  }
}

/** Writes one call's requests (those of records not failed meanwhile), noting each record's written and failed ones. */
async function send(deps: BatchWriteDeps, requests: Request[]): Promise<void> {
  const unwritten = new Map(
    requests.filter((request) => !request.owner.error).map((request) => [request.key, request]),
  );
  if (unwritten.size === 0) return;
  try {
    await writeCall(
      deps,
      [...unwritten.values()].map((request) => request.request),
      (written) => {
        for (const done of written) {
          const request = unwritten.get(requestKey(done));
          if (!request) continue;
          unwritten.delete(request.key);
          request.owner.unwritten -= 1;
        }
      },
    );
  } catch (cause) {
    // Only the records with a request this call left unwritten.
    for (const request of unwritten.values()) request.owner.error ??= { cause };
  }
}

/**
 * A record's write is done when all its requests are written; it fails once
 * one was not and none of its calls is still out, so the caller releases
 * its mark only when nothing of this writer can land after.
 */
function settle(owner: Owner): void {
  if (owner.error) {
    if (owner.sending === 0) owner.reject(owner.error.cause);
  } else if (owner.unwritten === 0) owner.resolve();
}
