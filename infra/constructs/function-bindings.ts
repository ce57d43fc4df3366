import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type * as sns from "aws-cdk-lib/aws-sns";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { ENV, type EnvName } from "../../shared/config/env";
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

export function bindMaxPageBytes(fn: DocketFunction, bytes: number): void {
  setEnv(fn, ENV.maxPageBytes, String(bytes));
}

/** Raw pages are the source of truth: readable, never writable, by the pipeline. */
export function bindRawBucket(fn: DocketFunction, bucket: s3.IBucket): void {
  setEnv(fn, ENV.rawBucket, bucket.bucketName);
  bucket.grantRead(fn.lambda);
  acknowledgeBucketRead(fn, bucket);
}

export interface ArtifactsAccess {
  read?: boolean;
  write?: boolean;
  /** Key prefix (e.g. "records/") under which the function may delete objects it superseded. */
  deleteUnder?: string;
}

export function bindArtifactsBucket(fn: DocketFunction, bucket: s3.IBucket, access: ArtifactsAccess): void {
  setEnv(fn, ENV.artifactsBucket, bucket.bucketName);
  if (access.read) {
    bucket.grantRead(fn.lambda);
    acknowledgeBucketRead(fn, bucket);
  }
  if (access.deleteUnder) {
    // The bucket is versioned, so this only adds a delete marker; lifecycle removes the old version later.
    fn.lambda.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["s3:DeleteObject"],
        resources: [bucket.arnForObjects(`${access.deleteUnder}*`)],
      }),
    );
    acknowledge(
      fn,
      wildcardResourceFinding(bucket, `/${access.deleteUnder}*`),
      `Deletes only superseded objects under ${access.deleteUnder} of this one bucket.`,
    );
  }
  if (access.write) {
    bucket.grantPut(fn.lambda);
    acknowledge(
      fn,
      wildcardActionFinding("s3:Abort*"),
      "bucket.grantPut: s3:AbortMultipartUpload lets the SDK clean up a failed multipart upload of a large body.",
    );
    acknowledgeObjectWildcard(fn, bucket, "objects are written under keys derived from record ids");
  }
}

export function bindRecordsQueue(fn: DocketFunction, queue: sqs.IQueue): void {
  setEnv(fn, ENV.recordsQueueUrl, queue.queueUrl);
  queue.grantSendMessages(fn.lambda);
}

export type TableAccess = "read" | "readWrite";

export function bindTable(fn: DocketFunction, table: dynamodb.ITable, access: TableAccess): void {
  setEnv(fn, ENV.tableName, table.tableName);
  if (access === "read") table.grantReadData(fn.lambda);
  else table.grantReadWriteData(fn.lambda);
  acknowledge(
    fn,
    wildcardResourceFinding(table, "/index/*"),
    "table grant: queries may use any of the table's own global secondary indexes (present only when it has some).",
  );
}

export function bindIngestTopic(fn: DocketFunction, topic: sns.ITopic): void {
  setEnv(fn, ENV.ingestTopicArn, topic.topicArn);
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

function acknowledgeBucketRead(fn: DocketFunction, bucket: s3.IBucket): void {
  acknowledge(
    fn,
    wildcardActionFinding("s3:GetObject*"),
    "bucket.grantRead: GetObject plus its version/ACL/tagging reads, on this bucket's objects only.",
  );
  acknowledge(
    fn,
    wildcardActionFinding("s3:GetBucket*"),
    "bucket.grantRead: bucket metadata reads (location, versioning) on this bucket only.",
  );
  acknowledge(fn, wildcardActionFinding("s3:List*"), "bucket.grantRead: listing this bucket only.");
  acknowledgeObjectWildcard(fn, bucket, "any object in it may be read");
}

function acknowledgeObjectWildcard(fn: DocketFunction, bucket: s3.IBucket, why: string): void {
  acknowledge(fn, wildcardResourceFinding(bucket, "/*"), `Object ARNs of this one bucket: ${why}.`);
}
