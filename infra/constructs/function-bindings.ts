import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type * as sns from "aws-cdk-lib/aws-sns";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { ENV, type EnvName } from "../../shared/config/env";
import { checkMaxPageBytes } from "../../shared/config/resources";
import { TABLE_DEFINITION } from "../../shared/storage/table-definition";
import { acknowledge, wildcardActionFinding, wildcardResourceFinding } from "../nag/acknowledge";
import type { StageName } from "../stages";
import type { DocketFunction } from "./docket-function";

/**
 * Each binding sets one variable named in shared/config/env.ts and grants
 * exactly the access that variable implies, so a function never gets a name
 * without the permission or a permission without the name. Nothing else in
 * infra/ sets a Docket variable.
 */
function setEnv(fn: DocketFunction, name: EnvName, value: string): void {
  fn.lambda.addEnvironment(name, value);
}

export function bindStage(fn: DocketFunction, stage: StageName): void {
  setEnv(fn, ENV.stage, stage);
}

/** Fails the synth for a limit the parser would refuse anyway, rather than deploying a surprise. */
export function bindMaxPageBytes(fn: DocketFunction, bytes: number): void {
  setEnv(fn, ENV.maxPageBytes, String(checkMaxPageBytes(bytes)));
}

/**
 * Raw pages are the source of truth: readable (under the prefix that triggers
 * parsing), never writable. Pages are read by the event's version; listing
 * the versions under the same prefix is how a 403 for a version that is gone
 * is told from a real permission problem (shared/aws/object-gone.ts).
 */
export function bindRawBucket(fn: DocketFunction, bucket: s3.IBucket, prefix: string): void {
  setEnv(fn, ENV.rawBucket, bucket.bucketName);
  grantObjects(fn, bucket, { read: [prefix] });
  fn.lambda.addToRolePolicy(listUnder(bucket, "s3:ListBucketVersions", [prefix]));
}

/** Key prefixes (e.g. "records/") of the artifacts bucket the function reads, writes, or deletes superseded objects under. */
export interface ArtifactsAccess {
  read?: readonly string[];
  write?: readonly string[];
  delete?: readonly string[];
}

export function bindArtifactsBucket(fn: DocketFunction, bucket: s3.IBucket, access: ArtifactsAccess): void {
  setEnv(fn, ENV.artifactsBucket, bucket.bucketName);
  grantObjects(fn, bucket, access);
}

/**
 * Object access scoped to key prefixes, so e.g. the parser (which reads
 * untrusted HTML) cannot overwrite the record bodies the API serves. Reads are
 * spelled out (GetObject and, for versioned reads, GetObjectVersion) rather
 * than bucket.grantRead's GetObject*, GetBucket* and List* on the whole bucket.
 */
function grantObjects(fn: DocketFunction, bucket: s3.IBucket, access: ArtifactsAccess): void {
  const uses = new Map<string, string[]>();
  const use = (prefixes: readonly string[] = [], what: string) => {
    for (const prefix of prefixes) uses.set(prefix, [...(uses.get(prefix) ?? []), what]);
  };
  use(access.read, "read");
  use(access.write, "write");
  use(access.delete, "delete superseded objects");

  const read = access.read ?? [];
  if (read.length) {
    fn.lambda.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["s3:GetObject", "s3:GetObjectVersion"],
        resources: read.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    // S3 answers a read of a missing key with 404 only to a caller allowed to list the bucket, and
    // with 403 otherwise. Listing is limited to the read prefixes, a condition a GetObject does not
    // carry, so a 403 is confirmed with a listing of the key (which does) before it is called gone
    // (shared/aws/object-gone.ts). Not an unconditioned s3:ListBucket, which would give 404s at once
    // but let every reader list the whole bucket (other prefixes beside raw/, every claim check).
    fn.lambda.addToRolePolicy(listUnder(bucket, "s3:ListBucket", read));
  }
  for (const prefix of access.write ?? []) bucket.grantPut(fn.lambda, `${prefix}*`);
  if (access.write?.length) {
    acknowledge(
      fn,
      wildcardActionFinding("s3:Abort*"),
      "bucket.grantPut: s3:AbortMultipartUpload lets the SDK clean up a failed multipart upload of a large body.",
    );
  }
  for (const prefix of access.delete ?? []) {
    // The bucket is versioned, so this only adds a delete marker; lifecycle removes the old version later.
    fn.lambda.addToRolePolicy(
      new iam.PolicyStatement({ actions: ["s3:DeleteObject"], resources: [bucket.arnForObjects(`${prefix}*`)] }),
    );
  }
  for (const [prefix, what] of uses) {
    acknowledge(
      fn,
      wildcardResourceFinding(bucket, `/${prefix}*`),
      `Object ARNs under ${prefix} of this one bucket only, for keys derived from ids: ${what.join(", ")}.`,
    );
  }
}

/** A listing action on the bucket, allowed only for requests whose prefix (s3:prefix) is under one of `prefixes`. */
function listUnder(bucket: s3.IBucket, action: string, prefixes: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: [action],
    resources: [bucket.bucketArn],
    conditions: { StringLike: { "s3:prefix": prefixes.map((prefix) => `${prefix}*`) } },
  });
}

export function bindRecordsQueue(fn: DocketFunction, queue: sqs.IQueue): void {
  setEnv(fn, ENV.recordsQueueUrl, queue.queueUrl);
  queue.grantSendMessages(fn.lambda);
}

/**
 * The URL of the queue a function consumes, so that it can bring a message it failed for a
 * passing reason (contention) back sooner than the visibility timeout. No grant here: the
 * event source mapping's grantConsumeMessages already allows sqs:ChangeMessageVisibility.
 */
export function bindConsumedRecordsQueue(fn: DocketFunction, queue: sqs.IQueue): void {
  setEnv(fn, ENV.recordsQueueUrl, queue.queueUrl);
}

/**
 * SendMessage alone, on the page-events queue only: store-record queues a
 * page for re-parsing when the claim check of its record message has
 * expired. Not grantSendMessages, which adds GetQueueAttributes and
 * GetQueueUrl the function never calls; the queue is SSE-SQS, so no key grant.
 */
export function bindPageEventsQueue(fn: DocketFunction, queue: sqs.IQueue): void {
  setEnv(fn, ENV.pageEventsQueueUrl, queue.queueUrl);
  queue.grant(fn.lambda, "sqs:SendMessage");
}

/** The DynamoDB calls each kind of table user makes (shared/storage, shared/query); nothing else is granted. */
export const TABLE_ACTIONS = {
  /** query-api: a record by id, and index partitions. */
  read: ["dynamodb:GetItem", "dynamodb:Query"],
  /**
   * store-record: conditional put and update of the record item, index items in batches, reads to
   * compare (a batch's record items in one BatchGetItem, re-reads one by one).
   */
  readWrite: [
    "dynamodb:BatchGetItem",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:BatchWriteItem",
  ],
} as const;

export type TableAccess = keyof typeof TABLE_ACTIONS;

export function bindTable(fn: DocketFunction, table: dynamodb.ITable, access: TableAccess): void {
  setEnv(fn, ENV.tableName, table.tableName);
  // Not table.grantReadData: that adds Scan, ConditionCheckItem and the stream reads (and BatchGetItem
  // to the query function), which no function makes. Indexes are named one by one (none today), never `/index/*`.
  const indexes = TABLE_DEFINITION.globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
  fn.lambda.addToRolePolicy(
    new iam.PolicyStatement({ actions: [...TABLE_ACTIONS[access]], resources: [table.tableArn, ...indexes] }),
  );
}

export function bindIngestTopic(fn: DocketFunction, topic: sns.ITopic): void {
  setEnv(fn, ENV.ingestTopicArn, topic.topicArn);
  // sns:Publish, which authorises PublishBatch too (store-record's batches): there is no separate action.
  topic.grantPublish(fn.lambda);
  acknowledge(
    fn,
    wildcardActionFinding("kms:GenerateDataKey*"),
    "topic.grantPublish: publishing to a KMS-encrypted topic needs data keys from the topic's own key (resource is that key only).",
  );
}

export function bindCursorSecret(fn: DocketFunction, secret: secretsmanager.ISecret): void {
  setEnv(fn, ENV.cursorKeySecretArn, secret.secretArn);
  secret.grantRead(fn.lambda);
}

/** The origins the query function lets browsers read answers from (see shared/query/cors-origins.ts). */
export function bindCorsOrigins(fn: DocketFunction, origins: readonly string[]): void {
  setEnv(fn, ENV.corsAllowOrigins, JSON.stringify(origins));
}
