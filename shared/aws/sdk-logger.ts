import type { S3ClientConfig } from "@aws-sdk/client-s3";

/** The one Logger type every SDK v3 client takes. */
type SdkLogger = NonNullable<S3ClientConfig["logger"]>;

/**
 * The SDK clients' logger: silent, as the SDK's default, but without `info`.
 * The SDK's logger middleware calls `logger?.info?.({ input, output })` after
 * every request, and builds those arguments (a copy of the request and the
 * response walked against the schema to hide sensitive fields) even when the
 * default no-op logger then drops them: a few per cent of each call's CPU,
 * more for a large DynamoDB item. Without `info` the optional call skips the
 * arguments. Every other level the SDK calls is kept (some call them without
 * `?.`), and failures still reach the caller as errors, as before.
 */
export const SDK_LOGGER = {
  trace: () => undefined,
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as SdkLogger;
