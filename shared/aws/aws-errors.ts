/** Error classification for AWS SDK v3 errors, by name and status so it works with emulators too. */

interface SdkErrorLike {
  name?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function asSdkError(error: unknown): SdkErrorLike {
  return typeof error === "object" && error !== null ? (error as SdkErrorLike) : {};
}

/** The object (or the version) is gone: retrying cannot help. */
export function isS3NotFound(error: unknown): boolean {
  const { name, $metadata } = asSdkError(error);
  return name === "NoSuchKey" || name === "NoSuchVersion" || name === "NotFound" || $metadata?.httpStatusCode === 404;
}

/**
 * S3 refused the request (403 AccessDenied). For a read this is also S3's
 * answer for a missing key to a caller not allowed to list the bucket, so
 * it needs confirming before it is called a permission problem (object-gone.ts).
 */
export function isS3AccessDenied(error: unknown): boolean {
  const { name, $metadata } = asSdkError(error);
  // Not every 403: an expired token or a bad signature is no answer about the object.
  return name === "AccessDenied" || (name === "Forbidden" && $metadata?.httpStatusCode === 403);
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return asSdkError(error).name === "ConditionalCheckFailedException";
}

/**
 * The SDK sent the request more than once (its retry strategy retries a
 * timeout or a 5xx). A conditional write that fails its condition after a
 * retry may have been refused by this caller's own earlier attempt, which
 * landed although its answer was lost.
 */
export function wasRetried(error: unknown): boolean {
  return (asSdkError(error).$metadata?.attempts ?? 1) > 1;
}
