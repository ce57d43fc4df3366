import { App } from "aws-cdk-lib";
import { addDocketStage } from "./docket-app";
import { type StageConfig, stageConfig } from "./stages";

// npx cdk synth|deploy -c stage=dev|staging|prod [-c alarmEmail=ops@example.org]
const app = new App();

let stage: StageConfig;
try {
  stage = stageConfig(app.node.tryGetContext("stage") ?? "dev");
} catch (error) {
  // A mistyped stage is a usage error, not a crash: say which stages exist, without a stack trace.
  console.error((error as Error).message);
  process.exit(1);
}

const alarmEmail: unknown = app.node.tryGetContext("alarmEmail");
addDocketStage(app, typeof alarmEmail === "string" && alarmEmail !== "" ? { ...stage, alarmEmail } : stage);
app.synth();
