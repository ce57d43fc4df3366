import { beforeAll, describe, expect, it } from "vitest";
import { STACK_OUTPUTS, stackName } from "../../infra/stack/stack-outputs";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages } from "./support/synth-stage";
import { logicalId } from "./support/template-queries";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  stages = synthAllStages();
});

describe.each(STAGE_NAMES)("stack outputs (%s)", (name) => {
  it("names the stack Docket-<stage>", () => {
    expect(stages[name].stack.stackName).toBe(stackName(name));
    expect(stackName(name)).toBe(`Docket-${name}`);
  });

  it("stays environment-agnostic when the CLI resolved no credentials", () => {
    expect(stages[name].stack.environment).toBe("aws://unknown-account/unknown-region");
  });

  it("publishes every output the CLI reads under its fixed name", () => {
    const outputs = stages[name].template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const outputName of Object.values(STACK_OUTPUTS)) expect(outputs, outputName).toHaveProperty(outputName);
  });

  it("points each output at the resource it names, and the API key output at its id only", () => {
    const { stack, template } = stages[name];
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const ref = (construct: Parameters<typeof logicalId>[0]) => ({ Ref: logicalId(construct) });
    expect(outputs[STACK_OUTPUTS.rawBucketName]?.Value).toEqual(ref(stack.rawPages.bucket));
    expect(outputs[STACK_OUTPUTS.artifactsBucketName]?.Value).toEqual(ref(stack.artifacts.bucket));
    expect(outputs[STACK_OUTPUTS.pageEventsQueueUrl]?.Value).toEqual(ref(stack.queues.pageEvents.queue));
    expect(outputs[STACK_OUTPUTS.pageEventsDlqUrl]?.Value).toEqual(ref(stack.queues.pageEvents.deadLetterQueue));
    expect(outputs[STACK_OUTPUTS.recordsQueueUrl]?.Value).toEqual(ref(stack.queues.records.queue));
    expect(outputs[STACK_OUTPUTS.recordsDlqUrl]?.Value).toEqual(ref(stack.queues.records.deadLetterQueue));
    expect(outputs[STACK_OUTPUTS.tableName]?.Value).toEqual(ref(stack.records.table));
    expect(outputs[STACK_OUTPUTS.ingestTopicArn]?.Value).toEqual(ref(stack.ingestTopic.topic));
    expect(outputs[STACK_OUTPUTS.ingestSubscriptionsDlqUrl]?.Value).toEqual(ref(stack.ingestTopic.deadLetterQueue));
    expect(outputs[STACK_OUTPUTS.apiKeyId]?.Value).toEqual(ref(stack.api.apiKey));
    expect(outputs[STACK_OUTPUTS.region]?.Value).toEqual({ Ref: "AWS::Region" });
    expect(JSON.stringify(outputs[STACK_OUTPUTS.apiUrl]?.Value)).toContain(logicalId(stack.api.api.deploymentStage));
    expect(JSON.stringify(outputs)).not.toMatch(/"Fn::GetAtt":\["[^"]*ApiKey[^"]*","APIKeyValue"/);
  });
});
