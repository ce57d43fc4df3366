import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { IngestSubscription, StageConfig } from "../stages";
import { defaultTopicKeyProps, defaultTopicProps } from "./secure-defaults";

/** Message attribute every ingest event carries (page.rejected, record.stored, …); subscribers filter on it. */
export const EVENT_TYPE_ATTRIBUTE = "type";

/** The ingest-events topic: what the pipeline tells the outside world, with per-stage subscribers. */
export class IngestTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    this.key = new kms.Key(
      this,
      "Key",
      defaultTopicKeyProps(props.stage, { description: `Docket ${props.stage.name} ingest-events topic` }),
    );
    this.topic = new sns.Topic(this, "Topic", defaultTopicProps(this.key));
    props.stage.ingestSubscriptions.forEach((subscription, index) => {
      this.topic.addSubscription(this.subscriptionFor(subscription, index));
    });
  }

  private subscriptionFor(subscription: IngestSubscription, index: number): sns.ITopicSubscription {
    const filterPolicy = subscription.filterTypes
      ? { [EVENT_TYPE_ATTRIBUTE]: sns.SubscriptionFilter.stringFilter({ allowlist: subscription.filterTypes }) }
      : undefined;
    switch (subscription.protocol) {
      case "email":
        return new subscriptions.EmailSubscription(subscription.endpoint, { filterPolicy });
      case "https":
        return new subscriptions.UrlSubscription(subscription.endpoint, {
          protocol: sns.SubscriptionProtocol.HTTPS,
          filterPolicy,
        });
      case "sqs": {
        // The subscriber owns the queue: its policy (and key policy, if encrypted) must allow this topic.
        const queue = sqs.Queue.fromQueueArn(this, `Subscriber${index}`, subscription.endpoint);
        return new subscriptions.SqsSubscription(queue, { filterPolicy, rawMessageDelivery: false });
      }
    }
  }
}
