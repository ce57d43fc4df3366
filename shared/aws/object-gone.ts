import {
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { isS3AccessDenied, isS3NotFound } from "./aws-errors";

/** The object (or, with versionId, the object version) a read asked for. */
export interface ObjectLocation {
  bucket: string;
  key: string;
  versionId?: string | null;
}

/**
 * S3 refused a read of an object that is there: a permission problem (IAM,
 * bucket policy, KMS key), never a missing object. Thrown so the message is
 * retried and ends in a DLQ, with a message that says which.
 */
export class S3ReadDeniedError extends Error {
  constructor(location: ObjectLocation, options: { cause: unknown }) {
    super(
      `S3 denied reading ${describe(location)}, which exists: a permission problem (IAM, bucket policy or KMS), not a gone object`,
      options,
    );
    this.name = "S3ReadDeniedError";
  }
}

/**
 * Whether a failed GetObject means the object (or the version) is gone.
 *
 * S3 answers a read of a missing key with 404 only to a caller allowed
 * s3:ListBucket on the bucket, and with 403 AccessDenied otherwise
 * (API_GetObject, "Permissions"). The functions are allowed to list only
 * under their prefixes (an s3:prefix condition), a key a GetObject does not
 * carry, so a 403 is possible for a gone object. It is confirmed by listing
 * the key, a request that does carry s3:prefix: absent → gone (true); present
 * → S3ReadDeniedError. Any other error is not "gone" (false: the caller
 * rethrows it). A listing that fails throws, with the read's error as cause.
 */
export async function isObjectGone(s3: S3Client, error: unknown, location: ObjectLocation): Promise<boolean> {
  if (isS3NotFound(error)) return true;
  if (!isS3AccessDenied(error)) return false;
  let exists: boolean;
  try {
    exists = location.versionId
      ? await versionIsListed(s3, location.bucket, location.key, location.versionId)
      : await keyIsListed(s3, location.bucket, location.key);
  } catch (listError) {
    throw new Error(
      `S3 denied reading ${describe(location)}, and listing it to tell a gone object from a permission problem failed too: ${String(listError)}`,
      { cause: error },
    );
  }
  if (exists) throw new S3ReadDeniedError(location, { cause: error });
  return true;
}

// A key sorts before every longer key it is a prefix of, so listing with the
// key as prefix returns the key itself (all its versions) first.

async function keyIsListed(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  const page: ListObjectsV2CommandOutput = await s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }),
  );
  return page.Contents?.[0]?.Key === key;
}

async function versionIsListed(s3: S3Client, bucket: string, key: string, versionId: string): Promise<boolean> {
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page: ListObjectVersionsCommandOutput = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        Prefix: key,
        ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
      }),
    );
    const entries = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
    if (page.Versions?.some((version) => version.Key === key && version.VersionId === versionId)) return true;
    // Past the key's own versions (a longer key, or no more pages): the version is not there.
    if (entries.some((entry) => entry.Key !== key) || !page.IsTruncated) return false;
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
    if (keyMarker === undefined) return false;
  }
}

function describe(location: ObjectLocation): string {
  const uri = `s3://${location.bucket}/${location.key}`;
  return location.versionId ? `${uri} (version ${location.versionId})` : uri;
}
