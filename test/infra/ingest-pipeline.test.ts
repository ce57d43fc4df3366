import { beforeAll, describe, expect, it } from "vitest";
import { BATCHING, RAW_PREFIX, VISIBILITY_TIMEOUT_FACTOR } from "../../shared/config/resources";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages } from "./support/synth-stage";
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

describe.each(STAGE_NAMES)("ingest pipeline (%s)", (name) => {
  const s = () => stages[name];

  it("notifies the page-events queue of objects created under raw/ only", () => {
    const { template, stack } = s();
    const notifications = Object.values(resourcesOfType(template, "Custom::S3BucketNotifications"));
    expect(notifications).toHaveLength(1);
    const [notification] = notifications;
    expect(referencedId(notification?.Properties?.BucketName)).toBe(logicalId(stack.rawPages.bucket));
    expect(notification?.Properties?.NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Events: ["s3:ObjectCreated:*"],
          Filter: { Key: { FilterRules: [{ Name: "prefix", Value: RAW_PREFIX }] } },
          QueueArn: { "Fn::GetAtt": [pageEventsQueueId(s()), "Arn"] },
        },
      ],
    });
  });

  it("lets only the raw-pages bucket of this account send to the page-events queue, and only send", () => {
    const { template, stack } = s();
    const statements = resourcePolicyStatements(template, "AWS::SQS::QueuePolicy", pageEventsQueueId(s()));
    const s3Statements = statements.filter((st) => JSON.stringify(st.Principal).includes("s3.amazonaws.com"));
    const rawBucketId = logicalId(stack.rawPages.bucket);
    expect(s3Statements).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: "sqs:SendMessage",
        Condition: {
          ArnLike: { "aws:SourceArn": { "Fn::GetAtt": [rawBucketId, "Arn"] } },
          StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
        },
      }),
    ]);
  });

  it.each([
    ["parsePage", "pageEvents"],
    ["storeRecord", "records"],
  ] as const)("feeds %s from the %s queue in batches with partial batch failures", (fnName, queueName) => {
    const { template, stack, stage } = s();
    const mapping = eventSourceMappingOf(s(), logicalId(stack[fnName].lambda));
    const consumer = stage.eventSources[queueName];
    expect(mapping).toMatchObject({
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BatchSize: consumer.batchSize,
      MaximumBatchingWindowInSeconds: consumer.maxBatchingWindowSeconds,
      ScalingConfig: { MaximumConcurrency: consumer.maxConcurrency },
    });
    expect(template.toJSON().Resources[referencedId(mapping.EventSourceArn) ?? ""].Type).toBe("AWS::SQS::Queue");
  });

  it("invokes dev's functions without a batching window, and batches staging's and prod's for cost", () => {
    const { stack } = s();
    const batching = (fnName: "parsePage" | "storeRecord") => {
      const mapping = eventSourceMappingOf(s(), logicalId(stack[fnName].lambda));
      return { batchSize: mapping.BatchSize, maxBatchingWindowSeconds: mapping.MaximumBatchingWindowInSeconds };
    };
    const profile = name === "dev" ? BATCHING.interactive : BATCHING.bulk;
    expect({ pageEvents: batching("parsePage"), records: batching("storeRecord") }).toEqual(profile);
    if (name === "dev") expect(batching("parsePage").maxBatchingWindowSeconds).toBe(0);
    else expect(batching("parsePage").maxBatchingWindowSeconds).toBeGreaterThanOrEqual(5);
  });

  it("gives every consumed queue a visibility timeout of at least 6× its consumer's timeout", () => {
    const { template } = s();
    const mappings = Object.values(resourcesOfType(template, "AWS::Lambda::EventSourceMapping"));
    expect(mappings).toHaveLength(2);
    for (const mapping of mappings) {
      const queue = props(template, referencedId(mapping.Properties?.EventSourceArn) ?? "");
      const fn = props(template, referencedId(mapping.Properties?.FunctionName) ?? "");
      expect(queue.VisibilityTimeout as number).toBeGreaterThanOrEqual(
        VISIBILITY_TIMEOUT_FACTOR * (fn.Timeout as number),
      );
    }
  });

  it("moves a message to its own dead-letter queue after 5 failed receives", () => {
    const { template } = s();
    const mappings = Object.values(resourcesOfType(template, "AWS::Lambda::EventSourceMapping"));
    const dlqIds = new Set<string>();
    for (const mapping of mappings) {
      const queue = props(template, referencedId(mapping.Properties?.EventSourceArn) ?? "");
      const redrive = queue.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };
      expect(redrive.maxReceiveCount).toBe(5);
      const dlqId = referencedId(redrive.deadLetterTargetArn) ?? "";
      expect(template.toJSON().Resources[dlqId].Type).toBe("AWS::SQS::Queue");
      expect(props(template, dlqId).MessageRetentionPeriod).toBe(14 * 24 * 3600);
      dlqIds.add(dlqId);
    }
    expect(dlqIds.size).toBe(2);
  });

  it("encrypts every queue with SQS-managed keys and denies non-TLS access to it", () => {
    const { template } = s();
    const queues = resourcesOfType(template, "AWS::SQS::Queue");
    // page-events and records with their DLQs, and the ingest subscriptions' DLQ
    expect(Object.keys(queues)).toHaveLength(5);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties?.SqsManagedSseEnabled, id).toBe(true);
      expect(deniesInsecureTransport(resourcePolicyStatements(template, "AWS::SQS::QueuePolicy", id)), id).toBe(true);
    }
  });
});

function pageEventsQueueId({ stack }: SynthesizedStage): string {
  return logicalId(stack.queues.pageEvents.queue);
}

function eventSourceMappingOf({ template }: SynthesizedStage, functionId: string): Record<string, unknown> {
  const mappings = Object.values(resourcesOfType(template, "AWS::Lambda::EventSourceMapping")).filter(
    (m) => referencedId(m.Properties?.FunctionName) === functionId,
  );
  expect(mappings).toHaveLength(1);
  return mappings[0]?.Properties ?? {};
}
