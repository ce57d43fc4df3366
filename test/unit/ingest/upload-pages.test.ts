import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applyManifest,
  type PageUpload,
  parseManifest,
  planUploads,
  uploadPages,
} from "../../../shared/ingest/upload-pages";

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
    expect((await planUploads([join(root, "single.txt")])).uploads).toEqual([
      { path: join(root, "single.txt"), key: "raw/single.txt" },
    ]);
  });

  it("keys a directory's files as raw/<dir>/<path>, recursively, skipping hidden files", async () => {
    const keys = (await planUploads([join(root, "pages")])).uploads.map((upload) => upload.key);

    expect(keys).toEqual(["raw/pages/2022/b.txt", "raw/pages/a.html"]);
  });

  it("puts keys under another prefix when asked", async () => {
    expect((await planUploads([join(root, "single.txt")], "raw/batch-7/")).uploads[0]?.key).toBe(
      "raw/batch-7/single.txt",
    );
  });
});

describe("page files of a directory", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "docket-pages-"));
    for (const name of ["a.html", "b.HTM", "c.shtml", "d.xhtml", "e.txt", "f", "README.md", "expected.json"]) {
      await writeFile(join(dir, name), name);
    }
  });

  it("sends .html .htm .shtml .xhtml .txt and extensionless files, and lists the rest as skipped", async () => {
    const plan = await planUploads([dir]);
    expect(plan.uploads.map((u) => u.path.slice(dir.length + 1))).toEqual([
      "a.html",
      "b.HTM",
      "c.shtml",
      "d.xhtml",
      "e.txt",
      "f",
    ]);
    expect(plan.skipped.map((path) => path.slice(dir.length + 1)).sort()).toEqual(["README.md", "expected.json"]);
  });

  it("sends everything with --all", async () => {
    const plan = await planUploads([dir], "raw/", { all: true });
    expect(plan.uploads).toHaveLength(8);
    expect(plan.skipped).toEqual([]);
  });

  it("sends a file named on the command line whatever its extension", async () => {
    expect((await planUploads([join(dir, "README.md")])).uploads).toHaveLength(1);
  });
});

describe("upload manifests", () => {
  it("maps each path (relative to the working directory) to its source URL, skipping blanks and comments", () => {
    const manifest = parseManifest("# crawl 7\npages/a.html\thttps://www.example.gov.cn/art/1.html\n\n", "/data");
    expect([...manifest]).toEqual([["/data/pages/a.html", "https://www.example.gov.cn/art/1.html"]]);
  });

  it.each([
    ["a line without a tab", "pages/a.html https://x.gov.cn/1.html"],
    ["a URL that is not http(s)", "pages/a.html\tjavascript:alert(1)"],
    ["an extra column", "a.html\thttps://x.gov.cn/1\textra"],
  ])("rejects %s, naming the line", (_name, text) => {
    expect(() => parseManifest(`# header\n${text}`)).toThrow(/manifest line 2/);
  });

  it("gives the uploads their URLs and says how many matched", () => {
    const uploads: PageUpload[] = [
      { path: "/data/a.html", key: "raw/a.html" },
      { path: "/data/b.html", key: "raw/b.html" },
    ];
    expect(applyManifest(uploads, new Map([["/data/a.html", "https://x.gov.cn/a"]]))).toBe(1);
    expect(uploads[0]).toMatchObject({ sourceUrl: "https://x.gov.cn/a" });
    expect(uploads[1]?.sourceUrl).toBeUndefined();
  });
});

describe("uploadPages", () => {
  it("tells which files repeat the bytes of a file already sent in the run", async () => {
    const dir = await mkdtemp(join(tmpdir(), "docket-repeat-"));
    await writeFile(join(dir, "a.html"), "<p>区政府常务会议</p>");
    await writeFile(join(dir, "b.html"), "<p>另一页</p>");
    await writeFile(join(dir, "c.html"), "<p>区政府常务会议</p>");
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    const uploads = ["a.html", "b.html", "c.html"].map((name) => ({ path: join(dir, name), key: `raw/${name}` }));
    const summary = await uploadPages(uploads, {
      s3: new S3Client({ region: "us-east-1" }),
      bucket: "raw",
      concurrency: 1,
    });
    expect(summary.uploaded).toBe(3);
    expect(summary.repeated.map((r) => [r.upload.key, r.sameAs.key])).toEqual([["raw/c.html", "raw/a.html"]]);
    s3.restore();
  });
});
