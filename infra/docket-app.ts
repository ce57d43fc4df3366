import { type App, type Environment, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DocketStack } from "./stack/docket-stack";
import { stackName } from "./stack/stack-outputs";
import type { StageConfig } from "./stages";

/**
 * The account and region the CLI resolved from credentials, or none: without
 * credentials the CLI still guesses us-east-1, and baking a guessed region
 * into ARNs would break a deploy elsewhere, so synth stays environment-agnostic.
 */
function deploymentEnvironment(): Environment | undefined {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  return account && region ? { account, region } : undefined;
}

/**
 * Builds the stack of one stage into an app, with cdk-nag's AWS Solutions
 * pack as a policy-validation plugin (synthesis fails on an unacknowledged
 * finding). infra/app.ts and the infra tests both build through here.
 */
export function addDocketStage(app: App, stage: StageConfig): DocketStack {
  const stack = new DocketStack(app, stackName(stage.name), {
    stage,
    description: `Docket (${stage.name}): meeting-page ingestion pipeline and query API`,
    env: deploymentEnvironment(),
    tags: { project: "docket", stage: stage.name },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
