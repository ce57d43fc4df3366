import { App } from "aws-cdk-lib";
import { addDocketStage } from "./docket-app";
import { applyStageOverrides } from "./stage-overrides";
import { stageConfig } from "./stages";

// npx cdk synth|deploy -c stage=dev|staging|prod [-c alarmEmail=ops@example.org] [-c subscriptions='[…]'] [-c webAllowCidrs=203.0.113.0/24,…]
const app = new App();

try {
  const stage = applyStageOverrides(stageConfig(app.node.tryGetContext("stage") ?? "dev"), {
    alarmEmail: app.node.tryGetContext("alarmEmail"),
    subscriptions: app.node.tryGetContext("subscriptions"),
    webAllowCidrs: app.node.tryGetContext("webAllowCidrs"),
  });
  addDocketStage(app, stage);
} catch (error) {
  // A mistyped stage or override is a usage error, not a crash: say what is wrong, without a stack trace.
  console.error((error as Error).message);
  process.exit(1);
}
app.synth();
