import type { Stack } from "aws-cdk-lib";
import { acknowledge } from "./acknowledge";

/**
 * Acknowledgements for resources CDK itself adds to the stack, which Docket
 * cannot configure: the singleton that applies S3 bucket notifications.
 */
export function acknowledgeFrameworkResources(stack: Stack): void {
  for (const child of stack.node.children) {
    if (child.node.id.startsWith("BucketNotificationsHandler")) {
      acknowledge(
        child,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "CDK's bucket-notifications custom resource runs once per deployment; its role is CDK's, with the AWS-managed basic execution policy.",
      );
    }
  }
}
