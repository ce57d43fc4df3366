import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionalCheckFailed } from "../aws/aws-errors";
import { FUNCTION_TIMEOUT_SECONDS } from "../config/resources";
import { TransientError } from "../errors";
import { keys } from "./item-keys";
import { readRecordItem } from "./record-reader";

/**
 * Which record first stored a page's raw bytes: a small item per content
 * hash (pk CONTENT#<sha256>) naming the record that claimed it, written
 * conditionally so that of two records with the same bytes exactly one
 * claims them. Idempotent under redelivery: a record that already holds
 * the claim keeps it, and is never a duplicate of itself.
 *
 * A claim outlives its owner's hold on the bytes (the owner's page changed
 * since, or its write lost to a newer version and never happened), so it
 * counts while the owner's record item has that sha256, or while the owner
 * may still be writing it: the claim is fresh (younger than a writer can
 * live) and the owner's item was not written since the claim. Else it is
 * taken over, conditionally on the owner read. Without the second rule two
 * records with the same bytes stored at the same moment would both be
 * originals: the second finds the first's claim before the first's record
 * item exists, and would take it over.
 */

export interface ContentClaimDeps {
  ddb: DynamoDBDocumentClient;
  tableName: string;
  now: () => Date;
}

interface ClaimItem {
  pk: string;
  sk: string;
  recordId: string;
  /** when the owner (re)claimed the bytes; absent on claims written before it, which count as old */
  claimedAt?: string;
}

/** A writer lives at most its function's timeout; twice that, and an owner that has not written never will. */
const CLAIM_IN_FLIGHT_MS = 2 * FUNCTION_TIMEOUT_SECONDS.storeRecord * 1000;

const ATTEMPTS = 4;

/** The id of another record already stored with these bytes, or null when this record holds them. */
export async function claimContent(deps: ContentClaimDeps, sha256: string, recordId: string): Promise<string | null> {
  let expectedOwner: string | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (await putClaim(deps, sha256, recordId, expectedOwner)) return null;
    const claim = await readClaim(deps, sha256);
    const owner = claim?.recordId ?? null;
    if (owner === null || owner === recordId) {
      expectedOwner = owner;
      continue;
    }
    const ownerItem = await readRecordItem(deps, owner, { consistent: true });
    if (ownerItem?.version.sha256 === sha256) return owner;
    if (claim && mayStillBeWriting(claim, ownerItem?.updatedAt, deps.now())) return owner;
    expectedOwner = owner;
  }
  throw new TransientError(`content ${sha256}: its claim kept changing hands; retry later`);
}

/** Puts the claim if nobody holds it, this record does, or `from` still does (a take-over). */
async function putClaim(
  deps: ContentClaimDeps,
  sha256: string,
  recordId: string,
  from: string | null,
): Promise<boolean> {
  const item: ClaimItem = { ...keys.content(sha256), recordId, claimedAt: deps.now().toISOString() };
  try {
    await deps.ddb.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: item,
        ConditionExpression:
          from === null || from === recordId
            ? "attribute_not_exists(pk) OR recordId = :me"
            : "recordId = :me OR recordId = :from",
        ExpressionAttributeValues:
          from === null || from === recordId ? { ":me": recordId } : { ":me": recordId, ":from": from },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

async function readClaim(deps: ContentClaimDeps, sha256: string): Promise<ClaimItem | undefined> {
  const result = await deps.ddb.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.content(sha256), ConsistentRead: true }),
  );
  return result.Item as ClaimItem | undefined;
}

/** The claim is recent, and its owner's record item (if any) was last written before it: the owner's write may be on its way. */
function mayStillBeWriting(claim: ClaimItem, ownerWrittenAt: string | undefined, now: Date): boolean {
  if (!claim.claimedAt) return false;
  const claimedAt = Date.parse(claim.claimedAt);
  if (now.getTime() - claimedAt >= CLAIM_IN_FLIGHT_MS) return false;
  return ownerWrittenAt === undefined || Date.parse(ownerWrittenAt) < claimedAt;
}
