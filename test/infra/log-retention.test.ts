import { beforeAll, describe, expect, it } from "vitest";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages } from "./support/synth-stage";
import { logicalId, props, referencedId, resource, resourcesOfType } from "./support/template-queries";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  stages = synthAllStages();
});

describe.each(STAGE_NAMES)("log retention (%s)", (name) => {
  const s = () => stages[name];

  it("expires every log group the stack declares after the stage's retention", () => {
    const { template, stage } = s();
    const groups = Object.entries(resourcesOfType(template, "AWS::Logs::LogGroup"));
    expect(groups.length).toBeGreaterThan(0);
    for (const [id, group] of groups) expect(group.Properties?.RetentionInDays, id).toBe(stage.logRetention);
  });

  it("sends every function's logs, CDK's custom-resource handlers' too, to one of those log groups", () => {
    const { template } = s();
    const functions = Object.entries(resourcesOfType(template, "AWS::Lambda::Function"));
    // Docket's five, and at least the bucket-notifications handler.
    expect(functions.length).toBeGreaterThan(5);
    for (const [id, fn] of functions) {
      const logGroup = referencedId((fn.Properties?.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup);
      expect(logGroup, id).toBeDefined();
      expect(resource(template, logGroup ?? "").Type, id).toBe("AWS::Logs::LogGroup");
    }
  });

  it("declares the API stage's execution log group under the name API Gateway writes to, before the stage", () => {
    const { template, stack } = s();
    const stageId = logicalId(stack.api.api.deploymentStage);
    const settings = props(template, stageId).MethodSettings as { LoggingLevel?: string }[];
    // The premise: the stage writes execution logs at all.
    expect(settings.some((m) => m.LoggingLevel === "ERROR")).toBe(true);
    const groupId = logicalId(stack.apiExecutionLogs.logGroup);
    expect(props(template, groupId).LogGroupName).toEqual({
      "Fn::Join": ["", ["API-Gateway-Execution-Logs_", { Ref: logicalId(stack.api.api) }, `/${name}`]],
    });
    expect(template.toJSON().Resources[stageId].DependsOn).toContain(groupId);
  });
});
