import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MissingEnvironmentError } from "../../../shared/config/env";
import { CURSOR_KEY_REFRESH_MS, cursorKeyFromEnvironment } from "../../../shared/query/cursor-key";

const ARN = "arn:aws:secretsmanager:ap-east-1:123456789012:secret:docket-cursor-key";

function secrets() {
  const client = new SecretsManagerClient({ region: "ap-east-1" });
  return { client, mock: mockClient(client) };
}

const noPreviousVersion = new ResourceNotFoundException({
  message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
  $metadata: {},
});

afterEach(() => vi.useRealTimers());

describe("cursorKeyFromEnvironment", () => {
  it("uses CURSOR_KEY when set, without calling Secrets Manager", async () => {
    const { client, mock } = secrets();
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY: "local-key", CURSOR_KEY_SECRET_ARN: ARN });
    expect(await key()).toBe("local-key");
    expect(mock.calls()).toHaveLength(0);
  });

  it("signs with the current version and verifies with the previous one too, so the secret can rotate", async () => {
    const { client, mock } = secrets();
    mock.on(GetSecretValueCommand, { SecretId: ARN, VersionStage: "AWSCURRENT" }).resolves({ SecretString: "new-key" });
    mock
      .on(GetSecretValueCommand, { SecretId: ARN, VersionStage: "AWSPREVIOUS" })
      .resolves({ SecretString: "old-key" });
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN });
    expect(await key()).toEqual({ current: "new-key", previous: "old-key" });
  });

  it("has no previous key before the first rotation", async () => {
    const { client, mock } = secrets();
    mock.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" }).resolves({ SecretString: "cloud-key" });
    mock.on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" }).rejects(noPreviousVersion);
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN });
    expect(await key()).toEqual({ current: "cloud-key" });
  });

  it("fetches the secret once per refresh interval, so a rotation reaches running containers", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { client, mock } = secrets();
    mock
      .on(GetSecretValueCommand, { SecretId: ARN, VersionStage: "AWSCURRENT" })
      .resolvesOnce({ SecretString: "cloud-key" })
      .resolves({ SecretString: "rotated-key" });
    mock.on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" }).rejects(noPreviousVersion);
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN });
    expect(await key()).toEqual({ current: "cloud-key" });
    vi.advanceTimersByTime(CURSOR_KEY_REFRESH_MS - 1);
    expect(await key()).toEqual({ current: "cloud-key" });
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(await key()).toEqual({ current: "rotated-key" });
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(4);
  });

  it("tries again after a failed fetch instead of caching the failure", async () => {
    const { client, mock } = secrets();
    mock
      .on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" })
      .rejectsOnce(new Error("network"))
      .resolves({ SecretString: "cloud-key" });
    mock.on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" }).rejects(noPreviousVersion);
    const key = cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN });
    await expect(key()).rejects.toThrow("network");
    expect(await key()).toEqual({ current: "cloud-key" });
  });

  it("fails when the previous version cannot be read for another reason (not silently unverifiable cursors)", async () => {
    const { client, mock } = secrets();
    mock.on(GetSecretValueCommand, { VersionStage: "AWSCURRENT" }).resolves({ SecretString: "cloud-key" });
    mock.on(GetSecretValueCommand, { VersionStage: "AWSPREVIOUS" }).rejects(new Error("AccessDenied"));
    await expect(cursorKeyFromEnvironment(() => client, { CURSOR_KEY_SECRET_ARN: ARN })()).rejects.toThrow(
      "AccessDenied",
    );
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
