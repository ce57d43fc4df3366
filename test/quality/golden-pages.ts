import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The golden pages: one directory per page under test/fixtures/pages/<slug>/
 * holding the raw bytes (`page.html` or `page.txt`), `expected.json`
 * (hand-checked fields, in the keys of the team's score.mjs) and `source.txt`
 * (where the page comes from). The slug's prefix names the set it belongs to.
 */

export const PAGES_DIR = join(import.meta.dirname, "../fixtures/pages");

export type Expected = Record<string, unknown>;

export interface GoldenSet {
  name: string;
  /** What the set is, for printed reports. */
  description: string;
  /** The lowest total score (percent) the golden test accepts. */
  floor: number;
}

/** Real pages must keep the score they have; pages written for a rule must pass whole. */
export const GOLDEN_SETS: readonly (GoldenSet & { prefix: string })[] = [
  { name: "seeds", prefix: "seed-", description: "the five sample pages", floor: 100 },
  { name: "html", prefix: "html-", description: "30 real news HTML pages from 30 sites", floor: 100 },
  { name: "text", prefix: "text-", description: "60 real meeting pages from about 55 sites", floor: 95 },
  { name: "synthetic", prefix: "", description: "pages written for one layout or rule each", floor: 100 },
];

export interface GoldenPage {
  slug: string;
  set: string;
  path: string;
  contentType: string;
  expected: Expected;
  source: string;
}

const PAGE_FILES = [
  { file: "page.html", contentType: "text/html" },
  { file: "page.txt", contentType: "text/plain" },
] as const;

export function setOf(slug: string): string {
  const set = GOLDEN_SETS.find((s) => s.prefix !== "" && slug.startsWith(s.prefix));
  return set?.name ?? "synthetic";
}

export function goldenPages(dir = PAGES_DIR): GoldenPage[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((slug) => {
      const page = PAGE_FILES.find((p) => existsSync(join(dir, slug, p.file)));
      if (!page) throw new Error(`${slug}: no page.html or page.txt`);
      const read = (file: string) => readFileSync(join(dir, slug, file), "utf8");
      if (!existsSync(join(dir, slug, "source.txt"))) throw new Error(`${slug}: no source.txt`);
      return {
        slug,
        set: setOf(slug),
        path: join(dir, slug, page.file),
        contentType: page.contentType,
        expected: JSON.parse(read("expected.json")) as Expected,
        source: read("source.txt").trim(),
      };
    });
}
