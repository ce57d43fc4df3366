import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

// Runs the real bin, as `npx docket parse` and the lead's scorer do.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "infra/cli/docket.mjs");
const SEED = join(ROOT, "test/fixtures/pages/seed-000_a669a8a67ac3bc30/page.txt");
const HTML = join(ROOT, "test/fixtures/pages/html-gsc-1/page.html");

describe("docket parse", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "docket-cli-"));
  const png = join(dir, "photo.html");
  let run: SpawnSyncReturns<string>;
  let lines: unknown[];

  beforeAll(() => {
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    run = spawnSync(process.execPath, [BIN, "parse", SEED, png, HTML, join(dir, "missing.txt")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    lines = run.stdout
      .trim()
      .split("\n")
      .map((l: string) => JSON.parse(l));
  });

  it("prints one JSON line per file, in the order given", () => {
    expect(lines).toHaveLength(4);
  });

  it("prints the record of a text page with its file:// uri and text/plain format", () => {
    expect(lines[0]).toMatchObject({
      title: "钟楼区政府2022年度第1次常务会议纪要",
      source: { uri: `file://${SEED}`, format: "text" },
    });
  });

  it("prints the record of an HTML page", () => {
    expect(lines[2]).toMatchObject({ publishedDate: "2019-05-18", source: { format: "html" } });
  });

  it("prints an error line for a rejected page and goes on", () => {
    expect(lines[1]).toEqual({ file: png, error: { code: "binary", message: expect.any(String) } });
  });

  it("prints an error line for an unreadable file", () => {
    expect(lines[3]).toMatchObject({ file: join(dir, "missing.txt"), error: { code: "unreadable" } });
  });

  it("exits non-zero when any file failed", () => {
    expect(run.status).toBe(1);
  });

  it("exits zero when every file parsed", () => {
    const ok = spawnSync(process.execPath, [BIN, "parse", SEED], { cwd: ROOT, encoding: "utf8" });
    expect(ok.status).toBe(0);
  });
});
