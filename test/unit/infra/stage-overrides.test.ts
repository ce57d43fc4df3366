import { describe, expect, it } from "vitest";
import { applyStageOverrides, StageOverrideError } from "../../../infra/stage-overrides";
import { stageConfig } from "../../../infra/stages";

const prod = stageConfig("prod");

describe("applyStageOverrides", () => {
  it("leaves the stage as it is when no context is given", () => {
    expect(applyStageOverrides(prod, {})).toBe(prod);
  });

  it("sets the alarm e-mail from -c alarmEmail", () => {
    expect(applyStageOverrides(prod, { alarmEmail: "ops@example.org" }).alarmEmail).toBe("ops@example.org");
  });

  it("rejects an alarm e-mail that is not an address, naming the context key", () => {
    expect(() => applyStageOverrides(prod, { alarmEmail: "ops" })).toThrow(/-c alarmEmail/);
  });

  it("adds subscriptions given as a JSON string, with their type filters", () => {
    const stage = applyStageOverrides(prod, {
      subscriptions: '[{"protocol":"email","endpoint":"team@example.org","filterTypes":["page.rejected"]}]',
    });
    expect(stage.ingestSubscriptions).toEqual([
      { protocol: "email", endpoint: "team@example.org", filterTypes: ["page.rejected"] },
    ]);
  });

  it("rejects a filter on a notification type that does not exist", () => {
    expect(() =>
      applyStageOverrides(prod, {
        subscriptions: [{ protocol: "email", endpoint: "a@b.c", filterTypes: ["record.deleted"] }],
      }),
    ).toThrow(StageOverrideError);
  });

  it("rejects an https subscription to a plain http endpoint", () => {
    expect(() =>
      applyStageOverrides(prod, { subscriptions: [{ protocol: "https", endpoint: "http://hook.example" }] }),
    ).toThrow(/https:\/\//);
  });

  it("rejects subscriptions that are not JSON", () => {
    expect(() => applyStageOverrides(prod, { subscriptions: "[{protocol:email" })).toThrow(/JSON array/);
  });
});
