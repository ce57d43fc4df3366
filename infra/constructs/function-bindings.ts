import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type * as sns from "aws-cdk-lib/aws-sns";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { ENV, type EnvName } from "../../shared/config/env";
import { checkMaxPageBytes } from "../../shared/config/resources";
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

/** Raw pages are the source of truth: readable (under the prefix that triggers parsing), never writable. */
export function bindRawBucket(fn: DocketFunction, bucket: s3.IBucket, prefix: string): void {
  setEnv(fn, ENV.rawBucket, bucket.bucketName);
  grantObjects(fn, bucket, { read: [prefix] });
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
 * untrusted HTML) cannot overwrite the record bodies the API serves.
 */
function grantObjects(fn: DocketFunction, bucket: s3.IBucket, access: ArtifactsAccess): void {
  const uses = new Map<string, string[]>();
  const use = (prefixes: readonly string[] = [], what: string) => {
    for (const prefix of prefixes) uses.set(prefix, [...(uses.get(prefix) ?? []), what]);
  };
  use(access.read, "read");
  use(access.write, "write");
  use(access.delete, "delete superseded objects");

  for (const prefix of access.read ?? []) bucket.grantRead(fn.lambda, `${prefix}*`);
  if (access.read?.length) acknowledgeBucketRead(fn);
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

function acknowledgeBucketRead(fn: DocketFunction): void {
  acknowledge(
    fn,
    wildcardActionFinding("s3:GetObject*"),
    "bucket.grantRead: GetObject plus its version/ACL/tagging reads, on this bucket's objects under the granted prefixes only.",
  );
  acknowledge(
    fn,
    wildcardActionFinding("s3:GetBucket*"),
    "bucket.grantRead: bucket metadata reads (location, versioning) on this bucket only.",
  );
  acknowledge(
    fn,
    wildcardActionFinding("s3:List*"),
    "bucket.grantRead: listing this bucket only (so a missing key is a 404, not a 403).",
  );
}
