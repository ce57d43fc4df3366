import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
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
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(props.pageEvents), {
      prefix: RAW_PREFIX,
    });
  }
}
