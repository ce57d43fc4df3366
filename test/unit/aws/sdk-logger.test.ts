import { Readable } from "node:stream";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { SDK_LOGGER } from "../../../shared/aws/sdk-logger";

/** A DynamoDB client answered by a canned HTTP response, counting the log copies the SDK builds. */
async function logCopiesPerCall(logger?: typeof SDK_LOGGER): Promise<number> {
  const client = new DynamoDBClient({
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    ...(logger ? { logger } : {}),
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode: 200,
          headers: { "content-type": "application/x-amz-json-1.0" },
          body: Readable.from([Buffer.from(JSON.stringify({ Item: { pk: { S: "a" } } }))]),
        },
      }),
    },
  });
  let copies = 0;
  client.middlewareStack.add(
    (next, context) => (args) => {
      const filter = context.outputFilterSensitiveLog;
      context.outputFilterSensitiveLog = (output: unknown) => {
        copies++;
        return filter(output);
      };
      return next(args);
    },
    { step: "initialize", name: "countLogCopies" },
  );
  await client.send(new GetItemCommand({ TableName: "t", Key: { pk: { S: "a" } } }));
  return copies;
}

describe("the SDK clients' logger", () => {
  it("makes the SDK skip the filtered copy of each response it builds for logger.info", async () => {
    // The premise: with the SDK's default (no-op) logger the copy is built anyway.
    expect(await logCopiesPerCall()).toBe(1);
    expect(await logCopiesPerCall(SDK_LOGGER)).toBe(0);
  });

  it("keeps every level the SDK calls without optional chaining", () => {
    for (const level of ["trace", "debug", "warn", "error"] as const) expect(SDK_LOGGER[level]).toBeTypeOf("function");
    expect((SDK_LOGGER as { info?: unknown }).info).toBeUndefined();
  });
});
