import { describe, expect, it } from "vitest";
import { siteNameFromCopyright } from "../../../shared/parse/site-name";

describe("siteNameFromCopyright", () => {
  it("reads the owner after 版权所有: (seed 002)", () => {
    expect(siteNameFromCopyright("Copyright © 2015-2024 InvestCHN.com All Rights Reserved. 版权所有:投促中国")).toBe(
      "投促中国",
    );
  });

  it("reads the owner before 版权所有 (163: 网易版权所有)", () => {
    expect(siteNameFromCopyright("网易版权所有")).toBe("网易");
  });

  it("does not take a reprint warning for a name (hexun-1: 版权所有 复制必究)", () => {
    expect(siteNameFromCopyright("版权所有:复制必究")).toBeNull();
  });

  it("answers null without 版权所有", () => {
    expect(siteNameFromCopyright("主办单位:常州市钟楼区人民政府办公室")).toBeNull();
  });
});
