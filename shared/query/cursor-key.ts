import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { ENV, requireEnv } from "../config/env";
import type { CursorKeys } from "./cursor";

/** Yields the keys that sign and verify cursors. */
export type CursorKeySource = () => Promise<CursorKeys>;

/** How long a container keeps the keys before it reads the secret again, so a rotation reaches every container. */
export const CURSOR_KEY_REFRESH_MS = 10 * 60 * 1000;

/**
 * The cursor key from CURSOR_KEY when set (local runtime, tests), else the
 * secret at CURSOR_KEY_SECRET_ARN: its AWSCURRENT version signs, and its
 * AWSPREVIOUS version (when there is one) still verifies, so rotating the
 * secret (`aws secretsmanager put-secret-value`) breaks no cursor that is in
 * use. Fetched on first use and every CURSOR_KEY_REFRESH_MS after: two
 * Secrets Manager calls per container per interval, none per request. A
 * failed fetch is not cached, so the next request retries.
 */
export function cursorKeyFromEnvironment(
  secrets: () => SecretsManagerClient,
  env: NodeJS.ProcessEnv = process.env,
): CursorKeySource {
  const local = env[ENV.cursorKey];
  if (local !== undefined && local !== "") return () => Promise.resolve(local);

  let cached: { keys: Promise<CursorKeys>; fetchedAt: number } | undefined;
  return () => {
    if (!cached || Date.now() - cached.fetchedAt >= CURSOR_KEY_REFRESH_MS) {
      const keys = (async () => fetchKeys(secrets(), requireEnv(ENV.cursorKeySecretArn, env)))();
      const entry = { keys, fetchedAt: Date.now() };
      entry.keys.catch(() => {
        if (cached === entry) cached = undefined;
      });
      cached = entry;
    }
    return cached.keys;
  };
}

async function fetchKeys(client: SecretsManagerClient, secretArn: string): Promise<CursorKeys> {
  const [current, previous] = await Promise.all([
    fetchVersion(client, secretArn, "AWSCURRENT"),
    fetchVersion(client, secretArn, "AWSPREVIOUS"),
  ]);
  if (!current) throw new Error(`secret ${secretArn} has no SecretString to sign cursors with`);
  return previous ? { current, previous } : { current };
}

/** A version's SecretString; undefined when the secret has no such version (AWSPREVIOUS before the first rotation). */
async function fetchVersion(client: SecretsManagerClient, secretArn: string, stage: string) {
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn, VersionStage: stage }));
    return SecretString;
  } catch (error) {
    if (stage !== "AWSCURRENT" && error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
