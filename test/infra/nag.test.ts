import { App, Stack, Validations } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { STAGE_NAMES, type SynthesizedStage, synthStage } from "./support/synth-stage";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  // With CloudFormation's own template validation too: findings fail the synth (see cdk.json).
  stages = Object.fromEntries(
    STAGE_NAMES.map((name) => [name, synthStage(name, { cloudFormationValidation: true })]),
  ) as typeof stages;
});

function findings(scope: App | Stack): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.severity} ${v.ruleName} ${r.constructPath ?? r.resourceLogicalId}`),
  );
}

describe.each(STAGE_NAMES)("cdk-nag AwsSolutions (%s)", (name) => {
  it("synthesizes through CloudFormation template validation and the cdk-nag plugin without a failing report", () => {
    const assembly = stages[name].app.synth();
    expect(assembly.getStackByName(`Docket-${name}`).template).toHaveProperty("Resources");
  });

  it("reports no unacknowledged finding, error or warning", () => {
    expect(findings(stages[name].app)).toEqual([]);
  });

  it("records a reason with every acknowledgement", () => {
    const acknowledged = stages[name].stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(30);
  });
});

describe("cdk-nag itself", () => {
  it("fails the synth of a Docket app that gains an unacknowledged finding", () => {
    const { app, stack } = synthStage("dev");
    new s3.Bucket(stack, "Unlogged", { enforceSSL: true });
    expect(() => app.synth({ force: true })).toThrow(/AwsSolutions-S1/);
  });

  it("flags an unencrypted, public, unlogged bucket, so a clean report means something", () => {
    const app = new App();
    const stack = new Stack(app, "Insecure");
    new s3.Bucket(stack, "Open", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
      encryption: s3.BucketEncryption.UNENCRYPTED,
    });
    const rules = findings(stack).map((f) => f.split(" ")[1]);
    expect(rules).toEqual(expect.arrayContaining(["AwsSolutions-S1", "AwsSolutions-S10"]));
  });
});
