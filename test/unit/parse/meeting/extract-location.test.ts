import { describe, expect, it } from "vitest";
import { extractLocation } from "../../../../shared/parse/meeting/extract-location";

describe("extractLocation", () => {
  it("reads 在…会议室 before a comma", () => {
    expect(extractLocation(["2022年1月26日下午,在区机关815会议室,区长李超鲲主持召开"])).toBe("区机关815会议室");
  });
  it("reads a long place that ends before 主持召开", () => {
    expect(extractLocation(["区长恽淇丞在区行政中心1号楼一楼西侧圆桌会议室,主持召开区政府第25次常务会议"])).toBe(
      "区行政中心1号楼一楼西侧圆桌会议室",
    );
  });
  it("reads 于…召开", () => {
    expect(extractLocation(["会议于市民中心召开"])).toBe("市民中心");
  });
  it("does not take an activity for a place, 在部署四月份工作时", () => {
    expect(extractLocation(["区委书记徐伟南在部署四月份工作时提出要求"])).toBeNull();
  });
});
