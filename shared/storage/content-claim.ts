import { randomUUID } from "node:crypto";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionalCheckFailed, wasRetried } from "../aws/aws-errors";
import { FUNCTION_TIMEOUT_SECONDS } from "../config/resources";
import { TransientError } from "../errors";
import type { PageVersion } from "../events/record-message";
import { keys } from "./item-keys";
import type { RecordItem } from "./record-item";
import { readRecordItem } from "./record-reader";
import { compareVersions, versionStrings } from "./record-version";

/**
 * Which record first stored a page's raw bytes: a small item per content
 * hash (pk CONTENT#<sha256>) naming the record that claimed it, written
 * conditionally so that of two records with the same bytes exactly one
 * claims them. Idempotent under redelivery: a record that already holds
 * the claim keeps it, and is never a duplicate of itself.
 *
 * The claim names the page version that made it (its fields, not the
 * version strings: those hex-encode the uri, and the claim must stay within
 * one write unit), and a random token for that one claim write. A claim outlives its
 * owner's hold on the bytes (the owner's page changed since, or its write
 * lost to a newer version and never happened), so another record with the
 * same bytes counts it only while:
 *  - the owner's record item has that sha256 (it holds the bytes), or
 *  - the claiming version may still be written: the owner's item is absent
 *    or older than that version (so the version can still win its
 *    conditional write), the claim is fresh (younger than a writer can
 *    live) and its writer has not released it (see releaseClaim).
 * Else it is taken over, conditionally on the claim write read (its token).
 * Versions, not timestamps: the record item's updatedAt is taken before the
 * claim, and on another machine's clock. Without the second rule two
 * records with the same bytes stored at the same moment would both be
 * originals: the second finds the first's claim before the first's record
 * item exists, and would take it over.
 *
 * Of two deliveries of one record in flight, the claim names the newer
 * version (putClaim).
 *
 * A writer that claimed the bytes and then fails before its record item
 * holds them releases its claim, so a later copy is not made a duplicate of
 * a record that may never hold them. One that dies keeps it until it ages
 * out, or until its redelivery writes the bytes.
 */

export interface ContentClaimDeps {
  ddb: DynamoDBDocumentClient;
  tableName: string;
  now: () => Date;
}

export interface ClaimItem {
  pk: string;
  sk: string;
  recordId: string;
  /** when the owner (re)claimed the bytes; absent on claims written before it, which count as old */
  claimedAt?: string;
  /** the page version that claimed them (its sha256 is the claim's), and a token for this one claim write; absent on older claims */
  version?: ClaimingVersion;
  token?: string;
  /** set by a writer that failed before its record item held the bytes */
  released?: boolean;
}

/** A content claim as a batch read it, and the item of the record it names (absent: not read). */
export interface KnownClaim {
  claim: ClaimItem | null;
  owner?: RecordItem | null;
}

/** This record's own claim on the bytes: what its writer releases if it fails before writing them. */
export interface HeldClaim {
  sha256: string;
  recordId: string;
  token: string;
  /**
   * False when the claim Put replaced a live claim of this same record (a
   * concurrent delivery that may still write the bytes): then only that
   * one may release it.
   */
  releasable: boolean;
}

type ClaimingVersion = Pick<PageVersion, "uri" | "sequencer" | "eventTime" | "parserVersion">;

export type ClaimResult = { duplicateOf: string; held?: undefined } | { duplicateOf: null; held: HeldClaim };

/** A writer lives at most its function's timeout; twice that, and an owner that has not written never will. */
const CLAIM_IN_FLIGHT_MS = 2 * FUNCTION_TIMEOUT_SECONDS.storeRecord * 1000;

/** Twice a writer's life (the proof at claimStands), and as much again for the clocks of two machines. */
const CLAIM_STANDING_MS = 2 * CLAIM_IN_FLIGHT_MS;

const ATTEMPTS = 4;

/**
 * Another record already stored (or storing) these bytes, or this record's claim on them.
 *
 * `known` is what a batch read (record-prefetch.ts): the claim item (null: there was none) and,
 * when it names another record, that record's item. Then the first attempt skips the Put that
 * would fail on the claim: its owner holding the bytes (in the batch's read of its item, or in a
 * read now) decides at once, as the read after a failed Put would. A decision that would rest on
 * the claim still being in flight is taken on fresh reads of the claim and its owner instead,
 * since the claim may have been released or taken over since the batch read it.
 */
export async function claimContent(
  deps: ContentClaimDeps,
  sha256: string,
  recordId: string,
  version: PageVersion,
  known?: KnownClaim,
): Promise<ClaimResult> {
  // This record's own claim in flight, as the batch read it, is Put over conditionally at once (see putClaim).
  let from = known?.claim?.recordId === recordId && isInFlight(known.claim, deps.now()) ? known.claim : null;
  let snapshot = known?.claim && known.claim.recordId !== recordId ? known : undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const othersClaim = snapshot?.claim ?? undefined;
    const knownOwner = snapshot?.owner;
    snapshot = undefined;
    if (othersClaim) {
      const ownerItem =
        knownOwner !== undefined ? knownOwner : await readRecordItem(deps, othersClaim.recordId, { consistent: true });
      if (ownerItem?.version.sha256 === sha256) return { duplicateOf: othersClaim.recordId };
    } else {
      const held = await putClaim(deps, sha256, recordId, version, from);
      if (held) return { duplicateOf: null, held };
    }
    const claim = await readClaim(deps, sha256);
    if (!claim || claim.recordId === recordId) {
      from = claim && isInFlight(claim, deps.now()) ? claim : null;
      continue;
    }
    const ownerItem = await readRecordItem(deps, claim.recordId, { consistent: true });
    if (claimCounts(claim, ownerItem, sha256, deps.now())) return { duplicateOf: claim.recordId };
    from = claim;
  }
  throw new TransientError(`content ${sha256}: its claim kept changing hands; retry later`);
}

/**
 * Whether a writer may keep the claim on its bytes as the batch read it
 * rather than Put it again (a request and a write unit per new version of a
 * record whose bytes did not change, as when a crawler fetches an unchanged
 * page again): the claim names this record, the record item as read holds
 * the bytes (the write that follows must be conditional on that item), and
 * either the claim is older than CLAIM_STANDING_MS, or it was made by the
 * very version the item holds and the item is no duplicate. The writer then
 * stores the bytes as their original, as a claim Put that succeeded would
 * decide, and holds no claim of its own to release should it fail.
 *
 * The Put would only change the claim's token, which fails another record's
 * take-over in flight: one that read this claim, then read this record's
 * item before the write F that last gave it the bytes (a later read finds
 * them, until this write, which keeps them). F either claimed the bytes or,
 * a duplicate, read another record's claim; either before this claim was
 * made (its token is the one the taker holds), so less than a writer's life
 * before the taker read the item, and less than two before this read: an
 * older claim has no such taker left. And the taker counts a younger claim
 * made by the version read here (claimCounts): it is unreleased (its writer,
 * or those it replaced back to the write that made the item an original,
 * held the bytes or a live claim of this record) and newer than the item
 * the taker read (the item only moves to newer versions).
 */
export function claimStands(
  known: KnownClaim | undefined,
  recordId: string,
  sha256: string,
  item: RecordItem | null,
  now: Date,
): boolean {
  const claim = known?.claim;
  if (claim?.recordId !== recordId || !claim.claimedAt || item?.version.sha256 !== sha256) return false;
  if (now.getTime() - Date.parse(claim.claimedAt) >= CLAIM_STANDING_MS) return true;
  const claiming = claim.version;
  const held = item.version;
  return (
    !item.duplicateOf &&
    claiming !== undefined &&
    held.uri === claiming.uri &&
    held.sequencer === claiming.sequencer &&
    held.eventTime === claiming.eventTime &&
    held.parserVersion === claiming.parserVersion
  );
}

/**
 * Marks this writer's claim as released, so the next copy of the bytes
 * takes it over; only while the claim is still this very write's. Best
 * effort: left in place, the claim ages out (CLAIM_IN_FLIGHT_MS).
 */
export async function releaseClaim(deps: ContentClaimDeps, held: HeldClaim): Promise<void> {
  if (!held.releasable) return;
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.content(held.sha256),
        UpdateExpression: "SET #released = :yes",
        ConditionExpression: "recordId = :me AND #token = :token",
        ExpressionAttributeNames: { "#released": "released", "#token": "token" },
        ExpressionAttributeValues: { ":yes": true, ":me": held.recordId, ":token": held.token },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/**
 * Puts the claim if nobody holds it, this record does and no writer is on its way with it, or
 * `from` (the claim write read) still does: a take-over of another record's claim, or this
 * record's own claim in flight, whose Put keeps the newer of the two versions.
 *
 * A claim of this record in flight is replaced only on its token as read, never blindly: another
 * delivery of the record may be on its way to writing the bytes as their original, counting on
 * it. A blind Put could lower its version to an older one of this record that then loses to a
 * version with other bytes: another record would find the item newer than the claiming version
 * and take the claim over, and the newer delivery, its write still to come, would store the bytes
 * as an original too. So the claim keeps the newer version, the one another record must wait
 * for: it never names an older version while a newer one may still write. claimedAt moves to
 * now, covering this writer's life as well (a take-over only comes later). The new token fails
 * the other delivery's release, and this one's is not releasable: if both fail, it ages out.
 */
async function putClaim(
  deps: ContentClaimDeps,
  sha256: string,
  recordId: string,
  version: PageVersion,
  from: ClaimItem | null,
): Promise<HeldClaim | null> {
  const now = deps.now();
  const ours: ClaimingVersion = {
    uri: version.uri,
    sequencer: version.sequencer,
    eventTime: version.eventTime,
    parserVersion: version.parserVersion,
  };
  const own = from?.recordId === recordId;
  const item: ClaimItem = {
    ...keys.content(sha256),
    recordId,
    claimedAt: now.toISOString(),
    version: own && from?.version && isNewer(from.version, ours, sha256) ? from.version : ours,
    token: randomUUID(),
  };
  // Ours, and no writer can be on its way with it: aged out, released, or from before claimedAt existed.
  const ownIdle =
    "(recordId = :me AND (attribute_not_exists(claimedAt) OR claimedAt <= :idleSince OR #released = :yes))";
  const values: Record<string, unknown> = {
    ":me": recordId,
    ":idleSince": new Date(now.getTime() - CLAIM_IN_FLIGHT_MS).toISOString(),
    ":yes": true,
  };
  const names: Record<string, string> = { "#released": "released" };
  let condition = `attribute_not_exists(pk) OR ${ownIdle}`;
  if (from) {
    names["#token"] = "token";
    values[":from"] = from.recordId;
    if (from.token) values[":token"] = from.token;
    condition = `${ownIdle} OR (recordId = :from AND ${from.token ? "#token = :token" : "attribute_not_exists(#token)"})`;
  }
  try {
    const result = await deps.ddb.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: item,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_OLD",
      }),
    );
    const replaced = result.Attributes as ClaimItem | undefined;
    const concurrent = replaced?.recordId === recordId && isInFlight(replaced, now);
    return { sha256, recordId, token: item.token as string, releasable: !concurrent };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // The SDK retried a Put whose first attempt had landed (its answer lost): the claim holds this
    // Put's token, no other writer's. What it replaced is unknown, so it is releasable unless it
    // could only have been this record's claim in flight.
    if (wasRetried(error) && (await readClaim(deps, sha256))?.token === item.token) {
      return { sha256, recordId, token: item.token as string, releasable: from?.recordId !== recordId };
    }
    return null;
  }
}

/** Whether the claim's version is newer than this one (both of one record's page, with these bytes). */
function isNewer(claiming: ClaimingVersion, version: ClaimingVersion, sha256: string): boolean {
  return compareVersions(versionStrings({ ...version, sha256 }), versionStrings({ ...claiming, sha256 })) === "newer";
}

async function readClaim(deps: ContentClaimDeps, sha256: string): Promise<ClaimItem | undefined> {
  const result = await deps.ddb.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.content(sha256), ConsistentRead: true }),
  );
  return result.Item as ClaimItem | undefined;
}

/** Another record's claim names the original: its owner holds the bytes, or its claiming version may still write them. */
function claimCounts(claim: ClaimItem, ownerItem: RecordItem | null, sha256: string, now: Date): boolean {
  if (ownerItem?.version.sha256 === sha256) return true;
  if (!isInFlight(claim, now) || !claim.version) return false;
  if (!ownerItem) return true;
  // A stored version as new as the claiming one means that version lost (or was replaced): it never writes these bytes.
  return compareVersions(versionStrings(ownerItem.version), versionStrings({ ...claim.version, sha256 })) === "newer";
}

/** Recent and not released: its writer may still be on its way to writing the record item. */
function isInFlight(claim: ClaimItem, now: Date): boolean {
  if (!claim.claimedAt || claim.released) return false;
  return now.getTime() - Date.parse(claim.claimedAt) < CLAIM_IN_FLIGHT_MS;
}
