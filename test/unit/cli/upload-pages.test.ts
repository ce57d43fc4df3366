import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { planUploads } from "../../../infra/cli/upload-pages";

let root = "";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "docket-upload-"));
  await mkdir(join(root, "pages", "2022"), { recursive: true });
  await writeFile(join(root, "pages", "a.html"), "a");
  await writeFile(join(root, "pages", "2022", "b.txt"), "b");
  await writeFile(join(root, "pages", ".DS_Store"), "");
  await writeFile(join(root, "single.txt"), "s");
});

describe("planUploads", () => {
  it("keys a file as raw/<name>", async () => {
    expect(await planUploads([join(root, "single.txt")])).toEqual([
      { path: join(root, "single.txt"), key: "raw/single.txt" },
    ]);
  });

  it("keys a directory's files as raw/<dir>/<path>, recursively, skipping hidden files", async () => {
    const keys = (await planUploads([join(root, "pages")])).map((upload) => upload.key);

    expect(keys).toEqual(["raw/pages/2022/b.txt", "raw/pages/a.html"]);
  });

  it("puts keys under another prefix when asked", async () => {
    expect((await planUploads([join(root, "single.txt")], "raw/batch-7/"))[0]?.key).toBe("raw/batch-7/single.txt");
  });
});
