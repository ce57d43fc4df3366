import { App } from "aws-cdk-lib";
import { addDocketStage } from "./docket-app";
import { stageConfig } from "./stages";

// npx cdk synth|deploy -c stage=dev|staging|prod [-c alarmEmail=ops@example.org]
const app = new App();
const stage = stageConfig(app.node.tryGetContext("stage") ?? "dev");
const alarmEmail: unknown = app.node.tryGetContext("alarmEmail");
addDocketStage(app, typeof alarmEmail === "string" && alarmEmail !== "" ? { ...stage, alarmEmail } : stage);
app.synth();
