import { Duration } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { ARTIFACT_PREFIXES, QUEUES } from "../../shared/config/resources";
import type { StageConfig } from "../stages";
import { defaultBucketProps } from "./secure-defaults";

export { ARTIFACT_PREFIXES };

/**
 * A claim check is dead once no message can point at it: the records queue
 * keeps a message for its retention period and the DLQ for its own (counted
 * from the original enqueue), plus a day of slack for a late redrive. A
 * redrive starts a new message, though, which can outlive its claim check:
 * store-record then re-parses the page (shared/ingest/queue-page-reparse.ts).
 */
export const CLAIM_CHECK_EXPIRATION = Duration.days(
  Math.max(QUEUES.records.retentionDays, QUEUES.records.dlqRetentionDays) + 1,
);

export interface ArtifactsProps {
  stage: StageConfig;
  accessLogs: s3.IBucket;
}

/**
 * Claim checks and record bodies too big for SQS or DynamoDB. Record bodies
 * stay while a record points at them (the writer deletes a superseded one),
 * so only claim checks and superseded versions expire.
 */
export class Artifacts extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArtifactsProps) {
    super(scope, id);
    const { stage } = props;
    this.bucket = new s3.Bucket(
      this,
      "Bucket",
      defaultBucketProps(stage, {
        serverAccessLogsBucket: props.accessLogs,
        serverAccessLogsPrefix: "artifacts/",
        lifecycleRules: [
          {
            id: "tidy-old-versions",
            abortIncompleteMultipartUploadAfter: Duration.days(7),
            noncurrentVersionExpiration: stage.artifacts.noncurrentVersionExpiration,
            expiredObjectDeleteMarker: true,
          },
          {
            id: "expire-claim-checks",
            prefix: ARTIFACT_PREFIXES.claimChecks,
            expiration: CLAIM_CHECK_EXPIRATION,
          },
          {
            id: "record-bodies-to-infrequent-access",
            prefix: ARTIFACT_PREFIXES.recordBodies,
            transitions: [
              {
                storageClass: s3.StorageClass.INFREQUENT_ACCESS,
                transitionAfter: stage.artifacts.infrequentAccessAfter,
              },
            ],
          },
        ],
      }),
    );
  }
}
