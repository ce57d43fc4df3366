import { ArnFormat, Duration, Stack } from "aws-cdk-lib";
import type * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { METRIC, METRICS_NAMESPACE, SERVICE_DIMENSION } from "../../shared/config/metric-names";
import type { StageConfig } from "../stages";
import type { DocketFunction } from "./docket-function";
import type { WorkQueue } from "./ingest-queues";
import type { IngestTopic } from "./ingest-topic";
import { defaultTopicKeyProps, defaultTopicProps } from "./secure-defaults";

export interface OperationsProps {
  stage: StageConfig;
  functions: Record<string, DocketFunction>;
  /** The function that counts record messages whose claim check had expired (ClaimChecksExpired). */
  recordWriter: Pick<DocketFunction, "serviceName">;
  queues: Record<string, WorkQueue>;
  api: apigateway.RestApi;
  ingestTopic: Pick<IngestTopic, "topic" | "deadLetterQueue">;
}

const FIVE_MINUTES = Duration.minutes(5);
/** A redrive of a few old messages stays below this; a loop re-parsing pages does not. */
const EXPIRED_CLAIM_CHECKS_PER_HOUR = 100;

/** Every alarm of a stage is named Docket-<stage>-…, which the alarm topic's grants match. */
function alarmNamePrefix(stage: StageConfig): string {
  return `Docket-${stage.name}-`;
}

/** A stage that requires an alarm address was synthesized without one. */
export class MissingAlarmEmailError extends Error {
  constructor(stage: string) {
    super(
      `Docket-${stage}: alarms would reach no one. Pass -c alarmEmail=ops@example.org (or set alarmEmail in cdk.context.json); ` +
        `the ${stage} stage requires it (requireAlarmEmail in infra/stages.ts).`,
    );
    this.name = "MissingAlarmEmailError";
  }
}

/** Alarms on everything that means lost or stuck work, an alarm topic, and one dashboard. */
export class Operations extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly stage: StageConfig;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { stage } = props;
    this.stage = stage;

    if (stage.requireAlarmEmail && !stage.alarmEmail) throw new MissingAlarmEmailError(stage.name);

    const key = new kms.Key(
      this,
      "AlarmKey",
      defaultTopicKeyProps(stage, { description: `Docket ${stage.name} alarm topic` }),
    );
    // CloudWatch publishes alarms itself, so it needs the topic's key (the AWS-managed SNS key would refuse it).
    // Both grants hold only for this stack's own alarms in this account (the confused-deputy guard).
    const cloudwatchService = new iam.ServicePrincipal("cloudwatch.amazonaws.com");
    const stack = Stack.of(this);
    const fromOwnAlarms = {
      StringEquals: { "aws:SourceAccount": stack.account },
      ArnLike: {
        "aws:SourceArn": stack.formatArn({
          service: "cloudwatch",
          resource: "alarm",
          resourceName: `${alarmNamePrefix(stage)}*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudwatchService],
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: ["*"],
        conditions: fromOwnAlarms,
      }),
    );
    this.alarmTopic = new sns.Topic(this, "AlarmTopic", defaultTopicProps(key));
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ["sns:Publish"],
        principals: [cloudwatchService],
        resources: [this.alarmTopic.topicArn],
        conditions: fromOwnAlarms,
      }),
    );
    if (stage.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(stage.alarmEmail));

    for (const [name, work] of Object.entries(props.queues)) {
      this.alarm(`${name}DeadLetters`, {
        metric: work.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        alarmDescription: `${name}: messages failed ${work.settings.maxReceiveCount} times and sit in the DLQ; inspect and redrive.`,
      });
      this.alarm(`${name}OldestMessage`, {
        metric: work.queue.metricApproximateAgeOfOldestMessage({
          period: FIVE_MINUTES,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: stage.alarms.oldestMessageAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        alarmDescription: `${name}: the oldest message is older than ${stage.alarms.oldestMessageAge.toHumanString()}; consumers are behind or failing.`,
      });
    }

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, {
        metric: fn.lambda.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        threshold: stage.alarms.functionErrors,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `${name}: invocations failed (not per-item batch failures, which retry and end in a DLQ).`,
      });
      this.alarm(`${name}Throttles`, {
        metric: fn.lambda.metricThrottles({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        alarmDescription: `${name}: invocations were throttled; check reserved and account concurrency.`,
      });
    }

    const { topic, deadLetterQueue } = props.ingestTopic;
    this.alarm("IngestNotificationsFailed", {
      metric: topic.metricNumberOfNotificationsFailed({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription:
        "Ingest events: SNS failed to deliver to a subscriber (for HTTPS, every failed attempt counts); undeliverable ones go to the subscriptions DLQ.",
    });
    this.alarm("IngestSubscriptionsDeadLetters", {
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription:
        "Ingest events: notifications SNS gave up delivering sit in the subscriptions DLQ; fix the subscriber, then redeliver (README).",
    });
    this.alarm("IngestNotificationsLost", {
      metric: topic.metric("NumberOfNotificationsFailedToRedriveToDlq", {
        period: FIVE_MINUTES,
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription:
        "Ingest events: SNS could not put undeliverable notifications in the subscriptions DLQ (its policy or the queue changed); they are lost.",
    });

    // Each one re-parses its page instead of ending in a DLQ, so a cause that keeps deleting fresh claim
    // checks (a lifecycle rule too short, a stray clean-up) would loop unseen: no DLQ alarm covers it.
    this.alarm("ClaimChecksExpired", {
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: METRIC.claimChecksExpired,
        dimensionsMap: { [SERVICE_DIMENSION]: props.recordWriter.serviceName },
        period: Duration.hours(1),
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: EXPIRED_CLAIM_CHECKS_PER_HOUR,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription:
        `store-record met over ${EXPIRED_CLAIM_CHECKS_PER_HOUR} record messages in an hour whose claim check was gone, and queued their pages for re-parsing. ` +
        "Expected after redriving messages older than the artifacts bucket's lifecycle rule; otherwise something deletes fresh claim checks.",
    });

    this.alarm("Api5xx", {
      metric: props.api.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      threshold: stage.alarms.api5xxErrors,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: "Query API answered with 5XX; the handler should only ever answer 4XX for bad input.",
    });

    this.dashboard = this.buildDashboard(props);
  }

  private alarm(id: string, props: Omit<cloudwatch.AlarmProps, "evaluationPeriods">): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `${alarmNamePrefix(this.stage)}${id}`,
      evaluationPeriods: 1,
      // No data means no traffic, not trouble.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    const action = new actions.SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }

  private buildDashboard(props: OperationsProps): cloudwatch.Dashboard {
    const queues = Object.entries(props.queues);
    const functions = Object.entries(props.functions);
    const dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      dashboardName: `Docket-${this.stage.name}`,
      defaultInterval: Duration.hours(3),
    });
    dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: "Alarms", alarms: this.alarms, width: 24, height: 4 }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Queue depth (visible)",
        left: queues.map(([name, w]) => w.queue.metricApproximateNumberOfMessagesVisible({ label: name })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: "Oldest message age (s)",
        left: queues.map(([name, w]) => w.queue.metricApproximateAgeOfOldestMessage({ label: name })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: "Dead-letter queues",
        left: [
          ...queues.map(([name, w]) => w.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: name })),
          props.ingestTopic.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: "IngestSubscriptions" }),
        ],
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Invocations / errors",
        left: functions.map(([name, f]) => f.lambda.metricInvocations({ label: name })),
        right: functions.map(([name, f]) => f.lambda.metricErrors({ label: `${name} errors` })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: "Duration p95 (ms)",
        left: functions.map(([name, f]) => f.lambda.metricDuration({ label: name, statistic: "p95" })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: "Concurrency / throttles",
        left: functions.map(([name, f]) =>
          f.lambda.metric("ConcurrentExecutions", { label: name, statistic: cloudwatch.Stats.MAXIMUM }),
        ),
        right: functions.map(([name, f]) => f.lambda.metricThrottles({ label: `${name} throttles` })),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "API requests / errors",
        left: [props.api.metricCount()],
        right: [props.api.metricClientError(), props.api.metricServerError()],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: "API latency p95 (ms)",
        left: [props.api.metricLatency({ statistic: "p95" }), props.api.metricIntegrationLatency({ statistic: "p95" })],
        width: 12,
      }),
    );
    return dashboard;
  }
}
