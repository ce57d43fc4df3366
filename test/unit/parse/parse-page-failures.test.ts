import { describe, expect, it, vi } from "vitest";
import { extractMeetingFields, type MeetingFields } from "../../../shared/parse/meeting/extract-meeting-fields";
import { parsePage } from "../../../shared/parse/parse-page";

vi.mock("../../../shared/parse/meeting/extract-meeting-fields", () => ({ extractMeetingFields: vi.fn() }));

const PAGE = new TextEncoder().encode("4月1日上午,钟楼区召开四套班子领导干部(扩大)会议。区长潘冬铃主持会议。");
const noMeeting = (): MeetingFields => ({
  kind: "other",
  title: null,
  disclosure: null,
  meeting: null,
  people: [],
  region: null,
  warnings: [],
});

describe("parsePage when a later stage fails", () => {
  it("turns an exception into an invalid-record rejection instead of throwing", () => {
    vi.mocked(extractMeetingFields).mockImplementationOnce(() => {
      throw new TypeError("boom");
    });
    expect(parsePage(PAGE, { uri: "s3://b/k" })).toEqual({
      ok: false,
      rejection: { code: "invalid-record", message: "the parser failed: TypeError: boom" },
    });
  });

  it("rejects a record that fails the schema as invalid-record, naming the field", () => {
    vi.mocked(extractMeetingFields).mockReturnValueOnce({
      ...noMeeting(),
      region: { code: "32", province: "江苏省", city: null, county: null },
    });
    const outcome = parsePage(PAGE, { uri: "s3://b/k" });
    expect(outcome).toMatchObject({
      ok: false,
      rejection: { code: "invalid-record", message: expect.stringContaining("region.code") },
    });
  });

  it("builds the record when the meeting stage answers", () => {
    vi.mocked(extractMeetingFields).mockReturnValueOnce(noMeeting());
    expect(parsePage(PAGE, { uri: "s3://b/k" })).toMatchObject({
      ok: true,
      record: { kind: "other", script: "simplified" },
    });
  });
});
