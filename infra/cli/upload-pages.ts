import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { RAW_PREFIX } from "../../shared/config/resources";
import { SOURCE_URL_METADATA } from "../../shared/ingest/read-page";
import { contentTypeFor } from "./content-type";

/**
 * Uploads pages to the raw bucket, where each one starts the pipeline. Keys
 * are `raw/<name>` for a file and `raw/<dir>/<path inside dir>` for the files
 * of a directory (recursively; hidden files skipped), so a directory keeps
 * its layout and two directories do not collide.
 */
export interface PageUpload {
  path: string;
  key: string;
}

export async function planUploads(paths: string[], prefix = RAW_PREFIX): Promise<PageUpload[]> {
  const uploads: PageUpload[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const info = await stat(absolute);
    if (info.isDirectory()) {
      const parent = resolve(absolute, "..");
      for (const file of await listFiles(absolute)) {
        uploads.push({ path: file, key: `${prefix}${toKey(relative(parent, file))}` });
      }
    } else {
      uploads.push({ path: absolute, key: `${prefix}${basename(absolute)}` });
    }
  }
  return uploads;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function toKey(relativePath: string): string {
  return relativePath.split(sep).join("/");
}

export interface UploadOptions {
  s3: S3Client;
  bucket: string;
  concurrency?: number;
  /** The page's original web address (x-amz-meta-source-url); for a single page. */
  sourceUrl?: string;
  onProgress?: (done: number, total: number, bytes: number) => void;
}

export interface UploadSummary {
  uploaded: number;
  failed: { upload: PageUpload; error: string }[];
  bytes: number;
  elapsedMs: number;
}

export async function uploadPages(uploads: PageUpload[], options: UploadOptions): Promise<UploadSummary> {
  if (options.sourceUrl && uploads.length !== 1) {
    throw new Error(`--source-url names one page, but ${uploads.length} files were given`);
  }
  const started = Date.now();
  const summary: UploadSummary = { uploaded: 0, failed: [], bytes: 0, elapsedMs: 0 };
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < uploads.length; index = next++) {
      const upload = uploads[index] as PageUpload;
      try {
        const body = await readFile(upload.path);
        await options.s3.send(
          new PutObjectCommand({
            Bucket: options.bucket,
            Key: upload.key,
            Body: body,
            ContentType: contentTypeFor(upload.path),
            ...(options.sourceUrl ? { Metadata: { [SOURCE_URL_METADATA]: options.sourceUrl } } : {}),
          }),
        );
        summary.uploaded++;
        summary.bytes += body.byteLength;
      } catch (error) {
        summary.failed.push({ upload, error: error instanceof Error ? error.message : String(error) });
      }
      options.onProgress?.(summary.uploaded + summary.failed.length, uploads.length, summary.bytes);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 16, uploads.length));
  await Promise.all(Array.from({ length: workers }, worker));
  summary.elapsedMs = Date.now() - started;
  return summary;
}
