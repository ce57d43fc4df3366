import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The developers' guide's dependency direction, checked on every relative
 * import of the sources: shared/record and shared/config at the bottom, then
 * parse/, storage/, events/, then ingest/ and query/, then web/; no folder
 * imports one above it; shared/ imports nothing from infra/ or functions/;
 * infra/cli and infra/local do not import each other (what both need lives
 * in shared/).
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Level of each top folder of shared/ (a file directly in shared/ is level 0). */
const SHARED_LEVELS: Record<string, number> = {
  record: 0,
  config: 0,
  region: 0,
  observability: 0,
  aws: 1,
  parse: 1,
  storage: 1,
  events: 1,
  ingest: 2,
  query: 2,
  web: 3,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((path) => !path.includes("/dist/") && !path.includes("node_modules"));
}

/** Repository-relative targets of a file's relative imports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)].map(
    (match) => match[1] ?? "",
  );
  return specifiers.map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)));
}

function violations(files: string[], forbidden: (from: string, to: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).flatMap((to) => (forbidden(file, to) ? [`${file} → ${to}`] : [])));
}

function sharedLevel(path: string): number | undefined {
  const [top, folder, ...rest] = path.split("/");
  if (top !== "shared" || folder === undefined) return undefined;
  return rest.length === 0 ? 0 : SHARED_LEVELS[folder];
}

describe("layering", () => {
  it("infra/cli imports nothing from infra/local", () => {
    expect(violations(sourceFiles("infra/cli"), (_from, to) => to.startsWith("infra/local/"))).toEqual([]);
  });

  it("infra/local imports nothing from infra/cli", () => {
    expect(violations(sourceFiles("infra/local"), (_from, to) => to.startsWith("infra/cli/"))).toEqual([]);
  });

  it("shared/ imports nothing from infra/ or functions/", () => {
    const outside = (_from: string, to: string) => to.startsWith("infra/") || to.startsWith("functions/");
    expect(violations(sourceFiles("shared"), outside)).toEqual([]);
  });

  it("no folder of shared/ imports one above it (record, config → parse, storage, events → ingest, query → web)", () => {
    const files = sourceFiles("shared");
    for (const file of files) expect(sharedLevel(file), `${file} has a level`).toBeDefined();
    const upward = (from: string, to: string) => (sharedLevel(to) ?? 0) > (sharedLevel(from) ?? 0);
    expect(violations(files, upward)).toEqual([]);
  });

  it("sees the imports it checks (a scan that finds none cannot fail)", () => {
    expect(importsOf("infra/cli/pipeline-target.ts")).toContain("shared/config/local-state-file");
    expect(importsOf("infra/local/load-sample-pages.ts")).toContain("shared/ingest/upload-pages");
  });
});
