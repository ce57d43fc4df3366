import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ENV, requireEnv } from "../config/env";

/** Yields the key that signs cursors. */
export type CursorKeySource = () => Promise<string>;

/**
 * The cursor key from CURSOR_KEY when set (local runtime, tests), else the
 * SecretString of the secret at CURSOR_KEY_SECRET_ARN, fetched on first use
 * and kept for the container's life: one Secrets Manager call per cold start,
 * none per request. A failed fetch is not cached, so the next request retries.
 * Rotating the secret invalidates outstanding cursors once containers
 * recycle (callers get a 400 and start again).
 */
export function cursorKeyFromEnvironment(
  secrets: () => SecretsManagerClient,
  env: NodeJS.ProcessEnv = process.env,
): CursorKeySource {
  const local = env[ENV.cursorKey];
  if (local !== undefined && local !== "") return () => Promise.resolve(local);

  let cached: Promise<string> | undefined;
  return () => {
    cached ??= (async () => fetchKey(secrets(), requireEnv(ENV.cursorKeySecretArn, env)))().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

async function fetchKey(client: SecretsManagerClient, secretArn: string): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!SecretString) throw new Error(`secret ${secretArn} has no SecretString to sign cursors with`);
  return SecretString;
}
