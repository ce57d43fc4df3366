import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACT_PREFIXES, CLAIM_CHECK_EXPIRATION } from "../../infra/constructs/artifacts";
import { QUEUES } from "../../shared/config/resources";
import { claimCheckKey } from "../../shared/ingest/send-record-messages";
import { recordBodyKey } from "../../shared/storage/record-store";
import { TABLE_DEFINITION } from "../../shared/storage/table-definition";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages } from "./support/synth-stage";
import {
  deniesInsecureTransport,
  logicalId,
  props,
  resource,
  resourcePolicyStatements,
  resourcesOfType,
} from "./support/template-queries";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  stages = synthAllStages();
});

const expectedDeletionPolicy = { dev: "Delete", staging: "Delete", prod: "Retain" } as const;

describe.each(STAGE_NAMES)("storage (%s)", (name) => {
  const s = () => stages[name];

  it("blocks public access, enforces TLS and encrypts every bucket", () => {
    const { template } = s();
    const buckets = resourcesOfType(template, "AWS::S3::Bucket");
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties?.BucketEncryption, id).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      });
      expect(deniesInsecureTransport(resourcePolicyStatements(template, "AWS::S3::BucketPolicy", id)), id).toBe(true);
    }
  });

  it("versions the raw-pages and artifacts buckets and logs their access to the access-log bucket", () => {
    const { template, stack } = s();
    const logBucketId = logicalId(stack.accessLogs.bucket);
    for (const bucket of [stack.rawPages.bucket, stack.artifacts.bucket]) {
      const bucketProps = props(template, logicalId(bucket));
      expect(bucketProps.VersioningConfiguration).toEqual({ Status: "Enabled" });
      expect(bucketProps.LoggingConfiguration).toMatchObject({ DestinationBucketName: { Ref: logBucketId } });
    }
  });

  it("lets S3 log delivery write only the raw-pages and artifacts logs, and expires them", () => {
    const { template, stack, stage } = s();
    const id = logicalId(stack.accessLogs.bucket);
    const logDelivery = resourcePolicyStatements(template, "AWS::S3::BucketPolicy", id).filter(
      (st) => st.Effect === "Allow" && JSON.stringify(st.Principal) === '{"Service":"logging.s3.amazonaws.com"}',
    );
    expect(logDelivery.map((st) => [st.Action, st.Condition?.ArnLike])).toEqual([
      ["s3:PutObject", { "aws:SourceArn": { "Fn::GetAtt": [logicalId(stack.rawPages.bucket), "Arn"] } }],
      ["s3:PutObject", { "aws:SourceArn": { "Fn::GetAtt": [logicalId(stack.artifacts.bucket), "Arn"] } }],
    ]);
    for (const st of logDelivery) {
      expect(st.Condition?.StringEquals).toEqual({ "aws:SourceAccount": { Ref: "AWS::AccountId" } });
    }
    expect(props(template, id).LifecycleConfiguration).toEqual({
      Rules: [{ Id: "expire-access-logs", Status: "Enabled", ExpirationInDays: stage.accessLogsExpiration.toDays() }],
    });
  });

  it("expires claim checks and superseded artifact versions, never current record bodies", () => {
    const { template, stack, stage } = s();
    const lifecycle = props(template, logicalId(stack.artifacts.bucket)).LifecycleConfiguration as {
      Rules: { Prefix?: string; ExpirationInDays?: number; NoncurrentVersionExpiration?: object }[];
    };
    const expiring = lifecycle.Rules.filter((rule) => rule.ExpirationInDays !== undefined);
    expect(expiring).toEqual([
      expect.objectContaining({
        Prefix: ARTIFACT_PREFIXES.claimChecks,
        ExpirationInDays: QUEUES.records.dlqRetentionDays + 1,
      }),
    ]);
    expect(lifecycle.Rules).toContainEqual(
      expect.objectContaining({
        NoncurrentVersionExpiration: { NoncurrentDays: stage.artifacts.noncurrentVersionExpiration.toDays() },
      }),
    );
  });

  it("keeps claim checks until every message that may point at one has expired", () => {
    const longestLife = Math.max(QUEUES.records.retentionDays, QUEUES.records.dlqRetentionDays);
    expect(CLAIM_CHECK_EXPIRATION.toDays()).toBeGreaterThan(longestLife);
  });

  it(`${name === "prod" ? "retains" : "deletes"} buckets, table, logs, keys and the secret with the stack`, () => {
    const { template, stack } = s();
    const stateful = [
      stack.rawPages.bucket,
      stack.artifacts.bucket,
      stack.accessLogs.bucket,
      stack.records.table,
      stack.ingestTopic.key,
      stack.cursorKey.secret,
      stack.parsePage.logGroup,
      stack.api.accessLogs,
    ];
    for (const construct of stateful) {
      const r = resource(template, logicalId(construct));
      expect(r.DeletionPolicy, construct.node.path).toBe(expectedDeletionPolicy[name]);
      expect(r.UpdateReplacePolicy, construct.node.path).toBe(expectedDeletionPolicy[name]);
    }
  });

  it(`${name === "prod" ? "keeps" : "empties"} bucket contents on stack deletion`, () => {
    const { template } = s();
    const autoDeletes = Object.keys(resourcesOfType(template, "Custom::S3AutoDeleteObjects"));
    expect(autoDeletes).toHaveLength(name === "prod" ? 0 : 3);
  });

  it("builds the on-demand, encrypted table from the shared table definition", () => {
    const { template, stack } = s();
    const table = props(template, logicalId(stack.records.table));
    expect(table).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: "HASH" },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: "RANGE" },
      ],
    });
    const indexes = (table.GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown }[];
    expect(indexes.map((i) => i.IndexName)).toEqual(TABLE_DEFINITION.globalIndexes.map((i) => i.indexName));
  });

  it(`has point-in-time recovery ${name === "dev" ? "off" : "on"} and deletion protection ${name === "prod" ? "on" : "off"}`, () => {
    const { template, stack } = s();
    const table = props(template, logicalId(stack.records.table));
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: name !== "dev" });
    expect(table.DeletionProtectionEnabled).toBe(name === "prod");
  });
});

describe("artifact key prefixes", () => {
  it("are the ones the pipeline writes claim checks and record bodies under", () => {
    expect(claimCheckKey("r1", "{}").startsWith(ARTIFACT_PREFIXES.claimChecks)).toBe(true);
    const body = recordBodyKey("r1", { objectVersion: "o", eventVersion: "e" }, "0".repeat(64));
    expect(body.startsWith(ARTIFACT_PREFIXES.recordBodies)).toBe(true);
    expect(body.startsWith(ARTIFACT_PREFIXES.claimChecks)).toBe(false);
  });
});
