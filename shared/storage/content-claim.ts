import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionalCheckFailed } from "../aws/aws-errors";
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
 * counts only while the owner's record item still has that sha256; else
 * the claim is taken over, conditionally on the owner read.
 */

export interface ContentClaimDeps {
  ddb: DynamoDBDocumentClient;
  tableName: string;
}

interface ClaimItem {
  pk: string;
  sk: string;
  recordId: string;
}

const ATTEMPTS = 4;

/** The id of another record already stored with these bytes, or null when this record holds them. */
export async function claimContent(deps: ContentClaimDeps, sha256: string, recordId: string): Promise<string | null> {
  let expectedOwner: string | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (await putClaim(deps, sha256, recordId, expectedOwner)) return null;
    const owner = await readOwner(deps, sha256);
    if (owner === null || owner === recordId) {
      expectedOwner = owner;
      continue;
    }
    const ownerItem = await readRecordItem(deps, owner, { consistent: true });
    if (ownerItem?.version.sha256 === sha256) return owner;
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
  const item: ClaimItem = { ...keys.content(sha256), recordId };
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

async function readOwner(deps: ContentClaimDeps, sha256: string): Promise<string | null> {
  const result = await deps.ddb.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.content(sha256), ConsistentRead: true }),
  );
  return (result.Item as ClaimItem | undefined)?.recordId ?? null;
}
