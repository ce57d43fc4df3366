import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { RAW_PREFIX } from "../../shared/config/resources";
import type { StageConfig } from "../stages";
import { defaultBucketProps } from "./secure-defaults";

export interface RawPagesProps {
  stage: StageConfig;
  accessLogs: s3.IBucket;
  /** Receives an event for every object created under raw/. */
  pageEvents: sqs.IQueue;
}

/**
 * A queue as an S3 notification target, like s3n.SqsDestination but with the
 * confused-deputy guard AWS recommends for service principals: S3 may send
 * only for this bucket (aws:SourceArn) in this account (aws:SourceAccount),
 * and only SendMessage.
 */
class PageEventsDestination implements s3.IBucketNotificationDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(scope: Construct, bucket: s3.IBucket): s3.BucketNotificationDestinationConfig {
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal("s3.amazonaws.com")],
        actions: ["sqs:SendMessage"],
        resources: [this.queue.queueArn],
        conditions: {
          ArnLike: { "aws:SourceArn": bucket.bucketArn },
          StringEquals: { "aws:SourceAccount": Stack.of(scope).account },
        },
      }),
    );
    return { arn: this.queue.queueArn, type: s3.BucketNotificationDestinationType.QUEUE, dependencies: [this.queue] };
  }
}

/**
 * The uploaded pages, the pipeline's source of truth: versioned (the object
 * version orders record writes) and never modified by the pipeline.
 */
export class RawPages extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: RawPagesProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(
      this,
      "Bucket",
      defaultBucketProps(props.stage, {
        serverAccessLogsBucket: props.accessLogs,
        serverAccessLogsPrefix: "raw-pages/",
      }),
    );
    // Only raw/ triggers parsing, so other prefixes (e.g. manifests) can live beside the pages.
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new PageEventsDestination(props.pageEvents), {
      prefix: RAW_PREFIX,
    });
  }
}
