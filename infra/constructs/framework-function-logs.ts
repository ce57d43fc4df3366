import { CfnResource, type Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type { StageConfig } from "../stages";
import { defaultLogGroupProps } from "./secure-defaults";

/**
 * Gives every Lambda function of the stack that names no log group one with
 * the stage's retention. Those are CDK's own custom-resource functions (the
 * S3 bucket-notifications handler, the auto-delete-objects provider), which
 * take no log-group option: Lambda would create /aws/lambda/<name> on their
 * first run, never expiring. Their roles carry AWSLambdaBasicExecutionRole,
 * which may write to any log group. Call it once every construct is in place.
 */
export function giveFunctionsLogGroups(stack: Stack, stage: StageConfig): void {
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof CfnResource) || construct.cfnResourceType !== "AWS::Lambda::Function") continue;
    if (construct instanceof lambda.CfnFunction && hasLogGroup(construct)) continue;
    const scope = construct.node.scope ?? stack;
    const logGroup = new logs.LogGroup(scope, `${construct.node.id}Logs`, defaultLogGroupProps(stage));
    construct.addPropertyOverride("LoggingConfig.LogGroup", logGroup.logGroupName);
  }
}

function hasLogGroup(fn: lambda.CfnFunction): boolean {
  const config = fn.loggingConfig as lambda.CfnFunction.LoggingConfigProperty | undefined;
  return Boolean(config?.logGroup);
}
