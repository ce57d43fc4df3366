import { type CfnElement, Stack } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";

export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, unknown>;
}

/** Logical id of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export function resourcesOfType(template: Template, type: string): Record<string, CfnResourceJson> {
  return template.findResources(type) as Record<string, CfnResourceJson>;
}

export function resource(template: Template, id: string): CfnResourceJson {
  const found = template.toJSON().Resources?.[id] as CfnResourceJson | undefined;
  if (!found) throw new Error(`no resource ${id} in template`);
  return found;
}

export function props(template: Template, id: string): Record<string, unknown> {
  return resource(template, id).Properties ?? {};
}

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Logical id in a { Ref } or { Fn::GetAtt: [id, attr] } value, or undefined. */
export function referencedId(value: unknown): string | undefined {
  if (value && typeof value === "object") {
    const ref = (value as { Ref?: unknown }).Ref;
    if (typeof ref === "string") return ref;
    const getAtt = (value as { "Fn::GetAtt"?: unknown })["Fn::GetAtt"];
    if (Array.isArray(getAtt) && typeof getAtt[0] === "string") return getAtt[0];
  }
  return undefined;
}

/** Logical ids a JSON value mentions anywhere (Ref, GetAtt, inside Fn::Join). */
export function mentionedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    const id = referencedId(node);
    if (id) ids.add(id);
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") Object.values(node).forEach(visit);
  };
  visit(value);
  return ids;
}

function statementsIn(policy: CfnResourceJson): PolicyStatementJson[] {
  const document = policy.Properties?.PolicyDocument as { Statement?: PolicyStatementJson[] } | undefined;
  return document?.Statement ?? [];
}

/** All statements of the identity policies attached to a role. */
export function roleStatements(template: Template, roleId: string): PolicyStatementJson[] {
  return Object.values(resourcesOfType(template, "AWS::IAM::Policy"))
    .filter((policy) => mentionedIds(policy.Properties?.Roles).has(roleId))
    .flatMap(statementsIn);
}

/** Statements of a resource policy (bucket, queue or topic policy) that apply to the resource. */
export function resourcePolicyStatements(template: Template, policyType: string, targetId: string) {
  const targetKey: Record<string, string> = {
    "AWS::S3::BucketPolicy": "Bucket",
    "AWS::SQS::QueuePolicy": "Queues",
    "AWS::SNS::TopicPolicy": "Topics",
  };
  const key = targetKey[policyType];
  if (!key) throw new Error(`unsupported policy type ${policyType}`);
  return Object.values(resourcesOfType(template, policyType))
    .filter((policy) => mentionedIds(policy.Properties?.[key]).has(targetId))
    .flatMap(statementsIn);
}

/**
 * The statement CDK's enforceSSL adds: deny when aws:SecureTransport is false,
 * every action (S3, SQS) or, for a topic, sns:Publish.
 */
export function deniesInsecureTransport(statements: PolicyStatementJson[], action: RegExp = /^[a-z0-9]+:\*$/): boolean {
  return statements.some(
    (s) =>
      s.Effect === "Deny" &&
      JSON.stringify(s.Principal).includes("*") &&
      asArray(s.Action).some((a) => action.test(a)) &&
      JSON.stringify(s.Condition) === JSON.stringify({ Bool: { "aws:SecureTransport": "false" } }),
  );
}
