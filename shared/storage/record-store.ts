import { createHash, randomBytes } from "node:crypto";
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionalCheckFailed, wasRetried } from "../aws/aws-errors";
import { ARTIFACT_PREFIXES, FUNCTION_TIMEOUT_SECONDS, MAX_ITEM_BODY_BYTES } from "../config/resources";
import { TransientError } from "../errors";
import type { UnchangedReason } from "../events/ingest-notification";
import type { PageVersion } from "../events/record-message";
import type { MeetingRecord } from "../record/record-schema";
import { batchWrite } from "./batch-write";
import { claimContent, claimStands, type HeldClaim, type KnownClaim, releaseClaim } from "./content-claim";
import { indexItems, itemKey, keyString, personIndexWarning } from "./index-items";
import type { IndexWriter } from "./index-write-batcher";
import type { IndexItem } from "./item-keys";
import { keys } from "./item-keys";
import { type CompressedRecord, compressRecord } from "./record-body";
import type { ItemKey, RecordItem } from "./record-item";
import { readRecordItem } from "./record-reader";
import { compareVersions, uriPrefix, type VersionStrings, versionStrings } from "./record-version";
import { hasTimeFor, type WaitBudget, waitWithinBudget } from "./wait-budget";

/**
 * Writes a record and its index items so that a duplicate is a no-op and an
 * older version never overwrites a newer one.
 *
 * Read, decide, then write conditionally on what was read (optimistic
 * concurrency): the record item Put requires the stored objectVersion to be
 * the one read AND the incoming version to be newer by the rules of
 * record-version.ts. A failed condition means someone else wrote first:
 * re-read and decide again.
 *
 * Index items: the record item lists its index keys; a change puts the new
 * index items and deletes the ones no longer produced. The record item is
 * written first (it is the commit point: GET /meetings/{id} is right at
 * once), marked indexPendingSince with the keys still to delete; then the
 * index items are batch-written (25 a call; in a batch, in calls shared
 * with the other records', index-write-batcher.ts) and the mark is cleared. Lists
 * can show the previous summary for the few milliseconds in between. Not
 * TransactWriteItems: dynalite (the local emulator) does not implement it,
 * transactions cost twice the write units, and cap at 100 items, which a
 * meeting with many people and a changed date exceeds.
 *
 * The mark serialises writers, and its timestamp is the owner's token: every
 * record-item write is conditional on the mark read, and only the owner
 * clears it. While it is fresh, every other delivery — this very version
 * included — waits briefly (bounded by MAX_MARK_WAIT_MS and the time left in
 * the invocation), re-reads, and gives up with TransientError (retried via
 * SQS): a helper writing alongside the owner could clear the mark early, or
 * still be writing once a newer version has rewritten the index, leaving
 * stale items for good. An owner whose index writes fail releases its mark;
 * a mark released, or older than twice the function timeout (a writer that
 * died), is taken over: by the same version, which finishes it, or a newer
 * one, which deletes its leftover keys. So a delivery succeeds only once its
 * version's index is complete or a newer version holds the record.
 *
 * Exactly one record.created/updated per version: only the mark's owner
 * publishes, and the outbox is cleared with the mark. A redelivery that
 * finds the notification still owed (its publisher failed, or died before
 * publishing) takes a mark first, so of two such deliveries one publishes.
 * Only a publisher that dies after SNS accepted the message and before its
 * clearing update leaves it to be published again (at least once; the
 * notification carries the page version, so a subscriber can tell).
 *
 * The same version delivered again also repairs index items of an older
 * layout (indexSha256 differs): records stored before a layout change, such
 * as the LIST# partitions, get their missing items from a redelivery or a
 * `docket reprocess`, conditionally and with no write when all is in place.
 *
 * Write units: the mark is cleared in the same update that clears the
 * owed notification (the announce callback publishes it first, once the
 * index is complete), so the record item is written twice per change,
 * not three times: every write of it is billed on its whole size.
 *
 * Before the first write of a version the writer claims the page's bytes
 * (content-claim.ts): a record whose bytes another record already holds is
 * stored with duplicateOf naming it. A writer that fails before its record
 * item holds the bytes it claimed releases the claim (on that failure path
 * only), so no later copy is made a duplicate of it. And the record is
 * bounded to fit: the person index keeps its first names (index-items.ts),
 * with a warning.
 *
 * A batch may hand in a snapshot of the record item (record-prefetch.ts:
 * one consistent BatchGetItem for the whole batch) for the first attempt to
 * decide on instead of its own GetItem. Safe under optimistic concurrency:
 * every write is conditional on the item as read, so a snapshot another
 * writer has since changed only makes the write fail, and the retry reads
 * the item afresh, as every later attempt does. Deciding without a write is
 * safe too: a snapshot already holding a newer version stays outdone (the
 * item only ever moves to newer versions), and a finished same version is a
 * duplicate as of that read, as it is after a GetItem. A snapshot showing
 * another writer's fresh mark means a wait and a fresh read, as now. The
 * batch's read of the bytes' content claim is handed to claimContent
 * likewise (see there: it spares the claim Put another record's claim
 * would fail, and decides only on fresh reads). A claim of this record's
 * that stands on the item read with it (claimStands: the item holds the
 * bytes) is kept without a Put, for the write conditional on that item
 * only: a write that loses claims the bytes afresh.
 */

export interface RecordStoreDeps extends WaitBudget {
  ddb: DynamoDBDocumentClient;
  s3: S3Client;
  tableName: string;
  artifactsBucket: string;
  now: () => Date;
  /** reports best-effort clean-up failures, and a retried write found to have landed */
  warn?: (message: string, details: Record<string, unknown>) => void;
  /** the invocation's shared index writes (index-write-batcher.ts); absent: this record's own BatchWriteItem calls */
  indexWriter?: IndexWriter;
}

export type StoreOutcome = "created" | "updated" | "unchanged";
export type OwedNotification = "record.created" | "record.updated";

/** Publishes a created/updated notification for the record as stored; a throw leaves it owed. */
export type Announce = (type: OwedNotification, stored: MeetingRecord) => Promise<void>;

export interface StoreResult {
  outcome: StoreOutcome;
  reason?: UnchangedReason;
  /**
   * The notification the announce callback published (and the outbox
   * cleared): the one for the version just written, or one an earlier
   * delivery of the same version wrote but failed to publish.
   */
  announced?: OwedNotification;
  objectVersion: string;
  /** the record first stored with the same bytes, when this one repeats them */
  duplicateOf: string | null;
}

/**
 * Twice the writer's timeout: a mark older than this was abandoned. A live
 * writer never holds one this long (Lambda ends it at its timeout), so a
 * take-over never runs alongside its owner.
 */
export const ABANDONED_PENDING_MS = 2 * FUNCTION_TIMEOUT_SECONDS.storeRecord * 1000;
/** Appended to a mark by an owner that failed: the next delivery takes it over at once. */
const RELEASED = "/released";
/**
 * Longer than a live writer holds its mark (the index writes and a publish:
 * a second or two, a few under load). A delivery giving up on an older mark
 * says how long until it may be taken over (TransientError.settlesWithinMs),
 * so its redelivery need not come back sooner (retry-soon.ts).
 */
export const LIVE_MARK_MS = 10_000;
const MAX_ATTEMPTS = 8;
const WAIT_MS = 100;
/**
 * How long a delivery waits in all for another writer's fresh mark before
 * failing (partial batch failure) and leaving the record to its redelivery:
 * long enough for an owner in flight to finish, far below the timeout.
 */
const MAX_MARK_WAIT_MS = 2_000;

export interface StoreOptions {
  /** the record item as the batch read it (null: there was none), for the first attempt; absent: read it */
  snapshot?: RecordItem | null;
  /** the content claim of the record's bytes as the batch read it, for claiming them */
  claimSnapshot?: KnownClaim;
}

export async function storeRecord(
  deps: RecordStoreDeps,
  incoming: MeetingRecord,
  version: PageVersion,
  announce: Announce,
  options: StoreOptions = {},
): Promise<StoreResult> {
  const claim: ClaimProgress = { written: false };
  try {
    return await storeVersion(deps, incoming, version, announce, claim, options);
  } catch (error) {
    // Failed before a record item held the bytes it claimed: the next copy of them takes the claim.
    const held = claim.held;
    if (held && !claim.written) {
      // Else the claim ages out; until it does, a copy of the bytes is marked a duplicate of this record.
      await bestEffort(deps, "could not release the content claim", { id: held.recordId }, () =>
        releaseClaim(deps, held),
      );
    }
    throw error;
  }
}

/** This delivery's own claim on its bytes, if it made one, and whether a record item holding them was written. */
interface ClaimProgress {
  held?: HeldClaim;
  written: boolean;
}

/**
 * A clean-up whose failure is not the delivery's: warned, never thrown. Each
 * caller says what a failure leaves behind.
 */
async function bestEffort(
  deps: RecordStoreDeps,
  warning: string,
  details: Record<string, unknown>,
  task: () => Promise<unknown>,
): Promise<void> {
  try {
    await task();
  } catch (error) {
    deps.warn?.(warning, { ...details, error: String(error) });
  }
}

async function storeVersion(
  deps: RecordStoreDeps,
  incoming: MeetingRecord,
  version: PageVersion,
  announce: Announce,
  claim: ClaimProgress,
  { snapshot, claimSnapshot }: StoreOptions,
): Promise<StoreResult> {
  const incomingVersions = versionStrings(version);
  let claimed: Prepared | undefined;
  // Each JSON is compressed once per delivery, and each body placed once per version and JSON.
  let compressed: CompressedRecord | undefined;
  let body: { key: string; placed: Pick<RecordItem, "recordBrotli" | "recordPointer"> } | undefined;
  let waited = 0;
  // The last fresh mark of another writer met: a writer that died holding it leaves it until it ages out.
  let markMet: string | undefined;

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (!hasTimeFor(deps)) {
      throw new TransientError(`record ${incoming.id}: too little time left in this invocation; retry later`);
    }
    // The batch's snapshots decide the first attempt only; every retry (after a wait, or a lost
    // write) reads afresh, the content claim included.
    const stored = snapshot !== undefined ? snapshot : await readRecordItem(deps, incoming.id, { consistent: true });
    const batchClaim = attempt === 1 ? claimSnapshot : undefined;
    snapshot = undefined;
    const now = deps.now();
    let sameVersion = false;
    let prepared: Prepared;
    if (stored) {
      // From the raw version: items of earlier releases hold strings of another padding (record-version.ts).
      const order = compareVersions(versionStrings(stored.version), incomingVersions);
      const duplicateOf = stored.duplicateOf ?? null;
      if (order === "older") {
        return { outcome: "unchanged", reason: "stale", objectVersion: stored.objectVersion, duplicateOf };
      }
      markMet = undefined;
      if (stored.indexPendingSince && !isAbandoned(stored.indexPendingSince, now)) {
        markMet = stored.indexPendingSince;
        const ms = WAIT_MS * attempt;
        if (waited + ms > MAX_MARK_WAIT_MS) break;
        await waitWithinBudget(deps, ms, `record ${incoming.id}: another writer holds its index mark`);
        waited += ms;
        continue;
      }
      if (order === "same") {
        // The stored version already decided duplicateOf: no claim, so a redelivery writes nothing.
        prepared = prepareRecord(incoming, duplicateOf);
        const result: StoreResult = {
          outcome: "unchanged",
          reason: "duplicate",
          objectVersion: stored.objectVersion,
          duplicateOf,
        };
        const owed = stored.pendingNotification;
        // Work left by an earlier delivery: an abandoned index rewrite, an owed notification, or index
        // items of an older layout (records stored before it, e.g. without LIST# items: the migration).
        const unfinished =
          stored.indexPendingSince !== undefined || stored.indexSha256 !== prepared.indexSha256 || owed !== undefined;
        if (!unfinished) return result;
        sameVersion = true;
      } else {
        prepared = claimed ??= await prepare(deps, incoming, version, claim, batchClaim, stored);
      }
    } else {
      prepared = claimed ??= await prepare(deps, incoming, version, claim, batchClaim, stored);
    }

    const { record, recordJson, recordSha256, items, indexSha256 } = prepared;
    // A same-version rewrite keeps the stored version strings: its event time must not reorder keys.
    const versions = sameVersion && stored ? stored : incomingVersions;
    const bodyKey = `${versions.eventVersion} ${recordSha256}`;
    if (body?.key !== bodyKey) {
      compressed = compressRecord(recordJson, recordSha256, stored, compressed);
      body = {
        key: bodyKey,
        placed: await placeBody(deps, record.id, recordJson, recordSha256, compressed.bytes, versions),
      };
    }
    const outcome: StoreOutcome = !stored
      ? "created"
      : sameVersion || stored.recordSha256 === recordSha256
        ? "unchanged"
        : "updated";
    const item: RecordItem = {
      ...keys.record(record.id),
      id: record.id,
      schemaVersion: record.schemaVersion,
      parserVersion: record.parserVersion,
      objectVersion: versions.objectVersion,
      eventVersion: versions.eventVersion,
      version:
        sameVersion && stored
          ? stored.version
          : {
              uri: version.uri,
              sequencer: version.sequencer,
              versionId: version.versionId ?? null,
              eventTime: version.eventTime,
              sha256: version.sha256,
              parserVersion: version.parserVersion,
            },
      recordSha256,
      indexSha256,
      ...body.placed,
      ...(record.duplicateOf ? { duplicateOf: record.duplicateOf } : {}),
      indexKeys: items.map(itemKey),
      createdAt: stored?.createdAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
      ...pendingNotificationFor(outcome, stored),
    };
    const previousKeys = stored ? [...stored.indexKeys, ...(stored.staleIndexKeys ?? [])] : [];
    const current = new Set(items.map(keyString));
    const staleKeys = uniqueKeys(previousKeys.filter((key) => !current.has(keyString(key))));
    // The same index items are already in place, unless a rewrite was abandoned. Compared on the
    // items, not the record: a change to the index layout alone must still rewrite them.
    const puts = stored?.indexSha256 === indexSha256 && !stored.indexPendingSince ? [] : items;

    const owed = item.pendingNotification;
    const publish = owed ? () => announce(owed, record) : undefined;
    const condition = !stored
      ? CREATE_CONDITION
      : sameVersion
        ? sameVersionCondition(stored)
        : updateCondition(stored, version.uri, incomingVersions);
    try {
      await writeRecord(deps, item, puts, staleKeys, condition, publish, () => {
        if (prepared === claimed) claim.written = true;
      });
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // A claim kept as the batch read it stood on the item as read: the retry claims the bytes afresh.
      if (claimed?.claimStood) claimed = undefined;
      continue;
    }
    // Only an older version's body: no writer of that version can point the item at it any more
    // (its write is stale). One of this same version racing this one still may, so that object
    // stays, orphaned at worst.
    if (stored?.recordPointer && !sameVersion && stored.recordPointer.key !== item.recordPointer?.key) {
      const pointer = stored.recordPointer;
      // An orphaned body costs storage, not correctness.
      await bestEffort(deps, "could not delete the previous record body", { pointer }, () =>
        deps.s3.send(new DeleteObjectCommand({ Bucket: pointer.bucket, Key: pointer.key })),
      );
    }
    return {
      outcome,
      ...(outcome === "unchanged" ? { reason: sameVersion ? ("duplicate" as const) : ("same-content" as const) } : {}),
      ...(owed ? { announced: owed } : {}),
      objectVersion: item.objectVersion,
      duplicateOf: record.duplicateOf,
    };
  }
  throw new TransientError(
    `record ${incoming.id}: still contended (write races, or another writer's index mark held ${waited} ms); retry later`,
    { settlesWithinMs: untilAbandoned(markMet, deps.now()) },
  );
}

interface Condition {
  ConditionExpression: string;
  ExpressionAttributeValues?: Record<string, string>;
}

const CREATE_CONDITION: Condition = { ConditionExpression: "attribute_not_exists(pk)" };

/**
 * Unchanged since it was read (version and index mark), and the incoming
 * version is newer (same object: sequencer; else eventTime, uri).
 */
function updateCondition(stored: RecordItem, uri: string, incoming: VersionStrings): Condition {
  const mark = markCondition(stored);
  return {
    ConditionExpression:
      `objectVersion = :read AND ${mark.ConditionExpression} AND ` +
      "((begins_with(objectVersion, :uri) AND objectVersion < :ov) OR " +
      "(NOT begins_with(objectVersion, :uri) AND eventVersion < :ev))",
    ExpressionAttributeValues: {
      ...mark.ExpressionAttributeValues,
      ":read": stored.objectVersion,
      ":uri": uriPrefix(uri),
      ":ov": incoming.objectVersion,
      ":ev": incoming.eventVersion,
    },
  };
}

/** The same version again, to finish what an earlier delivery left: unchanged since it was read. */
function sameVersionCondition(stored: RecordItem): Condition {
  const mark = markCondition(stored);
  return {
    ConditionExpression: `objectVersion = :read AND ${mark.ConditionExpression}`,
    ExpressionAttributeValues: { ...mark.ExpressionAttributeValues, ":read": stored.objectVersion },
  };
}

/**
 * The index mark is still the one read (none, or the same: its owner has not changed), and so is
 * the owed notification: a delivery that published it clears it without changing the version, and
 * a writer that read it still owed must not publish it again.
 */
function markCondition(stored: RecordItem): Condition {
  const values: Record<string, string> = {};
  const mark = stored.indexPendingSince ? "indexPendingSince = :since" : "attribute_not_exists(indexPendingSince)";
  if (stored.indexPendingSince) values[":since"] = stored.indexPendingSince;
  const owed = stored.pendingNotification ? "pendingNotification = :owed" : "attribute_not_exists(pendingNotification)";
  if (stored.pendingNotification) values[":owed"] = stored.pendingNotification;
  return {
    ConditionExpression: `${mark} AND ${owed}`,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

function isAbandoned(pendingSince: string, now: Date): boolean {
  if (pendingSince.endsWith(RELEASED)) return true;
  return now.getTime() - markTime(pendingSince) >= ABANDONED_PENDING_MS;
}

/**
 * How long until a mark may be taken over as abandoned, for a mark older than
 * a live writer holds one: its writer may have died. Undefined for a younger
 * mark, whose writer is most likely still at work.
 */
function untilAbandoned(mark: string | undefined, now: Date): number | undefined {
  if (mark === undefined) return undefined;
  const age = now.getTime() - markTime(mark);
  if (!(age >= LIVE_MARK_MS)) return undefined;
  return Math.max(0, ABANDONED_PENDING_MS - age);
}

/** When a mark was made, released or not. */
function markTime(mark: string): number {
  return Date.parse(mark.endsWith(RELEASED) ? mark.slice(0, -RELEASED.length) : mark);
}

function pendingNotificationFor(
  outcome: StoreOutcome,
  stored: RecordItem | null,
): Pick<RecordItem, "pendingNotification"> {
  if (outcome === "created") return { pendingNotification: "record.created" };
  // A record.created still owed was never heard: subscribers first learn of the record now, with this content.
  if (outcome === "updated" && stored?.pendingNotification === "record.created") {
    return { pendingNotification: "record.created" };
  }
  if (outcome === "updated") return { pendingNotification: "record.updated" };
  return stored?.pendingNotification ? { pendingNotification: stored.pendingNotification } : {};
}

interface Prepared {
  record: MeetingRecord;
  recordJson: string;
  recordSha256: string;
  items: IndexItem[];
  indexSha256: string;
  /** the bytes' claim was kept as the batch read it (claimStands): good for a write conditional on `stored` only */
  claimStood?: boolean;
}

/**
 * The record as it will be stored, once its bytes are claimed (or found to be another record's).
 * `stored`: the record item as read, which the write that follows is conditional on.
 */
async function prepare(
  deps: RecordStoreDeps,
  incoming: MeetingRecord,
  version: PageVersion,
  progress: ClaimProgress,
  claimSnapshot: KnownClaim | undefined,
  stored: RecordItem | null,
): Promise<Prepared> {
  if (claimStands(claimSnapshot, incoming.id, incoming.source.sha256, stored, deps.now())) {
    return { ...prepareRecord(incoming, null), claimStood: true };
  }
  const claim = await claimContent(deps, incoming.source.sha256, incoming.id, version, claimSnapshot);
  progress.held = claim.held;
  return prepareRecord(incoming, claim.duplicateOf);
}

/** The record with its duplicate mark, warned when its person index is cut short, and its index items. */
function prepareRecord(incoming: MeetingRecord, duplicateOf: string | null): Prepared {
  const warning = personIndexWarning(incoming);
  const warnings =
    warning && !incoming.warnings.includes(warning) ? [...incoming.warnings, warning] : incoming.warnings;
  const record: MeetingRecord = { ...incoming, duplicateOf, warnings };
  const recordJson = JSON.stringify(record);
  const items = indexItems(record);
  return {
    record,
    recordJson,
    recordSha256: sha256Hex(recordJson),
    items,
    indexSha256: sha256Hex(JSON.stringify(items)),
  };
}

/**
 * Writes the record item, and when its index changes or a notification is
 * owed, the index items under the mark. The mark makes the owner the only
 * delivery that may publish: it publishes once the index is complete, then
 * clears the mark and the outbox in one update. A delivery that finds a
 * notification owed and no mark takes a mark first (a conditional Put), so
 * two deliveries never both publish it.
 */
async function writeRecord(
  deps: RecordStoreDeps,
  item: RecordItem,
  puts: IndexItem[],
  deletes: ItemKey[],
  condition: Condition,
  publish: (() => Promise<void>) | undefined,
  onWritten: () => void,
): Promise<void> {
  if (puts.length === 0 && deletes.length === 0 && !publish) {
    await deps.ddb.send(new PutCommand({ TableName: deps.tableName, Item: item, ...condition }));
    onWritten();
    return;
  }
  const pending: RecordItem = {
    ...item,
    indexPendingSince: deps.now().toISOString(),
    indexMarkNonce: randomBytes(8).toString("hex"),
    staleIndexKeys: deletes,
  };
  await putMarked(deps, pending, condition);
  onWritten();
  try {
    const items = puts as unknown as Record<string, unknown>[];
    await (deps.indexWriter ? deps.indexWriter.write(items, deletes) : batchWrite(deps, items, deletes));
  } catch (error) {
    // A failed owner hands the rewrite to the next delivery at once, rather than once the mark ages out.
    await releaseQuietly(deps, pending);
    throw error;
  }
  if (!publish) {
    await updateWhileMarkHeld(deps, pending, CLEAR_MARK);
    return;
  }
  try {
    await publish();
  } catch (error) {
    // The notification stays owed (the next delivery takes a mark and publishes it); the index is
    // complete. The publish's error is the one to report, even if the clearing fails too.
    await clearQuietly(deps, pending, CLEAR_MARK);
    throw error;
  }
  // Published: failing the message now would only make a redelivery publish again once the mark
  // ages out. A clearing that fails (throttled past the SDK's retries) leaves the mark to age out
  // and the notification owed, so at most one later delivery repeats it, as a dying publisher would.
  await clearQuietly(deps, pending, `${CLEAR_MARK}, pendingNotification`);
}

/**
 * Puts the record item with this writer's mark. The SDK retries a Put whose
 * answer was lost (a timeout); if the first attempt had landed, the retry
 * fails its condition on this writer's own item, and the writer would wait
 * on its own mark as another's until it aged out, failing every redelivery
 * meanwhile. A fresh read showing this writer's mark (its nonce is no other
 * writer's) proves the write landed: the writer carries on as the owner.
 */
async function putMarked(deps: RecordStoreDeps, pending: RecordItem, condition: Condition): Promise<void> {
  try {
    await deps.ddb.send(new PutCommand({ TableName: deps.tableName, Item: pending, ...condition }));
  } catch (error) {
    if (isConditionalCheckFailed(error) && !wasRetried(error)) throw error;
    // Any other failure may follow an attempt that landed: a mark this writer may hold is released
    // (conditional on its own token, so a no-op otherwise) rather than left to age out.
    const landed = isConditionalCheckFailed(error) && (await holdsMark(deps, pending).catch(() => false));
    if (!landed) {
      await releaseQuietly(deps, pending);
      throw error;
    }
    deps.warn?.("a retried write of the record item had landed on its first attempt; carrying on as its owner", {
      id: pending.id,
    });
  }
}

/** The item as read now holds this writer's mark (its nonce is no other writer's) and version: its Put landed. */
async function holdsMark(deps: RecordStoreDeps, pending: RecordItem): Promise<boolean> {
  const current = await readRecordItem(deps, pending.id, { consistent: true });
  return (
    current !== null &&
    current.indexMarkNonce === pending.indexMarkNonce &&
    current.indexPendingSince === pending.indexPendingSince &&
    current.objectVersion === pending.objectVersion
  );
}

function clearQuietly(deps: RecordStoreDeps, held: RecordItem, update: string): Promise<void> {
  return bestEffort(deps, "could not clear the index mark", { id: held.id }, () =>
    updateWhileMarkHeld(deps, held, update),
  );
}

const CLEAR_MARK = "REMOVE indexPendingSince, indexMarkNonce, staleIndexKeys";

/** Marks this writer's rewrite as given up, so the next delivery takes it over without waiting. */
function releaseQuietly(deps: RecordStoreDeps, held: RecordItem): Promise<void> {
  // A failure (throttled again, most likely) leaves the mark to age out (ABANDONED_PENDING_MS).
  return bestEffort(deps, "could not release the index mark", { id: held.id }, () =>
    updateWhileMarkHeld(deps, held, "SET indexPendingSince = :released", {
      ":released": `${held.indexPendingSince}${RELEASED}`,
    }),
  );
}

/**
 * The ownership rule of an index rewrite, in one place: an update of the
 * record item applies only while it still holds the version and the mark
 * this writer read. False when another writer got there first.
 */
async function updateWhileMarkHeld(
  deps: RecordStoreDeps,
  held: RecordItem,
  updateExpression: string,
  values: Record<string, unknown> = {},
): Promise<boolean> {
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.record(held.id),
        UpdateExpression: updateExpression,
        ConditionExpression: "objectVersion = :ov AND indexPendingSince = :since",
        ExpressionAttributeValues: { ...values, ":ov": held.objectVersion, ":since": held.indexPendingSince },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Inline and compressed when small enough for the item, else in the artifacts bucket under a key unique to the version. */
async function placeBody(
  deps: RecordStoreDeps,
  id: string,
  recordJson: string,
  recordSha256: string,
  compressed: Uint8Array,
  versions: VersionStrings,
): Promise<Pick<RecordItem, "recordBrotli" | "recordPointer">> {
  if (compressed.byteLength <= MAX_ITEM_BODY_BYTES) return { recordBrotli: compressed };
  // Keyed by version and JSON, so never overwritten with other content: two deliveries of one
  // version may decide differently (duplicateOf), and the slower one's Put must not replace the
  // body of the decision the item holds. Only an older version's object is deleted (storeVersion).
  const pointer = { bucket: deps.artifactsBucket, key: recordBodyKey(id, versions, recordSha256) };
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: pointer.bucket,
      Key: pointer.key,
      Body: recordJson,
      ContentType: "application/json; charset=utf-8",
    }),
  );
  return { recordPointer: pointer };
}

/** Where a record body too big for its item lives, one object per version and JSON; never expired by a lifecycle rule. */
export function recordBodyKey(id: string, versions: VersionStrings, recordSha256: string): string {
  const version = sha256Hex(versions.eventVersion).slice(0, 32);
  return `${ARTIFACT_PREFIXES.recordBodies}${id}/${version}-${recordSha256.slice(0, 16)}.json`;
}

function uniqueKeys(list: ItemKey[]): ItemKey[] {
  const seen = new Map(list.map((key) => [keyString(key), itemKey(key)]));
  return [...seen.values()];
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
