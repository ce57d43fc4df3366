import { S3Client } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultProvider } from "../../../shared/aws/lambda-credentials";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** What Lambda puts in a function's environment for its execution role. */
function stubLambdaCredentials(): void {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEROLE");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "role-secret");
  vi.stubEnv("AWS_SESSION_TOKEN", "role-session-token");
}

describe("the Lambda bundles' credential chain", () => {
  it("gives the execution role's credentials from the environment, session token included", async () => {
    stubLambdaCredentials();
    await expect(defaultProvider()()).resolves.toMatchObject({
      accessKeyId: "ASIAEXAMPLEROLE",
      secretAccessKey: "role-secret",
      sessionToken: "role-session-token",
    });
  });

  it("is what a client resolves when it stands in for the SDK's default chain", async () => {
    stubLambdaCredentials();
    const client = new S3Client({ region: "ap-east-1", credentialDefaultProvider: defaultProvider });
    await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: "ASIAEXAMPLEROLE" });
  });

  it("fails with the SDK's own error when the environment holds no credentials", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "");
    await expect(defaultProvider()()).rejects.toThrow(/Unable to find environment variable credentials/);
  });
});
