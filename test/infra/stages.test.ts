import { RemovalPolicy } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { STAGE_NAMES, STAGES, stageConfig } from "../../infra/stages";
import {
  BATCHING,
  FUNCTION_TIMEOUT_SECONDS,
  PARSE_BUDGET_MS,
  QUEUES,
  VISIBILITY_TIMEOUT_FACTOR,
} from "../../shared/config/resources";

describe("stage configuration", () => {
  it("rejects an unknown stage, naming the valid ones", () => {
    expect(() => stageConfig("qa")).toThrow(/Unknown stage "qa": use -c stage=dev\|staging\|prod/);
    expect(() => stageConfig(undefined)).toThrow(/Unknown stage/);
  });

  it.each(STAGE_NAMES)("returns the %s configuration under its own name", (name) => {
    expect(stageConfig(name).name).toBe(name);
  });

  it("retains and protects prod data, and destroys dev's", () => {
    expect(STAGES.prod).toMatchObject({
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
      pointInTimeRecovery: true,
      deletionProtection: true,
    });
    expect(STAGES.dev).toMatchObject({ removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  });

  it("makes prod alarms reach someone, limit each IP with a WAF rule and let no other site read its answers", () => {
    expect(STAGES.prod.requireAlarmEmail).toBe(true);
    expect(STAGES.prod.api.firewall?.requestsPerIpPer5Minutes).toBeGreaterThanOrEqual(10);
    expect(STAGES.prod.api.corsAllowOrigins).not.toContain("*");
  });

  it.each(STAGE_NAMES)("takes %s function timeouts from shared/config/resources.ts", (name) => {
    const { functions } = STAGES[name];
    for (const [fn, seconds] of Object.entries(FUNCTION_TIMEOUT_SECONDS)) {
      expect(functions[fn as keyof typeof functions].timeout.toSeconds()).toBe(seconds);
    }
    expect(QUEUES.pageEvents.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
      VISIBILITY_TIMEOUT_FACTOR * functions.parsePage.timeout.toSeconds(),
    );
  });

  it.each(STAGE_NAMES)("keeps %s SQS maximum concurrency within Lambda's 2–1000", (name) => {
    for (const source of Object.values(STAGES[name].eventSources)) {
      expect(source.maxConcurrency).toBeGreaterThanOrEqual(2);
      expect(source.maxConcurrency).toBeLessThanOrEqual(1000);
    }
  });

  it("answers at once on dev (no batching window) and batches staging and prod for cost", () => {
    for (const source of Object.values(STAGES.dev.eventSources)) expect(source.maxBatchingWindowSeconds).toBe(0);
    for (const name of ["staging", "prod"] as const) {
      expect(STAGES[name].eventSources).toMatchObject(BATCHING.bulk);
      for (const source of Object.values(STAGES[name].eventSources)) {
        expect(source.maxBatchingWindowSeconds).toBeGreaterThan(0);
      }
    }
  });

  it.each(STAGE_NAMES)(
    "keeps %s batching within Lambda's limits: over 10 messages only with a window of 1–300 s",
    (name) => {
      for (const source of Object.values(STAGES[name].eventSources)) {
        expect(source.batchSize).toBeGreaterThanOrEqual(1);
        expect(source.batchSize).toBeLessThanOrEqual(10_000);
        expect(source.maxBatchingWindowSeconds).toBeLessThanOrEqual(300);
        if (source.batchSize > 10) expect(source.maxBatchingWindowSeconds).toBeGreaterThanOrEqual(1);
      }
    },
  );

  it.each(STAGE_NAMES)(
    "lets a full %s page-events batch spend its whole parse budget inside parse-page's timeout",
    (name) => {
      const { eventSources, functions } = STAGES[name];
      expect(eventSources.pageEvents.batchSize * PARSE_BUDGET_MS).toBeLessThanOrEqual(
        functions.parsePage.timeout.toMilliseconds() * 0.8,
      );
    },
  );
});
