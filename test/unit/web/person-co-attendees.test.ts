import { describe, expect, it } from "vitest";
import { inProcessQueryApi } from "../../../shared/web/query-api";
import { CO_ATTENDEE_MEETINGS, createWebApp } from "../../../shared/web/web-app";
import { testApi } from "../query/support/api";
import { aRecord, itemsOf } from "../query/support/records";

/** The person page through the real router over the fake table: 李超鲲 attends `total` meetings, each with 甲. */
async function personPage(total: number) {
  const records = Array.from({ length: total }, (_, i) =>
    aRecord({ n: i + 1, date: `2021-01-${String((i % 28) + 1).padStart(2, "0")}`, attendees: ["李超鲲", "甲"] }),
  );
  const { handler } = testApi(itemsOf(records), records);
  const response = await createWebApp(inProcessQueryApi(handler))({
    method: "GET",
    path: `/person/${encodeURIComponent("李超鲲")}`,
    query: new URLSearchParams(),
  });
  expect(response.status).toBe(200);
  return String(response.body);
}

describe("the person page's co-attendees, over the query API", () => {
  it(`counts all of exactly ${CO_ATTENDEE_MEETINGS} meetings and leaves none out`, async () => {
    const page = await personPage(CO_ATTENDEE_MEETINGS);
    expect(page).toContain(`甲</a>：${CO_ATTENDEE_MEETINGS} 次`);
    expect(page).toContain(`按此人全部 ${CO_ATTENDEE_MEETINGS} 次会议（2021-01-01 至 2021-01-28）统计。`);
  });

  it(`at ${CO_ATTENDEE_MEETINGS + 1} meetings, counts the newest ${CO_ATTENDEE_MEETINGS} and says earlier ones are left out`, async () => {
    const page = await personPage(CO_ATTENDEE_MEETINGS + 1);
    expect(page).toContain(`甲</a>：${CO_ATTENDEE_MEETINGS} 次`);
    expect(page).toMatch(new RegExp(`按此人最近的 ${CO_ATTENDEE_MEETINGS} 次会议（.+）统计，更早的会议未计入。`));
  });
});
