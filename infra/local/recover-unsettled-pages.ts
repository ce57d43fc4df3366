import { paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import type { SettledPages } from "./settled-pages";

/**
 * After a restart on kept data: every raw page that has no record and no
 * rejection since it was last written (settled-pages.ts) gets its S3 event
 * queued again, since the queue that held it was lost with the process.
 * Returns how many.
 */
export async function recoverUnsettledPages(options: {
  s3: S3Client;
  bucket: string;
  prefix: string;
  ledger: SettledPages;
  /** Queues the object's S3 event (the emulator thread's notifier: raw-object-notifier.ts). */
  announceStored: (object: { key: string; size: number; eTag: string; lastModified: Date }) => Promise<void>;
}): Promise<number> {
  let recovered = 0;
  const pages = paginateListObjectsV2({ client: options.s3 }, { Bucket: options.bucket, Prefix: options.prefix });
  for await (const page of pages) {
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? "";
      const lastModified = object.LastModified ?? new Date();
      const eTag = (object.ETag ?? "").replaceAll('"', "");
      if (key === "" || options.ledger.isSettled(`s3://${options.bucket}/${key}`, lastModified, eTag)) continue;
      await options.announceStored({ key, size: object.Size ?? 0, eTag, lastModified });
      recovered++;
    }
  }
  return recovered;
}
