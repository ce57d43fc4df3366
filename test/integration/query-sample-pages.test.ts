import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSamplePages, SEEDS_PREFIX } from "../../infra/local/load-sample-pages";
import type { MeetingSummary } from "../../shared/storage/item-keys";
import { type NotificationLog, settledOutcome, startNotificationLog } from "./support/notification-log";
import { startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * The sample pages, uploaded through S3 and carried by the real functions,
 * answered by the query API over HTTP. Expected values come from
 * the seed pages' expected.json (test/fixtures/pages/seed-…).
 */
const SEEDS = {
  zhonglou2022: "000_a669a8a67ac3bc30.txt", // 320404 钟楼区, government-executive, 2022-01-26, chair 李超鲲
  wujin2023: "001_ed79df4deace7843.txt", // 320412 武进区, government-executive, 2023-12-25
  jintan2020: "002_76197ed3313aabe9.txt", // 320413 金坛区, work-meeting, 2020-10-09
  zhonglouUndated: "003_e8e8e54d7c3c5c4e.txt", // 320404 钟楼区, leadership-joint, no date
  jiawang2021: "004_2e4d903fcb0281f4.txt", // 320305 贾汪区 (徐州市), party-standing-committee, 2021-01-11
} as const;

let pipeline: TestPipeline;
let notifications: NotificationLog;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  notifications = await startNotificationLog(pipeline);
  await loadSamplePages(pipeline);
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
});

const uriOf = (file: string) => `s3://${pipeline.resources.rawBucketName}/${SEEDS_PREFIX}${file}`;
const fileOf = (item: MeetingSummary) => item.sourceUri.slice(item.sourceUri.lastIndexOf("/") + 1);

async function meetings(query: string): Promise<{ items: MeetingSummary[]; cursor: string | null }> {
  const { status, body } = await pipeline.get(`/meetings${query}`);
  expect(status).toBe(200);
  return body as { items: MeetingSummary[]; cursor: string | null };
}

async function filesFor(query: string): Promise<string[]> {
  return (await meetings(query)).items.map(fileOf);
}

describe("sample pages through the pipeline", () => {
  it("announces each sample page as one created record (redeliveries only as record.unchanged)", async () => {
    for (const file of Object.values(SEEDS)) {
      await notifications.waitForUri(uriOf(file));
      expect(settledOutcome(notifications.forUri(uriOf(file))).type).toBe("record.created");
    }
  });

  it("lists every sample page, newest meeting first and undated last", async () => {
    expect(await filesFor("?limit=100")).toEqual([
      SEEDS.wujin2023,
      SEEDS.zhonglou2022,
      SEEDS.jiawang2021,
      SEEDS.jintan2020,
      SEEDS.zhonglouUndated,
    ]);
  });

  it("serves each listed record in full by its id", async () => {
    for (const item of (await meetings("?limit=100")).items) {
      const { status, body } = await pipeline.get(`/meetings/${item.id}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: item.id, source: { uri: item.sourceUri } });
    }
  });

  it("leaves the queues and dead-letter queues empty", async () => {
    await expect(pipeline.waitForEmptyQueues()).resolves.toBeUndefined();
  });
});

describe("GET /meetings filters", () => {
  it("filters by region code (county)", async () => {
    expect(await filesFor("?region=320404")).toEqual([SEEDS.zhonglou2022, SEEDS.zhonglouUndated]);
  });

  it("filters by region name at city level", async () => {
    expect(await filesFor(`?region=${encodeURIComponent("常州市")}`)).toEqual([
      SEEDS.wujin2023,
      SEEDS.zhonglou2022,
      SEEDS.jintan2020,
      SEEDS.zhonglouUndated,
    ]);
  });

  it("filters by meeting type", async () => {
    expect(await filesFor("?type=government-executive")).toEqual([SEEDS.wujin2023, SEEDS.zhonglou2022]);
  });

  it("filters by an inclusive date range on the meeting date", async () => {
    expect(await filesFor("?from=2021-01-11&to=2022-01-26")).toEqual([SEEDS.zhonglou2022, SEEDS.jiawang2021]);
  });

  it("filters by person", async () => {
    expect(await filesFor(`?person=${encodeURIComponent("李超鲲")}`)).toEqual([SEEDS.zhonglou2022]);
  });

  it("combines filters", async () => {
    const query = `?region=${encodeURIComponent("常州市")}&type=government-executive&from=2023-01-01`;

    expect(await filesFor(query)).toEqual([SEEDS.wujin2023]);
  });

  it("pages to the end with cursors, each item once, in the unpaged order", async () => {
    const all = await filesFor("?limit=100");
    const paged: string[] = [];
    let page = await meetings("?limit=2");
    let pages = 1;
    paged.push(...page.items.map(fileOf));
    while (page.cursor) {
      page = await meetings(`?limit=2&cursor=${encodeURIComponent(page.cursor)}`);
      paged.push(...page.items.map(fileOf));
      pages++;
    }

    expect(paged).toEqual(all);
    expect(pages).toBe(3);
  });
});

describe("GET /people/{name}", () => {
  it("gives the person's posts and the meetings they appear in, with their roles", async () => {
    const { status, body } = await pipeline.get(`/people/${encodeURIComponent("李超鲲")}`);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      name: "李超鲲",
      posts: [expect.objectContaining({ title: "区长" })],
      meetings: [
        expect.objectContaining({ sourceUri: uriOf(SEEDS.zhonglou2022), roles: expect.arrayContaining(["chair"]) }),
      ],
    });
  });

  it("answers 404 for a name no meeting mentions", async () => {
    expect((await pipeline.get(`/people/${encodeURIComponent("无名氏")}`)).status).toBe(404);
  });
});

describe("bad requests", () => {
  it.each([
    ["/meetings?limit=0", "limit"],
    ["/meetings?limit=ten", "limit"],
    ["/meetings?type=banquet", "type"],
    ["/meetings?from=2022-13-01", "from"],
    ["/meetings?from=2023-01-01&to=2022-01-01", "from"],
    ["/meetings?regoin=320404", "regoin"],
    ["/meetings?type=", "type"],
    ["/meetings?type=work-meeting&type=other", "type"],
    ["/meetings/rec_not-an-id", "id"],
  ])("answers %s with a 400 naming %s", async (path, parameter) => {
    const { status, body } = await pipeline.get(path);

    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "bad_parameter", parameter } });
  });

  it("refuses a forged cursor with a 400", async () => {
    const { cursor } = await meetings("?limit=1");
    const forged = `${cursor?.slice(0, -4)}AAAA`;

    const { status, body } = await pipeline.get(`/meetings?limit=1&cursor=${encodeURIComponent(forged)}`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { parameter: "cursor" } });
  });

  it("refuses a cursor issued for another query with a 400", async () => {
    const { cursor } = await meetings("?limit=1");

    const { status } = await pipeline.get(`/meetings?type=other&limit=1&cursor=${encodeURIComponent(cursor ?? "")}`);

    expect(status).toBe(400);
  });

  it("answers 404 for an id no record has", async () => {
    expect((await pipeline.get("/meetings/rec_00000000000000000000")).status).toBe(404);
  });
});
