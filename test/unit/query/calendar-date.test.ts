import { describe, expect, it } from "vitest";
import { isCalendarDate } from "../../../shared/query/calendar-date";

describe("isCalendarDate", () => {
  it.each(["2024-02-29", "2000-02-29", "2022-01-26", "2023-12-31", "0001-01-01"])("accepts the real day %s", (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    "2024-02-30",
    "2023-02-29",
    "1900-02-29",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "0000-01-01",
    "2024-1-5",
    "20240105",
    "2024-01-05T00:00:00Z",
    "",
  ])("rejects %j", (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });
});
