import { APIGatewayClient, GetApiKeyCommand } from "@aws-sdk/client-api-gateway";
import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from "@aws-sdk/client-cloudformation";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveTarget, TargetNotFoundError } from "../../../infra/cli/pipeline-target";
import { STACK_OUTPUTS } from "../../../infra/stack/stack-outputs";

const cloudFormation = mockClient(CloudFormationClient);
const apiGateway = mockClient(APIGatewayClient);

/** The outputs a deployed Docket-dev stack returns from DescribeStacks (names from infra/stack/stack-outputs.ts). */
const OUTPUTS: Record<string, string> = {
  [STACK_OUTPUTS.rawBucketName]: "docket-dev-rawpagesbucket-1a2b3c",
  [STACK_OUTPUTS.artifactsBucketName]: "docket-dev-artifactsbucket-4d5e6f",
  [STACK_OUTPUTS.pageEventsQueueUrl]: "https://sqs.ap-east-1.amazonaws.com/111122223333/Docket-dev-PageEvents",
  [STACK_OUTPUTS.pageEventsDlqUrl]: "https://sqs.ap-east-1.amazonaws.com/111122223333/Docket-dev-PageEventsDlq",
  [STACK_OUTPUTS.recordsQueueUrl]: "https://sqs.ap-east-1.amazonaws.com/111122223333/Docket-dev-Records",
  [STACK_OUTPUTS.recordsDlqUrl]: "https://sqs.ap-east-1.amazonaws.com/111122223333/Docket-dev-RecordsDlq",
  [STACK_OUTPUTS.tableName]: "Docket-dev-RecordsTable-XYZ",
  [STACK_OUTPUTS.ingestTopicArn]: "arn:aws:sns:ap-east-1:111122223333:Docket-dev-IngestEvents",
  [STACK_OUTPUTS.apiUrl]: "https://abc123.execute-api.ap-east-1.amazonaws.com/dev/",
  [STACK_OUTPUTS.apiKeyId]: "k3y1d",
  [STACK_OUTPUTS.region]: "ap-east-1",
};

function deployedStack(outputs: Record<string, string> = OUTPUTS) {
  cloudFormation.on(DescribeStacksCommand, { StackName: "Docket-dev" }).resolves({
    Stacks: [
      {
        StackName: "Docket-dev",
        StackStatus: "UPDATE_COMPLETE",
        CreationTime: new Date("2026-11-01T00:00:00Z"),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
}

beforeEach(() => {
  cloudFormation.reset();
  apiGateway.reset();
});
afterEach(() => {
  cloudFormation.reset();
  apiGateway.reset();
});

describe("docket … --stage NAME", () => {
  it("reads every endpoint from the Docket-<stage> stack's outputs", async () => {
    deployedStack();
    const target = await resolveTarget({ stage: "dev" });

    expect(target.label).toBe("stage dev (Docket-dev, ap-east-1)");
    expect(target.apiUrl).toBe("https://abc123.execute-api.ap-east-1.amazonaws.com/dev");
    expect(target.resources).toEqual({
      region: "ap-east-1",
      rawBucketName: OUTPUTS.RawBucketName,
      artifactsBucketName: OUTPUTS.ArtifactsBucketName,
      pageEventsQueueUrl: OUTPUTS.PageEventsQueueUrl,
      pageEventsDlqUrl: OUTPUTS.PageEventsDlqUrl,
      recordsQueueUrl: OUTPUTS.RecordsQueueUrl,
      recordsDlqUrl: OUTPUTS.RecordsDlqUrl,
      tableName: OUTPUTS.TableName,
      ingestTopicArn: OUTPUTS.IngestTopicArn,
    });
    expect(target.apiKey).toBeUndefined();
    expect(apiGateway.calls()).toHaveLength(0);
    // The clients talk to the stack's region, not whatever the caller's profile defaults to.
    expect(await target.clients.s3.config.region()).toBe("ap-east-1");
    expect(await target.clients.sqs.config.region()).toBe("ap-east-1");
    expect(await target.clients.sns.config.region()).toBe("ap-east-1");
  });

  it("fetches the API key's value by the ApiKeyId output when the command calls the API", async () => {
    deployedStack();
    apiGateway.on(GetApiKeyCommand, { apiKey: "k3y1d", includeValue: true }).resolves({ id: "k3y1d", value: "s3cret" });

    const target = await resolveTarget({ stage: "dev", withApiKey: true });

    expect(target.apiKey).toBe("s3cret");
    expect(await apiGateway.call(0).thisValue.config.region()).toBe("ap-east-1");
  });

  it("says which stack it could not read, with CloudFormation's reason", async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: "ValidationError",
        $fault: "client",
        $metadata: { httpStatusCode: 400 },
        message: "Stack with id Docket-qa does not exist",
      }),
    );
    const error = await resolveTarget({ stage: "qa" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetNotFoundError);
    expect((error as Error).message).toBe("cannot read stack Docket-qa: Stack with id Docket-qa does not exist");
  });

  it("names the missing output of a stack deployed from an older version", async () => {
    const { [STACK_OUTPUTS.recordsDlqUrl]: _gone, ...older } = OUTPUTS;
    deployedStack(older);
    await expect(resolveTarget({ stage: "dev" })).rejects.toThrow(
      new TargetNotFoundError("stack Docket-dev has no output RecordsDlqUrl; is it deployed from this version?"),
    );
  });
});
