import { NoSuchKey, S3ServiceException } from "@aws-sdk/client-s3";

/**
 * S3's answer to a read of a missing key by a caller not allowed to list the
 * bucket (and to a read it may not make at all): 403 AccessDenied, as the
 * SDK raises it.
 */
export function accessDenied(): S3ServiceException {
  return new S3ServiceException({
    name: "AccessDenied",
    $fault: "client",
    message: "Access Denied",
    $metadata: { httpStatusCode: 403 },
  });
}

/** S3's answer to a read of a missing key by a caller allowed to list the bucket. */
export function noSuchKey(): NoSuchKey {
  return new NoSuchKey({ message: "The specified key does not exist.", $metadata: { httpStatusCode: 404 } });
}
