import { APIGatewayClient, GetApiKeyCommand } from "@aws-sdk/client-api-gateway";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SDK_LOGGER } from "../../shared/aws/sdk-logger";
import { isStateLive, LOCAL_CREDENTIALS, readLocalState } from "../../shared/config/local-state-file";
import type { PipelineResources } from "../../shared/config/pipeline-resources";
import { STACK_OUTPUTS, stackName } from "../stack/stack-outputs";

/**
 * What a command acts on: the running local pipeline (found through
 * .docket/local.json, no flags needed) or a deployed stage (`--stage NAME`,
 * read from the Docket-<stage> stack's outputs with the caller's AWS
 * credentials).
 */
export interface PipelineTarget {
  /** For messages: "local pipeline" or "stage dev (Docket-dev, eu-west-1)". */
  label: string;
  resources: PipelineResources;
  apiUrl: string;
  /** The API key value (deployed stages only). */
  apiKey?: string;
  clients: { s3: S3Client; sqs: SQSClient; sns: SNSClient };
}

export class TargetNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetNotFoundError";
  }
}

export interface TargetOptions {
  stage?: string;
  /** Local state file; the default is .docket/local.json in the repository. */
  stateFile?: string;
  /** Fetch the API key (only commands calling the API need it). */
  withApiKey?: boolean;
}

export async function resolveTarget(options: TargetOptions = {}): Promise<PipelineTarget> {
  return options.stage ? stageTarget(options.stage, options.withApiKey ?? false) : localTarget(options.stateFile);
}

async function localTarget(stateFile?: string): Promise<PipelineTarget> {
  const state = await readLocalState(stateFile);
  if (!state || !isStateLive(state)) {
    throw new TargetNotFoundError("no local pipeline is running: start one with `npm start`, or pass --stage NAME");
  }
  const config = {
    region: state.resources.region,
    endpoint: state.awsEndpoint,
    credentials: LOCAL_CREDENTIALS,
    logger: SDK_LOGGER,
    // An upload of thousands of pages sends the same commands over and over: resolve each one's middleware once.
    cacheMiddleware: true,
  };
  return {
    label: `local pipeline (${state.awsEndpoint})`,
    resources: state.resources,
    apiUrl: state.apiUrl,
    clients: {
      s3: new S3Client({ ...config, forcePathStyle: true }),
      sqs: new SQSClient(config),
      sns: new SNSClient(config),
    },
  };
}

async function stageTarget(stage: string, withApiKey: boolean): Promise<PipelineTarget> {
  const name = stackName(stage);
  const cloudFormation = new CloudFormationClient({});
  let outputs: Map<string, string>;
  try {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: name }));
    outputs = new Map((Stacks[0]?.Outputs ?? []).map((output) => [output.OutputKey ?? "", output.OutputValue ?? ""]));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TargetNotFoundError(`cannot read stack ${name}: ${message}`);
  }
  const output = (key: string) => {
    const value = outputs.get(key);
    if (!value) throw new TargetNotFoundError(`stack ${name} has no output ${key}; is it deployed from this version?`);
    return value;
  };
  const region = output(STACK_OUTPUTS.region);
  const resources: PipelineResources = {
    region,
    rawBucketName: output(STACK_OUTPUTS.rawBucketName),
    artifactsBucketName: output(STACK_OUTPUTS.artifactsBucketName),
    pageEventsQueueUrl: output(STACK_OUTPUTS.pageEventsQueueUrl),
    pageEventsDlqUrl: output(STACK_OUTPUTS.pageEventsDlqUrl),
    recordsQueueUrl: output(STACK_OUTPUTS.recordsQueueUrl),
    recordsDlqUrl: output(STACK_OUTPUTS.recordsDlqUrl),
    tableName: output(STACK_OUTPUTS.tableName),
    ingestTopicArn: output(STACK_OUTPUTS.ingestTopicArn),
  };
  let apiKey: string | undefined;
  if (withApiKey) {
    const key = await new APIGatewayClient({ region }).send(
      new GetApiKeyCommand({ apiKey: output(STACK_OUTPUTS.apiKeyId), includeValue: true }),
    );
    apiKey = key.value;
  }
  return {
    label: `stage ${stage} (${name}, ${region})`,
    resources,
    apiUrl: output(STACK_OUTPUTS.apiUrl).replace(/\/+$/, ""),
    ...(apiKey ? { apiKey } : {}),
    clients: {
      s3: new S3Client({ region, logger: SDK_LOGGER, cacheMiddleware: true }),
      sqs: new SQSClient({ region, logger: SDK_LOGGER, cacheMiddleware: true }),
      sns: new SNSClient({ region, logger: SDK_LOGGER, cacheMiddleware: true }),
    },
  };
}
