import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { uploadPages } from "../../shared/ingest/upload-pages";
import type { MeetingSummary } from "../../shared/storage/item-keys";
import { REPO_ROOT } from "./load-handler";
import type { LocalRuntime } from "./local-runtime";

/**
 * Ingests the sample pages (the golden pages test/fixtures/pages/seed-<name>/page.txt)
 * the way any page arrives: uploaded as raw/seeds/<name>.txt through the S3 API,
 * so they flow through the real pipeline; resolves once the pipeline is idle again.
 * Pages already in the bucket (kept from an earlier run) are not sent again.
 */
const PAGES_DIR = join(REPO_ROOT, "test", "fixtures", "pages");
const SAMPLE_SLUG = "seed-";
export const SEEDS_PREFIX = "raw/seeds/";

/** The path of sample page `000_a669a8a67ac3bc30.txt`. */
export function samplePagePath(name: string): string {
  return join(PAGES_DIR, `${SAMPLE_SLUG}${name.replace(/\.txt$/, "")}`, "page.txt");
}

async function samplePageNames(): Promise<string[]> {
  const slugs = (await readdir(PAGES_DIR)).filter((slug) => slug.startsWith(SAMPLE_SLUG)).sort();
  return slugs.map((slug) => `${slug.slice(SAMPLE_SLUG.length)}.txt`);
}

export interface SampleLoad {
  uploaded: number;
  /** Sample pages the API lists once the pipeline is idle. */
  stored: number;
}

export async function loadSamplePages(runtime: LocalRuntime, timeoutMs = 120_000): Promise<SampleLoad> {
  const files = await samplePageNames();
  const listed = await runtime.clients.s3.send(
    new ListObjectsV2Command({ Bucket: runtime.resources.rawBucketName, Prefix: SEEDS_PREFIX }),
  );
  const present = new Set((listed.Contents ?? []).map((object) => object.Key));
  const missing = files.filter((name) => !present.has(`${SEEDS_PREFIX}${name}`));
  const summary = await uploadPages(
    missing.map((name) => ({ path: samplePagePath(name), key: `${SEEDS_PREFIX}${name}` })),
    { s3: runtime.clients.s3, bucket: runtime.resources.rawBucketName },
  );
  if (summary.failed.length > 0) {
    throw new Error(`could not upload sample pages: ${summary.failed.map((f) => f.error).join("; ")}`);
  }
  // Kept pages need no wait (a recovered backlog may take long; it runs on in the background).
  if (missing.length > 0) await runtime.waitForIdle({ timeoutMs });
  const response = await fetch(`${runtime.apiUrl}/meetings?limit=100`);
  const page = (await response.json()) as { items?: MeetingSummary[] };
  const seedUris = new Set(files.map((name) => `s3://${runtime.resources.rawBucketName}/${SEEDS_PREFIX}${name}`));
  return {
    uploaded: files.length,
    stored: (page.items ?? []).filter((item) => seedUris.has(item.sourceUri)).length,
  };
}
