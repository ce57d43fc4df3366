import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type * as kms from "aws-cdk-lib/aws-kms";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { StageConfig } from "../stages";

/**
 * Secure defaults, set once; each construct spreads its own overrides on top
 * (the aws-solutions-constructs `*-defaults.ts` pattern), so a resource can
 * only be weaker than this on purpose and in plain sight.
 */

export function defaultBucketProps(stage: StageConfig, overrides: s3.BucketProps = {}): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    // S3-managed keys: the access-log target bucket requires SSE-S3, and no function needs a KMS grant.
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    removalPolicy: stage.removalPolicy,
    autoDeleteObjects: stage.removalPolicy === RemovalPolicy.DESTROY && stage.autoDeleteObjects,
    lifecycleRules: [{ id: "abort-incomplete-uploads", abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    ...overrides,
  };
}

export function defaultQueueProps(overrides: sqs.QueueProps = {}): sqs.QueueProps {
  return {
    // SQS-managed SSE: S3 cannot notify a queue under the AWS-managed KMS key, and this needs no key grants.
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    ...overrides,
  };
}

export function defaultDeadLetterQueueProps(overrides: sqs.QueueProps = {}): sqs.QueueProps {
  // The longest SQS allows, so a failed message outlives a long weekend before anyone redrives it.
  return defaultQueueProps({ retentionPeriod: Duration.days(14), ...overrides });
}

export function defaultTopicKeyProps(stage: StageConfig, overrides: kms.KeyProps = {}): kms.KeyProps {
  return {
    enableKeyRotation: true,
    removalPolicy: stage.removalPolicy,
    pendingWindow: Duration.days(stage.removalPolicy === RemovalPolicy.DESTROY ? 7 : 30),
    ...overrides,
  };
}

export function defaultTopicProps(masterKey: kms.IKey, overrides: sns.TopicProps = {}): sns.TopicProps {
  return { masterKey, enforceSSL: true, ...overrides };
}

export function defaultLogGroupProps(stage: StageConfig, overrides: logs.LogGroupProps = {}): logs.LogGroupProps {
  return { retention: stage.logRetention, removalPolicy: stage.removalPolicy, ...overrides };
}
