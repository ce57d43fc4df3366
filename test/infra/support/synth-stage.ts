import { readFileSync } from "node:fs";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { addDocketStage } from "../../../infra/docket-app";
import type { DocketStack } from "../../../infra/stack/docket-stack";
import { STAGE_NAMES, STAGES, type StageConfig, type StageName } from "../../../infra/stages";

/** cdk.json's context (feature flags): the CLI applies it, so the tests must too. */
const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(new URL("../../../cdk.json", import.meta.url), "utf8"),
).context;

export interface SynthOptions {
  /** Run esbuild for the function assets (seconds); off by default, as only the bundling test needs it. */
  bundle?: boolean;
  /** Change the stage's configuration, e.g. to add subscriptions. */
  override?: Partial<StageConfig>;
  /**
   * Run CDK's built-in CloudFormation template validation (seconds of WebAssembly per process);
   * off by default, as the cdk-nag test file runs it for every stage.
   */
  cloudFormationValidation?: boolean;
}

export interface SynthesizedStage {
  app: App;
  stack: DocketStack;
  template: Template;
  stage: StageConfig;
}

/** The operator's alarm address, given as `-c alarmEmail` to stages that require one (prod). */
export const TEST_ALARM_EMAIL = "ops@example.org";

export function synthStage(name: StageName, options: SynthOptions = {}): SynthesizedStage {
  const context = options.bundle ? CDK_JSON_CONTEXT : { ...CDK_JSON_CONTEXT, "aws:cdk:bundling-stacks": [] };
  const app = new App({ context, builtinCloudFormationValidation: options.cloudFormationValidation ?? false });
  const required = STAGES[name].requireAlarmEmail ? { alarmEmail: TEST_ALARM_EMAIL } : {};
  const stage = { ...STAGES[name], ...required, ...options.override };
  const stack = addDocketStage(app, stage);
  return { app, stack, template: Template.fromStack(stack), stage };
}

/** Every stage, synthesized once for the file that calls this. */
export function synthAllStages(): Record<StageName, SynthesizedStage> {
  return Object.fromEntries(STAGE_NAMES.map((name) => [name, synthStage(name)])) as Record<StageName, SynthesizedStage>;
}

export { STAGE_NAMES };
