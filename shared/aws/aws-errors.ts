/** Error classification for AWS SDK v3 errors, by name and status so it works with emulators too. */

interface SdkErrorLike {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

function asSdkError(error: unknown): SdkErrorLike {
  return typeof error === "object" && error !== null ? (error as SdkErrorLike) : {};
}

/** The object (or the version) is gone: retrying cannot help. */
export function isS3NotFound(error: unknown): boolean {
  const { name, $metadata } = asSdkError(error);
  return name === "NoSuchKey" || name === "NoSuchVersion" || name === "NotFound" || $metadata?.httpStatusCode === 404;
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return asSdkError(error).name === "ConditionalCheckFailedException";
}
