import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * cdk-nag v3 acknowledgements go through CDK's own Validations API; these
 * helpers only spell the finding ids so each call site states rule and reason.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The id cdk-nag gives an IAM5 finding on a resource ARN with a wildcard,
 * e.g. `AwsSolutions-IAM5[Resource::<RawBucket1A2B3C.Arn>/*]`, computed from
 * the resource's logical id so an acknowledgement cannot cover anything else.
 */
export function wildcardResourceFinding(resource: IConstruct, suffix: string, attribute = "Arn"): string {
  const element = resource.node.defaultChild ?? resource;
  const logicalId = Stack.of(resource).getLogicalId(element as CfnElement);
  return `AwsSolutions-IAM5[Resource::<${logicalId}.${attribute}>${suffix}]`;
}

export function wildcardActionFinding(action: string): string {
  return `AwsSolutions-IAM5[Action::${action}]`;
}
