import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSamplePages, samplePagePath } from "../../infra/local/load-sample-pages";
import { eventually, startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * The web app in Debian's Chromium (never a browser downloaded from npm),
 * driven by playwright-core against the local pipeline with the real
 * functions: the sample pages plus 120 copies of the 钟楼区 minutes, each
 * with its own index number, so a download spans more than one API page.
 * Screenshots go to test/output/ (gitignored) for review.
 */
const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = new URL("../output/", import.meta.url).pathname;
const COPIES = 120;
const ZHONGLOU_SEED = "000_a669a8a67ac3bc30.txt";

let pipeline: TestPipeline;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  await loadSamplePages(pipeline);
  const seed = await readFile(samplePagePath(ZHONGLOU_SEED), "utf8");
  await Promise.all(
    Array.from({ length: COPIES }, (_, i) =>
      pipeline.put(
        `raw/copies/${i}.txt`,
        seed.replaceAll("014119467/2022-00235", `014119467/2022-9${String(i).padStart(4, "0")}`),
      ),
    ),
  );
  await eventually(async () => {
    const { body } = await pipeline.get("/stats?region=320404");
    return (body as { total: number }).total >= COPIES + 2 ? true : undefined;
  }, 110_000);
  await mkdir(OUTPUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // bypassCSP only lets axe-core be injected: the pages themselves allow no script.
  page = await (await browser.newContext({ acceptDownloads: true, locale: "zh-CN", bypassCSP: true })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pipeline?.stop();
});

async function screenshot(name: string) {
  await page.screenshot({ path: `${OUTPUT}${name}.png`, fullPage: true });
}

/** axe-core's serious and critical findings on the current page. */
async function seriousViolations(): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  await page.addScriptTag({ content: await readFile(axePath, "utf8") });
  const results = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  return results.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact})`);
}

describe("the web routes' functions, locally as in AWS", () => {
  /** How many times each web function ran during `work`. */
  async function invocationsDuring(work: () => Promise<void>) {
    const before = { web: pipeline.functions.web.invocations, download: pipeline.functions.download.invocations };
    await work();
    return {
      web: pipeline.functions.web.invocations - before.web,
      download: pipeline.functions.download.invocations - before.download,
    };
  }

  it("answers the pages from the web function only", async () => {
    const ran = await invocationsDuring(async () => {
      const response = await fetch(`${pipeline.apiUrl}/?region=${encodeURIComponent("钟楼区")}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("/download/meetings.csv?region=");
    });
    expect(ran).toEqual({ web: 1, download: 0 });
  });

  it("streams the downloads from the download function only, every row of the result", async () => {
    const region = encodeURIComponent("钟楼区");
    let text = "";
    const ran = await invocationsDuring(async () => {
      const response = await fetch(`${pipeline.apiUrl}/download/meetings.jsonl?region=${region}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
      text = await response.text();
      const head = await fetch(`${pipeline.apiUrl}/download/meetings.csv?region=${region}`, { method: "HEAD" });
      expect(head.status).toBe(200);
    });
    expect(ran).toEqual({ web: 0, download: 2 });
    const rows = text.trimEnd().split("\n");
    const { body } = await pipeline.get(`/stats?region=${region}`);
    expect(rows.length).toBe((body as { total: number }).total);
    expect(rows.every((row) => (JSON.parse(row) as { regionCode: string }).regionCode === "320404")).toBe(true);
  });
});

describe("the web app in Chromium", () => {
  it.skipIf(!existsSync(CHROMIUM))(
    "lists the meetings newest first in Chinese, with the chart, and no serious axe finding",
    async () => {
      await page.goto(`${pipeline.apiUrl}/`);
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      await expect(page.locator("h1").textContent()).resolves.toBe("会议列表");
      expect(await page.locator("svg[role=img]").count()).toBe(1);
      expect(await page.locator("tbody tr").count()).toBe(50);
      await screenshot("meetings");
      await page.screenshot({ path: `${OUTPUT}meetings-top.png` });
      expect(await seriousViolations()).toEqual([]);
    },
  );

  it.skipIf(!existsSync(CHROMIUM))(
    "filters by region and by person through the form, each state a shareable URL",
    async () => {
      await page.goto(`${pipeline.apiUrl}/`);
      await page.fill("input[name=region]", "武进区");
      await page.click("button[type=submit]");
      expect(new URL(page.url()).searchParams.get("region")).toBe("武进区");
      expect(await page.locator("tbody tr").count()).toBe(1);
      await page.goto(`${pipeline.apiUrl}/`);
      await page.fill("input[name=person]", "李超鲲");
      await page.selectOption("select[name=type]", "government-executive");
      await page.click("button[type=submit]");
      const url = new URL(page.url());
      expect(url.searchParams.get("person")).toBe("李超鲲");
      expect(await page.locator("h2#stats-heading").textContent()).toContain(`${COPIES + 1}`);
      await page.goto(url.href);
      expect(await page.locator("input[name=person]").inputValue()).toBe("李超鲲");
      await screenshot("meetings-filtered");
    },
  );

  it.skipIf(!existsSync(CHROMIUM))(
    "suggests the regions holding records, with counts, as the filter takes them; a traditional part of a name leads to them",
    async () => {
      await page.goto(`${pipeline.apiUrl}/`);
      const options = await page
        .locator("datalist#regions option")
        .evaluateAll((nodes) =>
          nodes.map((node) => ({ value: node.getAttribute("value"), label: node.getAttribute("label") })),
        );
      const { body } = await pipeline.get("/regions");
      const regions = (body as { regions: { name: string; shortName: string; count: number }[] }).regions;
      expect(regions.length).toBeGreaterThan(2);
      expect(options).toEqual(regions.map((r) => ({ value: r.shortName, label: `${r.name} · ${r.count} 次会议` })));
      expect(options).toContainEqual({ value: "钟楼区", label: `江苏省常州市钟楼区 · ${COPIES + 2} 次会议` });
      // every suggestion is a region the filter takes
      await page.fill("input[name=region]", "武进区");
      await page.click("button[type=submit]");
      expect(await page.locator("tbody tr").count()).toBe(regions.find((r) => r.shortName === "武进区")?.count);

      await page.goto(`${pipeline.apiUrl}/?region=${encodeURIComponent("鐘樓")}`);
      await page.locator("#region-matches + ul a", { hasText: "江苏省常州市钟楼区" }).click();
      expect(new URL(page.url()).searchParams.get("region")).toBe("钟楼区");
      expect(await page.locator("h2#stats-heading").textContent()).toContain(`${COPIES + 2}`);
    },
  );

  it.skipIf(!existsSync(CHROMIUM))(
    "opens a meeting with every section, then follows an attendee to the person page",
    async () => {
      await page.goto(`${pipeline.apiUrl}/?region=${encodeURIComponent("武进区")}`);
      await page.locator("tbody tr a").first().click();
      expect(new URL(page.url()).pathname).toMatch(/^\/meeting\/rec_/);
      for (const heading of ["会议", "来源", "正文"]) {
        expect(await page.locator("h2", { hasText: heading }).count()).toBeGreaterThan(0);
      }
      await screenshot("meeting");
      expect(await seriousViolations()).toEqual([]);
      const attendee = page.locator("dt:has-text('出席') + dd a").first();
      const name = (await attendee.textContent()) ?? "";
      await attendee.click();
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/person/${name}`);
      await expect(page.locator("h1").textContent()).resolves.toBe(name);
      expect(await page.locator("#meetings-heading").count()).toBe(1);
      await screenshot("person");
      expect(await seriousViolations()).toEqual([]);
    },
  );

  it.skipIf(!existsSync(CHROMIUM))(
    "downloads the whole filtered list as CSV with a BOM, past the first API page",
    async () => {
      await page.goto(`${pipeline.apiUrl}/?region=${encodeURIComponent("钟楼区")}`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=CSV（Excel 可直接打开）")]);
      const path = await download.path();
      const text = await readFile(path, "utf8");
      expect(text.startsWith("\uFEFFid,kind,date")).toBe(true);
      const rows = text.trimEnd().split("\r\n").slice(1);
      const { body } = await pipeline.get(`/stats?region=${encodeURIComponent("钟楼区")}`);
      expect(rows.length).toBe((body as { total: number }).total);
      expect(rows.length).toBeGreaterThan(100);
      expect(new Set(rows.map((row) => row.split(",")[0])).size).toBe(rows.length);
      expect(rows.every((row) => row.includes("320404"))).toBe(true);
      await writeFile(`${OUTPUT}meetings.csv`, text);
    },
  );

  it.skipIf(!existsSync(CHROMIUM))(
    "works by keyboard alone: Tab reaches the skip link first, then the filters",
    async () => {
      await page.goto(`${pipeline.apiUrl}/`);
      await page.keyboard.press("Tab");
      expect(await page.evaluate("document.activeElement?.textContent")).toBe("跳到正文");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe("region");
    },
  );
});
