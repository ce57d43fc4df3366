import { beforeAll, describe, expect, it } from "vitest";
import type { DocketFunction } from "../../infra/constructs/docket-function";
import type { DocketStack } from "../../infra/stack/docket-stack";
import type { FunctionName } from "../../infra/stages";
import { ENV } from "../../shared/config/env";
import { ARTIFACT_PREFIXES, FUNCTION_TIMEOUT_SECONDS, RAW_PREFIX } from "../../shared/config/resources";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages } from "./support/synth-stage";
import {
  asArray,
  logicalId,
  mentionedIds,
  type PolicyStatementJson,
  props,
  referencedId,
  roleStatements,
} from "./support/template-queries";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  stages = synthAllStages();
});

const FUNCTIONS: FunctionName[] = ["parsePage", "storeRecord", "queryApi", "web", "download"];
const DOCKET_ENV_NAMES = new Set<string>(Object.values(ENV));

/**
 * What each function may do, keyed by the variable that names the resource:
 * the variable must point at the resource the actions are granted on.
 */
type Grant = { actions: string[]; onObjects?: string[] };
const CLAIMS = `/${ARTIFACT_PREFIXES.claimChecks}*`;
const BODIES = `/${ARTIFACT_PREFIXES.recordBodies}*`;
const EXPECTED: Record<FunctionName, Partial<Record<string, Grant[]>>> = {
  parsePage: {
    [ENV.rawBucket]: [{ actions: ["s3:GetObject", "s3:GetObjectVersion"], onObjects: [`/${RAW_PREFIX}*`] }],
    [ENV.artifactsBucket]: [{ actions: ["s3:PutObject"], onObjects: [CLAIMS] }],
    [ENV.recordsQueueUrl]: [{ actions: ["sqs:SendMessage"] }],
    [ENV.ingestTopicArn]: [{ actions: ["sns:Publish"] }],
    [ENV.maxPageBytes]: [],
    [ENV.stage]: [],
  },
  storeRecord: {
    [ENV.tableName]: [{ actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"] }],
    [ENV.artifactsBucket]: [
      { actions: ["s3:GetObject", "s3:GetObjectVersion"], onObjects: [CLAIMS, BODIES] },
      { actions: ["s3:PutObject"], onObjects: [BODIES] },
    ],
    [ENV.ingestTopicArn]: [{ actions: ["sns:Publish"] }],
    [ENV.pageEventsQueueUrl]: [{ actions: ["sqs:SendMessage"] }],
    // The queue it consumes: a message failed for contention is made visible again in seconds.
    [ENV.recordsQueueUrl]: [{ actions: ["sqs:ChangeMessageVisibility"] }],
    [ENV.stage]: [],
  },
  queryApi: {
    [ENV.tableName]: [{ actions: ["dynamodb:GetItem", "dynamodb:Query"] }],
    [ENV.artifactsBucket]: [{ actions: ["s3:GetObject", "s3:GetObjectVersion"], onObjects: [BODIES] }],
    [ENV.cursorKeySecretArn]: [{ actions: ["secretsmanager:GetSecretValue"] }],
    [ENV.corsAllowOrigins]: [],
    [ENV.stage]: [],
  },
  // The web pages read through the query API's code in-process: exactly its grants.
  web: {
    [ENV.tableName]: [{ actions: ["dynamodb:GetItem", "dynamodb:Query"] }],
    [ENV.artifactsBucket]: [{ actions: ["s3:GetObject", "s3:GetObjectVersion"], onObjects: [BODIES] }],
    [ENV.cursorKeySecretArn]: [{ actions: ["secretsmanager:GetSecretValue"] }],
    [ENV.stage]: [],
  },
  // The downloads read the list only (GET /meetings, index items): no record bodies, so no S3 at all.
  download: {
    [ENV.tableName]: [{ actions: ["dynamodb:GetItem", "dynamodb:Query"] }],
    [ENV.cursorKeySecretArn]: [{ actions: ["secretsmanager:GetSecretValue"] }],
    [ENV.stage]: [],
  },
};

/** Actions no Docket function needs: deleting or rewriting data outside its role. */
const FORBIDDEN: Record<FunctionName, RegExp> = {
  parsePage: /^(dynamodb:|s3:Delete|secretsmanager:)/,
  // It sends to the page-events queue alone: see "lets store-record send to the page-events queue only".
  storeRecord: /^(secretsmanager:|sqs:(SendMessageBatch|Purge|Delete(Queue)?$|Create|Set))/,
  queryApi: /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)|s3:(Put|Delete)|sqs:|sns:)/,
  web: /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)|s3:(Put|Delete)|sqs:|sns:)/,
  download: /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)|s3:|sqs:|sns:)/,
};

/** The key patterns (e.g. "/records/*") of object ARNs `{ Fn::Join: ["", [bucket ARN, "/records/*"]] }`. */
function objectPatterns(resources: unknown[]): string[] {
  const patterns = resources.flatMap((resource) => {
    const join = (resource as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"];
    const last = join?.[1].at(-1);
    return typeof last === "string" && last.startsWith("/") ? [last] : [];
  });
  return [...new Set(patterns)].sort();
}

function fnOf(stack: DocketStack, name: FunctionName): DocketFunction {
  return stack[name];
}

function statementsOf({ template, stack }: SynthesizedStage, name: FunctionName): PolicyStatementJson[] {
  return roleStatements(template, logicalId(fnOf(stack, name).role));
}

describe.each(STAGE_NAMES)("functions (%s)", (stageName) => {
  const s = () => stages[stageName];

  it.each(FUNCTIONS)("runs %s on Node.js 24, arm64, with active tracing and its own log group", (name) => {
    const { template, stack, stage } = s();
    const fn = props(template, logicalId(fnOf(stack, name).lambda));
    expect(fn).toMatchObject({
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      TracingConfig: { Mode: "Active" },
      Handler: "index.handler",
      Timeout: FUNCTION_TIMEOUT_SECONDS[name],
      MemorySize: stage.functions[name].memoryMiB,
      LoggingConfig: { LogGroup: { Ref: logicalId(fnOf(stack, name).logGroup) } },
    });
    expect(fn.ReservedConcurrentExecutions).toBe(stage.functions[name].reservedConcurrency);
    expect(props(template, logicalId(fnOf(stack, name).logGroup)).RetentionInDays).toBe(stage.logRetention);
  });

  it.each(FUNCTIONS)("gives %s source maps and the Powertools settings it reads", (name) => {
    const { template, stack, stage } = s();
    const variables = (props(template, logicalId(fnOf(stack, name).lambda)).Environment as { Variables: object })
      .Variables;
    expect(variables).toMatchObject({
      NODE_OPTIONS: "--enable-source-maps",
      POWERTOOLS_LOG_LEVEL: stage.logLevel,
      POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^(parse-page|store-record|query-api|web|download)$/),
    });
    // The namespace is fixed in shared/observability/metrics.ts, which would override the variable.
    expect(variables).not.toHaveProperty("POWERTOOLS_METRICS_NAMESPACE");
  });

  it.each(FUNCTIONS)("sets exactly the Docket variables %s needs, names from shared/config/env.ts", (name) => {
    const { template, stack } = s();
    const variables = (
      props(template, logicalId(fnOf(stack, name).lambda)).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    const docketNames = Object.keys(variables).filter((key) => !/^(NODE_OPTIONS|POWERTOOLS_)/.test(key));
    for (const key of docketNames) expect(DOCKET_ENV_NAMES, key).toContain(key);
    expect(docketNames.sort()).toEqual(Object.keys(EXPECTED[name]).sort());
    expect(variables[ENV.stage]).toBe(stageName);
  });

  it.each(FUNCTIONS)("grants %s the access each of its variables implies, on that resource", (name) => {
    const { template, stack } = s();
    const variables = (
      props(template, logicalId(fnOf(stack, name).lambda)).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    const statements = statementsOf(s(), name).filter((st) => st.Effect === "Allow");
    for (const [variable, grants] of Object.entries(EXPECTED[name])) {
      const target = referencedId(variables[variable]);
      for (const grant of grants ?? []) {
        for (const action of grant.actions) {
          const granting = statements.filter(
            (st) =>
              asArray(st.Action).includes(action) && target !== undefined && mentionedIds(st.Resource).has(target),
          );
          expect(granting, `${variable} → ${action}`).not.toHaveLength(0);
          if (grant.onObjects) {
            // Only the key prefixes the function uses: e.g. the parser cannot overwrite the bodies the API serves.
            expect(
              objectPatterns(granting.flatMap((g) => asArray(g.Resource))),
              `${variable} → ${action} on objects`,
            ).toEqual([...grant.onObjects].sort());
          }
        }
      }
    }
  });

  it("tells the query function the stage's CORS origins", () => {
    const { template, stack, stage } = s();
    const variables = (props(template, logicalId(stack.queryApi.lambda)).Environment as { Variables: object })
      .Variables as Record<string, unknown>;
    expect(JSON.parse(String(variables[ENV.corsAllowOrigins]))).toEqual(stage.api.corsAllowOrigins);
  });

  it.each([
    ["queryApi", ["dynamodb:GetItem", "dynamodb:Query"]],
    [
      "storeRecord",
      [
        "dynamodb:BatchGetItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:UpdateItem",
      ],
    ],
    ["parsePage", []],
  ] as const)("lets %s make exactly the table calls it makes: no Scan, no stream reads", (name, expected) => {
    const { stack } = s();
    const tableId = logicalId(stack.records.table);
    const statements = statementsOf(s(), name).filter((st) =>
      asArray(st.Action).some((a) => a.startsWith("dynamodb:")),
    );
    expect(statements.flatMap((st) => asArray(st.Action)).sort()).toEqual([...expected]);
    // On the table itself: it has no secondary index, so no `/index/*` either.
    for (const st of statements) expect(st.Resource).toEqual({ "Fn::GetAtt": [tableId, "Arn"] });
  });

  // A read denied with 403 is confirmed gone by listing the key (shared/aws/object-gone.ts): keys
  // for key reads, versions for parse-page's versioned page reads. Listing carries s3:prefix, so
  // nothing outside the prefixes read is listable.
  it.each([
    ["parsePage", "rawPages", ["s3:ListBucket", "s3:ListBucketVersions"], [`${RAW_PREFIX}*`]],
    [
      "storeRecord",
      "artifacts",
      ["s3:ListBucket"],
      [`${ARTIFACT_PREFIXES.claimChecks}*`, `${ARTIFACT_PREFIXES.recordBodies}*`],
    ],
    ["queryApi", "artifacts", ["s3:ListBucket"], [`${ARTIFACT_PREFIXES.recordBodies}*`]],
    ["web", "artifacts", ["s3:ListBucket"], [`${ARTIFACT_PREFIXES.recordBodies}*`]],
  ] as const)("lets %s list the %s bucket (%j) only under the prefixes it reads", (name, bucket, actions, prefixes) => {
    const { stack } = s();
    const bucketId = logicalId(stack[bucket].bucket);
    const lists = statementsOf(s(), name).filter((st) => asArray(st.Action).some((a) => a.startsWith("s3:List")));
    // Each listing statement is on the bucket and conditioned on the prefixes, never unconditioned.
    for (const st of lists) {
      expect(st).toMatchObject({
        Effect: "Allow",
        Resource: { "Fn::GetAtt": [bucketId, "Arn"] },
        Condition: { StringLike: { "s3:prefix": [...prefixes] } },
      });
      expect(Object.keys(st.Condition ?? {})).toEqual(["StringLike"]);
    }
    expect(lists.flatMap((st) => asArray(st.Action)).sort()).toEqual([...actions]);
  });

  it("lets store-record send to the page-events queue only, to re-parse a page whose claim check expired", () => {
    const { stack } = s();
    const sends = statementsOf(s(), "storeRecord").filter((st) =>
      asArray(st.Action).some((a) => a.startsWith("sqs:Send")),
    );
    expect(sends).toEqual([
      {
        Effect: "Allow",
        Action: "sqs:SendMessage",
        Resource: { "Fn::GetAtt": [logicalId(stack.queues.pageEvents.queue), "Arn"] },
      },
    ]);
  });

  it("tells parse-page the stage's page size limit", () => {
    const { template, stack, stage } = s();
    const variables = (
      props(template, logicalId(stack.parsePage.lambda)).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(variables[ENV.maxPageBytes]).toBe(String(stage.maxPageBytes));
  });

  it("lets store-record delete only superseded record bodies, and no one else delete anything", () => {
    const { stack } = s();
    // Policy minimization may merge the delete into the put statement on the same prefix; compare the delete part.
    const deletes = (name: FunctionName) =>
      statementsOf(s(), name)
        .filter((st) => asArray(st.Action).some((a) => a.startsWith("s3:Delete")))
        .map((st) => ({
          Effect: st.Effect,
          Action: asArray(st.Action).filter((a) => a.startsWith("s3:Delete")),
          Resource: st.Resource,
        }));
    expect(deletes("storeRecord")).toEqual([
      {
        Effect: "Allow",
        Action: ["s3:DeleteObject"],
        Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [logicalId(stack.artifacts.bucket), "Arn"] }, "/records/*"]] },
      },
    ]);
    expect(deletes("parsePage")).toEqual([]);
    expect(deletes("queryApi")).toEqual([]);
  });

  it("never lets a function write to or delete raw pages", () => {
    const { stack } = s();
    const rawBucketId = logicalId(stack.rawPages.bucket);
    for (const name of FUNCTIONS) {
      const writes = statementsOf(s(), name).filter(
        (st) =>
          mentionedIds(st.Resource).has(rawBucketId) &&
          asArray(st.Action).some((a) => /^s3:(Put|Delete|Abort|Replicate|Restore)/.test(a)),
      );
      expect(writes, name).toEqual([]);
    }
  });

  it.each(FUNCTIONS)("gives %s no wildcard action and Resource * only for X-Ray", (name) => {
    const statements = statementsOf(s(), name);
    for (const st of statements) {
      for (const action of asArray(st.Action)) {
        expect(action).not.toBe("*");
        expect(action).not.toMatch(/:\*$/);
        expect(action, "forbidden for this function").not.toMatch(FORBIDDEN[name]);
      }
      if (asArray(st.Resource).includes("*")) {
        expect(asArray(st.Action).sort()).toEqual(["xray:PutTelemetryRecords", "xray:PutTraceSegments"]);
      }
    }
  });

  it.each(FUNCTIONS)("lets %s write only to its own log group, with no managed policy", (name) => {
    const { template, stack } = s();
    const fn = fnOf(stack, name);
    const role = props(template, logicalId(fn.role));
    expect(role.ManagedPolicyArns).toBeUndefined();
    const logStatements = statementsOf(s(), name).filter((st) => asArray(st.Action).some((a) => a.startsWith("logs:")));
    expect(logStatements).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: { "Fn::GetAtt": [logicalId(fn.logGroup), "Arn"] },
      },
    ]);
  });
});
