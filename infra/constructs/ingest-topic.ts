import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { acknowledge } from "../nag/acknowledge";
import type { IngestSubscription, StageConfig } from "../stages";
import { defaultDeadLetterQueueProps, defaultTopicKeyProps, defaultTopicProps } from "./secure-defaults";

/** Message attribute every ingest event carries (page.rejected, record.stored, …); subscribers filter on it. */
export const EVENT_TYPE_ATTRIBUTE = "type";

/** The ingest-events topic: what the pipeline tells the outside world, with per-stage subscribers. */
export class IngestTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  /**
   * Every subscription's dead-letter queue: SNS discards a notification it could not deliver
   * (an endpoint down past SNS's retries, a queue whose policy refuses the topic) unless the
   * subscription names a DLQ. SQS-managed encryption: SNS sends to it without any key grant.
   */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    this.key = new kms.Key(
      this,
      "Key",
      defaultTopicKeyProps(props.stage, { description: `Docket ${props.stage.name} ingest-events topic` }),
    );
    this.topic = new sns.Topic(this, "Topic", defaultTopicProps(this.key));
    this.deadLetterQueue = new sqs.Queue(this, "SubscriptionsDeadLetterQueue", defaultDeadLetterQueueProps());
    // The statement CDK adds for each configured subscription, here even with none, so a subscription
    // made by hand (README) can name this DLQ too: only this topic may send to it.
    this.deadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal("sns.amazonaws.com")],
        actions: ["sqs:SendMessage"],
        resources: [this.deadLetterQueue.queueArn],
        conditions: { ArnEquals: { "aws:SourceArn": this.topic.topicArn } },
      }),
    );
    acknowledge(
      this.deadLetterQueue,
      "AwsSolutions-SQS3",
      "This is the ingest-event subscriptions' dead-letter queue: nothing consumes it to fail into another DLQ.",
    );
    props.stage.ingestSubscriptions.forEach((subscription, index) => {
      this.topic.addSubscription(this.subscriptionFor(subscription, index));
    });
  }

  private subscriptionFor(subscription: IngestSubscription, index: number): sns.ITopicSubscription {
    const filterPolicy = subscription.filterTypes
      ? { [EVENT_TYPE_ATTRIBUTE]: sns.SubscriptionFilter.stringFilter({ allowlist: subscription.filterTypes }) }
      : undefined;
    const deadLetterQueue = this.deadLetterQueue;
    switch (subscription.protocol) {
      case "email":
        return new subscriptions.EmailSubscription(subscription.endpoint, { filterPolicy, deadLetterQueue });
      case "https":
        return new subscriptions.UrlSubscription(subscription.endpoint, {
          protocol: sns.SubscriptionProtocol.HTTPS,
          filterPolicy,
          deadLetterQueue,
        });
      case "sqs": {
        // The subscriber owns the queue: its policy (and key policy, if encrypted) must allow this topic.
        const queue = sqs.Queue.fromQueueArn(this, `Subscriber${index}`, subscription.endpoint);
        return new subscriptions.SqsSubscription(queue, { filterPolicy, rawMessageDelivery: false, deadLetterQueue });
      }
    }
  }
}
