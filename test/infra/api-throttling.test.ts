import { beforeAll, describe, expect, it } from "vitest";
import { peakApiConcurrency, SLOW_API_REQUEST_SECONDS, STAGES } from "../../infra/stages";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages } from "./support/synth-stage";
import { logicalId, props, resourcesOfType } from "./support/template-queries";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  stages = synthAllStages();
});

interface MethodSettingJson {
  ResourcePath: string;
  HttpMethod: string;
  ThrottlingRateLimit?: number;
  ThrottlingBurstLimit?: number;
}

describe("peakApiConcurrency", () => {
  it("counts the burst starting at once plus what the rate admits while a slow request runs", () => {
    expect(SLOW_API_REQUEST_SECONDS).toBe(1);
    expect(peakApiConcurrency({ rateLimit: 10, burstLimit: 10 })).toBe(20);
    expect(peakApiConcurrency({ rateLimit: 50, burstLimit: 100 })).toBe(150);
  });
});

describe.each(STAGE_NAMES)("API throttling against reserved concurrency (%s)", (name) => {
  const s = () => stages[name];

  it("never admits more requests at once than a function behind the API may run", () => {
    const { template, stack } = s();
    const stageSettings = props(template, logicalId(stack.api.api.deploymentStage)).MethodSettings as
      | MethodSettingJson[]
      | undefined;
    const stageWide = stageSettings?.find((m) => m.ResourcePath === "/*" && m.HttpMethod === "*");
    const throttle = {
      rateLimit: stageWide?.ThrottlingRateLimit ?? 0,
      burstLimit: stageWide?.ThrottlingBurstLimit ?? 0,
    };
    expect(throttle).toEqual(STAGES[name].api.throttle);
    // The usage plan (per key) may not admit more than the stage either.
    for (const plan of Object.values(resourcesOfType(template, "AWS::ApiGateway::UsagePlan"))) {
      const perKey = plan.Properties?.Throttle as { RateLimit: number; BurstLimit: number };
      expect(perKey.RateLimit).toBeLessThanOrEqual(throttle.rateLimit);
      expect(perKey.BurstLimit).toBeLessThanOrEqual(throttle.burstLimit);
    }
    for (const fn of [stack.queryApi, stack.web]) {
      const reserved = props(template, logicalId(fn.lambda)).ReservedConcurrentExecutions as number | undefined;
      // Without a reservation a function draws on the account's unreserved pool (at least 100).
      if (reserved === undefined) continue;
      expect(peakApiConcurrency(throttle), fn.node.path).toBeLessThanOrEqual(reserved);
    }
  });

  it("never admits more downloads at once, under their own throttles together, than the download function may run", () => {
    const { template, stack } = s();
    const settings = (props(template, logicalId(stack.api.api.deploymentStage)).MethodSettings ??
      []) as MethodSettingJson[];
    const downloads = settings.filter((m) => m.ResourcePath.startsWith("/~1download~1"));
    // GET and HEAD of both downloads, each its own bucket, all served by the one function: their peaks add up.
    expect(downloads).toHaveLength(4);
    const admitted = downloads
      .map((m) =>
        peakApiConcurrency({ rateLimit: m.ThrottlingRateLimit ?? 0, burstLimit: m.ThrottlingBurstLimit ?? 0 }),
      )
      .reduce((sum, peak) => sum + peak, 0);
    expect(admitted).toBeGreaterThan(0);
    const reserved = props(template, logicalId(stack.download.lambda)).ReservedConcurrentExecutions as number;
    // Reserved in every stage: downloads run for minutes and must draw on no other function's concurrency.
    expect(reserved).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(reserved);
  });
});

describe("prod", () => {
  it("reserves concurrency for the API's functions, so the checks above bind there", () => {
    const { template, stack } = stages.prod;
    for (const fn of [stack.queryApi, stack.web]) {
      expect(props(template, logicalId(fn.lambda)).ReservedConcurrentExecutions).toBeGreaterThanOrEqual(
        peakApiConcurrency(STAGES.prod.api.throttle),
      );
    }
    expect(props(template, logicalId(stack.download.lambda)).ReservedConcurrentExecutions).toBeGreaterThanOrEqual(
      4 * peakApiConcurrency(STAGES.prod.api.downloadThrottle),
    );
  });
});
