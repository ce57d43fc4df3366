import { Duration } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import {
  STAGE_NAMES,
  type SynthesizedStage,
  synthAllStages,
  synthStage,
  TEST_ALARM_EMAIL,
} from "./support/synth-stage";
import {
  deniesInsecureTransport,
  logicalId,
  props,
  referencedId,
  resourcePolicyStatements,
  resourcesOfType,
} from "./support/template-queries";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  stages = synthAllStages();
});

interface AlarmJson {
  MetricName: string;
  Namespace: string;
  Dimensions: { Name: string; Value: unknown }[];
  Threshold: number;
  ComparisonOperator: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  TreatMissingData: string;
  Statistic?: string;
  Period?: number;
}

function alarms({ template }: SynthesizedStage): AlarmJson[] {
  return Object.values(resourcesOfType(template, "AWS::CloudWatch::Alarm")).map(
    (a) => a.Properties as unknown as AlarmJson,
  );
}

function alarmOn(s: SynthesizedStage, metric: string, dimensionTarget: string): AlarmJson | undefined {
  return alarms(s).find(
    (a) => a.MetricName === metric && a.Dimensions.some((d) => referencedId(d.Value) === dimensionTarget),
  );
}

describe.each(STAGE_NAMES)("operations (%s)", (name) => {
  const s = () => stages[name];

  it("alarms as soon as any dead-letter queue holds a message", () => {
    const { stack } = s();
    for (const work of [stack.queues.pageEvents, stack.queues.records]) {
      const alarm = alarmOn(s(), "ApproximateNumberOfMessagesVisible", logicalId(work.deadLetterQueue));
      expect(alarm, work.node.path).toMatchObject({ Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
    }
  });

  it("alarms when a work queue's oldest message is older than the stage allows", () => {
    const { stack, stage } = s();
    for (const work of [stack.queues.pageEvents, stack.queues.records]) {
      const alarm = alarmOn(s(), "ApproximateAgeOfOldestMessage", logicalId(work.queue));
      expect(alarm, work.node.path).toMatchObject({
        Threshold: stage.alarms.oldestMessageAge.toSeconds(),
        ComparisonOperator: "GreaterThanThreshold",
      });
    }
  });

  it("alarms on every function's errors and throttles", () => {
    const { stack, stage } = s();
    for (const fn of [stack.parsePage, stack.storeRecord, stack.queryApi, stack.web, stack.download]) {
      const id = logicalId(fn.lambda);
      expect(alarmOn(s(), "Errors", id), fn.node.path).toMatchObject({ Threshold: stage.alarms.functionErrors });
      expect(alarmOn(s(), "Throttles", id), fn.node.path).toMatchObject({
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
      });
    }
  });

  it("alarms when SNS fails to deliver an ingest event, when one waits in the subscriptions DLQ, and when one is lost", () => {
    const { stack } = s();
    const topicId = logicalId(stack.ingestTopic.topic);
    for (const metric of ["NumberOfNotificationsFailed", "NumberOfNotificationsFailedToRedriveToDlq"]) {
      expect(alarmOn(s(), metric, topicId), metric).toMatchObject({
        Namespace: "AWS/SNS",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
      });
    }
    const dlq = alarmOn(s(), "ApproximateNumberOfMessagesVisible", logicalId(stack.ingestTopic.deadLetterQueue));
    expect(dlq).toMatchObject({ Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
  });

  it("keeps the subscriptions DLQ encrypted and TLS-only, for the longest SQS allows, open to this topic only", () => {
    const { template, stack } = s();
    const id = logicalId(stack.ingestTopic.deadLetterQueue);
    expect(props(template, id)).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const statements = resourcePolicyStatements(template, "AWS::SQS::QueuePolicy", id);
    expect(deniesInsecureTransport(statements)).toBe(true);
    // Even with no subscription configured, so one made by hand can name it.
    expect(statements.filter((st) => st.Effect === "Allow")).toEqual([
      expect.objectContaining({
        Action: "sqs:SendMessage",
        Principal: { Service: "sns.amazonaws.com" },
        Condition: { ArnEquals: { "aws:SourceArn": { Ref: logicalId(stack.ingestTopic.topic) } } },
      }),
    ]);
  });

  it("alarms when store-record keeps re-queuing pages whose claim check is gone, which no DLQ would show", () => {
    const alarm = alarms(s()).find((a) => a.MetricName === "ClaimChecksExpired");
    expect(alarm).toMatchObject({
      Namespace: "Docket",
      Dimensions: [{ Name: "service", Value: "store-record" }],
      ComparisonOperator: "GreaterThanThreshold",
      Statistic: "Sum",
      Period: 3600,
    });
    expect(alarm?.Threshold).toBeGreaterThan(0);
  });

  it("alarms on API 5XX responses", () => {
    const alarm = alarms(s()).find((a) => a.MetricName === "5XXError" && a.Namespace === "AWS/ApiGateway");
    expect(alarm).toMatchObject({ Threshold: s().stage.alarms.api5xxErrors });
  });

  it("sends every alarm and its recovery to the alarm topic, treating no data as fine", () => {
    const topicRef = { Ref: logicalId(s().stack.operations.alarmTopic) };
    const all = alarms(s());
    // two per queue pair, two per function (errors, throttles: parse, store, query, web, download), three for
    // the ingest subscriptions (failed deliveries, DLQ depth, failed moves to the DLQ), one for expired claim
    // checks, one for the API
    expect(all).toHaveLength(2 * 2 + 5 * 2 + 3 + 1 + 1);
    for (const alarm of all) {
      expect(alarm.AlarmActions).toEqual([topicRef]);
      expect(alarm.OKActions).toEqual([topicRef]);
      expect(alarm.TreatMissingData).toBe("notBreaching");
    }
  });

  it("encrypts both topics with their own rotating KMS keys and denies non-TLS publishing", () => {
    const { template, stack } = s();
    for (const topic of [stack.ingestTopic.topic, stack.operations.alarmTopic]) {
      const id = logicalId(topic);
      const keyId = referencedId(props(template, id).KmsMasterKeyId) ?? "";
      expect(template.toJSON().Resources[keyId].Type).toBe("AWS::KMS::Key");
      expect(props(template, keyId).EnableKeyRotation).toBe(true);
      const statements = resourcePolicyStatements(template, "AWS::SNS::TopicPolicy", id);
      expect(deniesInsecureTransport(statements, /^sns:Publish$/)).toBe(true);
    }
  });

  it("lets CloudWatch use the alarm topic's key and publish to it, for this stage's alarms in this account only", () => {
    const { template, stack } = s();
    const fromOwnAlarms = {
      StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
      ArnLike: {
        "aws:SourceArn": {
          "Fn::Join": [
            "",
            [
              "arn:",
              { Ref: "AWS::Partition" },
              ":cloudwatch:",
              { Ref: "AWS::Region" },
              ":",
              { Ref: "AWS::AccountId" },
              `:alarm:Docket-${name}-*`,
            ],
          ],
        },
      },
    };
    const keyPolicy = props(template, logicalId(stack.operations.node.findChild("AlarmKey"))).KeyPolicy as {
      Statement: { Principal: unknown; Action: string[]; Condition?: unknown }[];
    };
    const cloudwatchKeyGrants = keyPolicy.Statement.filter(
      (st) => JSON.stringify(st.Principal) === JSON.stringify({ Service: "cloudwatch.amazonaws.com" }),
    );
    expect(cloudwatchKeyGrants).toEqual([
      expect.objectContaining({ Action: ["kms:Decrypt", "kms:GenerateDataKey"], Condition: fromOwnAlarms }),
    ]);
    const publish = resourcePolicyStatements(
      template,
      "AWS::SNS::TopicPolicy",
      logicalId(stack.operations.alarmTopic),
    ).filter((st) => st.Effect === "Allow");
    expect(publish).toEqual([
      expect.objectContaining({
        Action: "sns:Publish",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Condition: fromOwnAlarms,
      }),
    ]);
    // The pattern matches every alarm the stage has, so none is refused.
    const names = Object.values(resourcesOfType(template, "AWS::CloudWatch::Alarm")).map(
      (a) => a.Properties?.AlarmName,
    );
    expect(names.length).toBeGreaterThan(0);
    for (const alarmName of names) expect(alarmName).toMatch(new RegExp(`^Docket-${name}-`));
  });

  it("has one dashboard for the stage", () => {
    const dashboards = Object.values(resourcesOfType(s().template, "AWS::CloudWatch::Dashboard"));
    expect(dashboards.map((d) => d.Properties?.DashboardName)).toEqual([`Docket-${name}`]);
  });

  it("graphs every function on the dashboard, the download function too", () => {
    const { stack } = s();
    const [dashboard] = Object.values(resourcesOfType(s().template, "AWS::CloudWatch::Dashboard"));
    const body = JSON.stringify(dashboard?.Properties?.DashboardBody);
    for (const fn of [stack.parsePage, stack.storeRecord, stack.queryApi, stack.web, stack.download])
      expect(body, fn.node.path).toContain(logicalId(fn.lambda));
  });
});

describe("who alarms reach", () => {
  it("refuses to synthesize prod without an alarm address, saying how to give one", () => {
    expect(() => synthStage("prod", { override: { alarmEmail: undefined } })).toThrow(
      "Docket-prod: alarms would reach no one. Pass -c alarmEmail=ops@example.org",
    );
  });

  it("subscribes prod's alarm address to the alarm topic", () => {
    const subs = Object.values(resourcesOfType(stages.prod.template, "AWS::SNS::Subscription"));
    expect(subs.map((sub) => sub.Properties)).toContainEqual(
      expect.objectContaining({
        Protocol: "email",
        Endpoint: TEST_ALARM_EMAIL,
        TopicArn: { Ref: logicalId(stages.prod.stack.operations.alarmTopic) },
      }),
    );
  });

  it("lets dev and staging synthesize without one (their alarms stay on the dashboard)", () => {
    for (const name of ["dev", "staging"] as const) {
      expect(stages[name].stage.alarmEmail).toBeUndefined();
      expect(Object.keys(resourcesOfType(stages[name].template, "AWS::SNS::Subscription"))).toHaveLength(0);
    }
  });
});

describe("stage-configured subscriptions", () => {
  it("subscribes the alarm e-mail only when one is configured", () => {
    const withEmail = synthStage("dev", { override: { alarmEmail: "ops@example.org" } });
    const subs = Object.values(resourcesOfType(withEmail.template, "AWS::SNS::Subscription"));
    expect(subs.map((sub) => sub.Properties)).toEqual([
      expect.objectContaining({
        Protocol: "email",
        Endpoint: "ops@example.org",
        TopicArn: { Ref: logicalId(withEmail.stack.operations.alarmTopic) },
      }),
    ]);
    expect(Object.keys(resourcesOfType(stages.dev.template, "AWS::SNS::Subscription"))).toHaveLength(
      stages.dev.stage.ingestSubscriptions.length + (stages.dev.stage.alarmEmail ? 1 : 0),
    );
  });

  it("subscribes ingest-event endpoints with a filter policy on the type attribute", () => {
    const { template, stack } = synthStage("staging", {
      override: {
        ingestSubscriptions: [
          { protocol: "email", endpoint: "editors@example.org", filterTypes: ["page.rejected"] },
          { protocol: "https", endpoint: "https://hooks.example.org/docket" },
          {
            protocol: "sqs",
            endpoint: "arn:aws:sqs:ap-east-1:111122223333:docket-feed",
            filterTypes: ["record.stored"],
          },
        ],
      },
    });
    const topicRef = { Ref: logicalId(stack.ingestTopic.topic) };
    const subs = Object.values(resourcesOfType(template, "AWS::SNS::Subscription")).map((sub) => sub.Properties);
    expect(subs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Protocol: "email",
          Endpoint: "editors@example.org",
          TopicArn: topicRef,
          FilterPolicy: { type: ["page.rejected"] },
        }),
        expect.objectContaining({
          Protocol: "https",
          Endpoint: "https://hooks.example.org/docket",
          TopicArn: topicRef,
        }),
        expect.objectContaining({
          Protocol: "sqs",
          Endpoint: "arn:aws:sqs:ap-east-1:111122223333:docket-feed",
          FilterPolicy: { type: ["record.stored"] },
        }),
      ]),
    );
    expect(subs.find((sub) => sub?.Protocol === "https")).not.toHaveProperty("FilterPolicy");
  });

  it("hands what SNS cannot deliver to any subscriber to the subscriptions DLQ, which only this topic may send to", () => {
    const { template, stack } = synthStage("prod", {
      override: {
        ingestSubscriptions: [
          { protocol: "email", endpoint: "editors@example.org" },
          { protocol: "https", endpoint: "https://hooks.example.org/docket" },
          { protocol: "sqs", endpoint: "arn:aws:sqs:ap-east-1:111122223333:docket-feed" },
        ],
      },
    });
    const topicRef = { Ref: logicalId(stack.ingestTopic.topic) };
    const dlqId = logicalId(stack.ingestTopic.deadLetterQueue);
    const ingestSubscriptions = Object.values(resourcesOfType(template, "AWS::SNS::Subscription"))
      .map((sub) => sub.Properties ?? {})
      .filter((sub) => JSON.stringify(sub.TopicArn) === JSON.stringify(topicRef));
    expect(ingestSubscriptions.map((sub) => sub.Protocol).sort()).toEqual(["email", "https", "sqs"]);
    for (const sub of ingestSubscriptions) {
      expect(sub.RedrivePolicy, String(sub.Protocol)).toEqual({
        deadLetterTargetArn: { "Fn::GetAtt": [dlqId, "Arn"] },
      });
    }
    const allowed = resourcePolicyStatements(template, "AWS::SQS::QueuePolicy", dlqId).filter(
      (st) => st.Effect === "Allow",
    );
    expect(allowed.length).toBeGreaterThan(0);
    for (const statement of allowed) {
      expect(statement).toMatchObject({
        Action: "sqs:SendMessage",
        Principal: { Service: "sns.amazonaws.com" },
        Condition: { ArnEquals: { "aws:SourceArn": topicRef } },
      });
    }
  });

  it("uses a shorter alarm threshold when the stage asks for one", () => {
    const base = synthStage("prod", {
      override: { alarms: { oldestMessageAge: Duration.minutes(2), functionErrors: 1, api5xxErrors: 1 } },
    });
    const alarm = alarmOn(base, "ApproximateAgeOfOldestMessage", logicalId(base.stack.queues.records.queue));
    expect(alarm?.Threshold).toBe(120);
  });
});
