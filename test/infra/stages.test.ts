import { RemovalPolicy } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { STAGE_NAMES, STAGES, stageConfig } from "../../infra/stages";
import { FUNCTION_TIMEOUT_SECONDS, QUEUES, VISIBILITY_TIMEOUT_FACTOR } from "../../shared/config/resources";

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
});
