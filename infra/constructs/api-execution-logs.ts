import type * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { StageConfig } from "../stages";
import { defaultLogGroupProps } from "./secure-defaults";

/**
 * The log group of an API stage's execution logs (its loggingLevel). API
 * Gateway writes them to a group of a fixed name, creating it on first use
 * with no retention, so they would never expire: declared here first, with the
 * stage's retention, and made before the stage, so API Gateway never gets to
 * create it. (A stack deployed before this declaration may already have one:
 * delete that group before deploying, or CloudFormation cannot create it.)
 */
export class ApiExecutionLogs extends Construct {
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: { stage: StageConfig; api: apigateway.RestApi }) {
    super(scope, id);
    const { api, stage } = props;
    this.logGroup = new logs.LogGroup(
      this,
      "LogGroup",
      defaultLogGroupProps(stage, {
        // The stage's name as QueryApi deploys it (deployOptions.stageName), not the Stage's Ref: that would be a cycle.
        logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${stage.name}`,
      }),
    );
    api.deploymentStage.node.addDependency(this.logGroup);
  }
}
