/**
 * Every environment variable a Lambda reads, named once. The CDK stack sets
 * exactly these names (with the matching grants) and the local runtime does
 * the same, so names cannot drift between cloud, local and code.
 */
export const ENV = {
  stage: "DOCKET_STAGE",
  rawBucket: "RAW_BUCKET_NAME",
  artifactsBucket: "ARTIFACTS_BUCKET_NAME",
  recordsQueueUrl: "RECORDS_QUEUE_URL",
  /** store-record queues a page for re-parsing here when its record's claim check has expired. */
  pageEventsQueueUrl: "PAGE_EVENTS_QUEUE_URL",
  tableName: "TABLE_NAME",
  ingestTopicArn: "INGEST_TOPIC_ARN",
  maxPageBytes: "MAX_PAGE_BYTES",
  /** ARN of the secret whose value signs API cursors (cloud). */
  cursorKeySecretArn: "CURSOR_KEY_SECRET_ARN",
  /** The cursor-signing key itself (local runtime and tests only). */
  cursorKey: "CURSOR_KEY",
  /** JSON array of the origins browsers may call the API from; unset (local) allows any. */
  corsAllowOrigins: "CORS_ALLOW_ORIGINS",
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

export class MissingEnvironmentError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = "MissingEnvironmentError";
  }
}

/** Reads a required variable, failing with its name when it is missing or empty. */
export function requireEnv(name: EnvName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value === "") throw new MissingEnvironmentError(name);
  return value;
}

/** Reads an optional variable, with a default. */
export function optionalEnv(name: EnvName, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  return value === undefined || value === "" ? fallback : value;
}
