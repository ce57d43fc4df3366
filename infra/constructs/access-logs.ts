import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { acknowledge } from "../nag/acknowledge";
import type { StageConfig } from "../stages";
import { defaultBucketProps } from "./secure-defaults";

/** Destination of the other buckets' S3 server access logs. */
export class AccessLogs extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    this.bucket = new s3.Bucket(
      this,
      "Bucket",
      defaultBucketProps(props.stage, {
        // Log delivery writes as the bucket owner under a bucket policy (serverAccessLogsUseBucketPolicy).
        versioned: false,
        lifecycleRules: [{ id: "expire-access-logs", expiration: props.stage.accessLogsExpiration }],
      }),
    );
    acknowledge(
      this.bucket,
      "AwsSolutions-S1",
      "This is the access-log destination; logging it would need another bucket or loop into itself.",
    );
  }
}
