import { describe, expect, it } from "vitest";
import { s3Client, snsClient, sqsClient } from "../../../shared/aws/clients";

const env = { AWS_REGION: "eu-west-1" };

describe("the functions' S3, SQS and SNS clients", () => {
  it.each([
    ["S3", () => s3Client(env)],
    ["SQS", () => sqsClient(env)],
    ["SNS", () => snsClient(env)],
  ])("%s resolves each command's middleware chain once, not on every send (cacheMiddleware)", (_name, make) => {
    expect(make().config.cacheMiddleware).toBe(true);
  });

  it("take the region from the environment", async () => {
    expect(await s3Client(env).config.region()).toBe("eu-west-1");
  });
});
