import { Duration } from "aws-cdk-lib";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { QUEUES } from "../../shared/config/resources";
import { acknowledge } from "../nag/acknowledge";
import { defaultDeadLetterQueueProps, defaultQueueProps } from "./secure-defaults";

type QueueSettings = (typeof QUEUES)[keyof typeof QUEUES];

/** A work queue and the dead-letter queue it hands a message to after maxReceiveCount failed receives. */
export class WorkQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly settings: QueueSettings;

  constructor(scope: Construct, id: string, settings: QueueSettings) {
    super(scope, id);
    this.settings = settings;
    this.deadLetterQueue = new sqs.Queue(
      this,
      "DeadLetterQueue",
      defaultDeadLetterQueueProps({ retentionPeriod: Duration.days(settings.dlqRetentionDays) }),
    );
    acknowledge(
      this.deadLetterQueue,
      "AwsSolutions-SQS3",
      "This is a dead-letter queue; its messages are redriven to the work queue, not to another DLQ.",
    );
    this.queue = new sqs.Queue(
      this,
      "Queue",
      defaultQueueProps({
        visibilityTimeout: Duration.seconds(settings.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(settings.retentionDays),
        deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: settings.maxReceiveCount },
      }),
    );
  }
}

/** page-events (S3 notifications for raw/) and records (parsed records for the writer). */
export class IngestQueues extends Construct {
  readonly pageEvents: WorkQueue;
  readonly records: WorkQueue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.pageEvents = new WorkQueue(this, "PageEvents", QUEUES.pageEvents);
    this.records = new WorkQueue(this, "Records", QUEUES.records);
  }
}
