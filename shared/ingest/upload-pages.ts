import { createHash, type Hash } from "node:crypto";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { RAW_PREFIX } from "../config/resources";
import { BadInputError } from "../errors";
import { contentTypeFor } from "./content-type";
import { SOURCE_URL_METADATA } from "./read-page";

/**
 * Uploads pages to the raw bucket, where each one starts the pipeline. Keys
 * are `raw/<name>` for a file and `raw/<dir>/<path inside dir>` for the files
 * of a directory (recursively; hidden files skipped), so a directory keeps
 * its layout and two directories do not collide.
 */
export interface PageUpload {
  path: string;
  key: string;
  /** the page's original web address, from a manifest */
  sourceUrl?: string;
}

/** Extensions of the files a directory upload sends (with files that have none): pages, not notes or data. */
export const PAGE_EXTENSIONS = [".html", ".htm", ".shtml", ".xhtml", ".txt"] as const;

export function isPageFile(path: string): boolean {
  const extension = extname(basename(path)).toLowerCase();
  return extension === "" || (PAGE_EXTENSIONS as readonly string[]).includes(extension);
}

export interface UploadPlan {
  uploads: PageUpload[];
  /** files of directories left out as not pages (see isPageFile) */
  skipped: string[];
}

/**
 * Files named on the command line are always sent. A directory sends its
 * page files only (README.md or expected.json beside the pages are not
 * pages), or every file with `all`.
 */
export async function planUploads(
  paths: string[],
  prefix = RAW_PREFIX,
  options: { all?: boolean } = {},
): Promise<UploadPlan> {
  const plan: UploadPlan = { uploads: [], skipped: [] };
  for (const path of paths) {
    const absolute = resolve(path);
    const info = await stat(absolute);
    if (info.isDirectory()) {
      const parent = resolve(absolute, "..");
      for (const file of await listFiles(absolute)) {
        if (options.all || isPageFile(file)) {
          plan.uploads.push({ path: file, key: `${prefix}${toKey(relative(parent, file))}` });
        } else plan.skipped.push(file);
      }
    } else {
      plan.uploads.push({ path: absolute, key: `${prefix}${basename(absolute)}` });
    }
  }
  return plan;
}

/**
 * A crawler's manifest: one `path<TAB>url` per line (paths relative to the
 * current directory; blank lines and # comments ignored), giving each page
 * its original address so it gets its real identity.
 */
export function parseManifest(text: string, cwd = process.cwd()): Map<string, string> {
  const urls = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const [path, url, ...rest] = line.split("\t");
    if (!path || !url || rest.length > 0) {
      throw new BadInputError(`manifest line ${index + 1}: expected path<TAB>url, got "${line.slice(0, 80)}"`);
    }
    if (!/^https?:\/\/\S+$/i.test(url.trim()) || !URL.canParse(url.trim())) {
      throw new BadInputError(`manifest line ${index + 1}: "${url}" is not an http(s) URL`);
    }
    urls.set(resolve(cwd, path.trim()), url.trim());
  });
  return urls;
}

/** The uploads with their manifest URLs set; returns how many got one. */
export function applyManifest(uploads: PageUpload[], manifest: ReadonlyMap<string, string>): number {
  let matched = 0;
  for (const upload of uploads) {
    const url = manifest.get(upload.path);
    if (url !== undefined) {
      upload.sourceUrl = url;
      matched += 1;
    }
  }
  return matched;
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
  /** Files whose bytes were already sent in this run: each becomes a record marked as a duplicate. */
  repeated: { upload: PageUpload; sameAs: PageUpload }[];
  bytes: number;
  elapsedMs: number;
}

export async function uploadPages(uploads: PageUpload[], options: UploadOptions): Promise<UploadSummary> {
  if (options.sourceUrl && uploads.length !== 1) {
    throw new BadInputError(`--source-url names one page, but ${uploads.length} files were given`);
  }
  const started = Date.now();
  const summary: UploadSummary = { uploaded: 0, failed: [], repeated: [], bytes: 0, elapsedMs: 0 };
  const sentBytes = new Map<string, PageUpload>();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < uploads.length; index = next++) {
      const upload = uploads[index] as PageUpload;
      const sourceUrl = upload.sourceUrl ?? options.sourceUrl;
      try {
        const target = {
          Bucket: options.bucket,
          Key: upload.key,
          ContentType: contentTypeFor(upload.path),
          ...(sourceUrl ? { Metadata: { [SOURCE_URL_METADATA]: sourceUrl } } : {}),
        };
        const { size } = await stat(upload.path);
        const hash = createHash("sha256");
        if (size > MULTIPART_THRESHOLD_BYTES) {
          await putInParts(options.s3, target, upload.path, size, hash);
        } else {
          const body = await readFile(upload.path);
          hash.update(body);
          await options.s3.send(new PutObjectCommand({ ...target, Body: body }));
        }
        const digest = hash.digest("hex");
        const first = sentBytes.get(digest);
        if (first) summary.repeated.push({ upload, sameAs: first });
        else sentBytes.set(digest, upload);
        summary.uploaded++;
        summary.bytes += size;
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

/** Files above this go up as a multipart upload, as the AWS CLI does (its threshold and part size: 8 MiB). */
export const MULTIPART_THRESHOLD_BYTES = 8 * 1024 * 1024;
const PART_BYTES = 8 * 1024 * 1024;

/**
 * A multipart upload read from disk one part at a time, so a large page is
 * never held whole in memory; aborted on failure so no parts are left behind.
 * (@aws-sdk/lib-storage does this too, but would pin a newer client-s3.)
 */
async function putInParts(
  s3: S3Client,
  target: { Bucket: string; Key: string; ContentType: string; Metadata?: Record<string, string> },
  path: string,
  size: number,
  hash: Hash,
): Promise<void> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand(target));
  const file = await open(path, "r");
  try {
    const parts: { PartNumber: number; ETag: string | undefined }[] = [];
    for (let offset = 0, partNumber = 1; offset < size; offset += PART_BYTES, partNumber++) {
      const buffer = Buffer.alloc(Math.min(PART_BYTES, size - offset));
      await file.read(buffer, 0, buffer.length, offset);
      hash.update(buffer);
      const { ETag } = await s3.send(
        new UploadPartCommand({
          Bucket: target.Bucket,
          Key: target.Key,
          UploadId,
          PartNumber: partNumber,
          Body: buffer,
        }),
      );
      parts.push({ PartNumber: partNumber, ETag });
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: target.Bucket,
        Key: target.Key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    await s3
      .send(new AbortMultipartUploadCommand({ Bucket: target.Bucket, Key: target.Key, UploadId }))
      .catch(() => undefined);
    throw error;
  } finally {
    await file.close();
  }
}
