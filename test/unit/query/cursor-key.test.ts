import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { MissingEnvironmentError } from "../../../shared/config/env";
import { cursorKeyFromEnvironment } from "../../../shared/query/cursor-key";

const ARN = "arn:aws:secretsmanager:ap-east-1:123456789012:secret:docket-cursor-key";

function secrets() {
  const client = new SecretsManagerClient({ region: "ap-east-1" });
  return { client, mock: mockClient(client) };
}

describe("cursorKeyFromEnvironment", () => {
  it("uses CURSOR_KEY when set, without calling Secrets Manager", async () => {
    const { client, mock } = secrets();
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY: "local-key", CURSOR_KEY_SECRET_ARN: ARN });
    expect(await key()).toBe("local-key");
    expect(mock.calls()).toHaveLength(0);
  });

  it("fetches the secret once and reuses it for later requests", async () => {
    const { client, mock } = secrets();
    mock.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: "cloud-key" });
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN });
    expect(await key()).toBe("cloud-key");
    expect(await key()).toBe("cloud-key");
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it("tries again after a failed fetch instead of caching the failure", async () => {
    const { client, mock } = secrets();
    mock.on(GetSecretValueCommand).rejectsOnce(new Error("network")).resolves({ SecretString: "cloud-key" });
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN });
    await expect(key()).rejects.toThrow("network");
    expect(await key()).toBe("cloud-key");
  });

  it("fails naming CURSOR_KEY_SECRET_ARN when neither variable is set", async () => {
    const { client } = secrets();
    const key = cursorKeyFromEnvironment(() => client, {});
    await expect(key()).rejects.toThrow(MissingEnvironmentError);
    await expect(key()).rejects.toThrow("CURSOR_KEY_SECRET_ARN");
  });

  it("refuses a secret with no string value", async () => {
    const { client, mock } = secrets();
    mock.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN })()).rejects.toThrow(
      "SecretString",
    );
  });
});
