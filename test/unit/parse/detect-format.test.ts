import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../shared/parse/detect-format";

describe("detectFormat", () => {
  it("calls a page with a doctype HTML", () => {
    expect(detectFormat("<!DOCTYPE html><html><body>会议</body></html>")).toBe("html");
  });

  it("calls an HTML fragment with several common tags HTML", () => {
    expect(detectFormat("<div><p>会议</p><p>纪要</p><br><span>x</span></div>")).toBe("html");
  });

  it("calls a text dump quoting angle brackets text (seed 000: 《2022年<政府工作报告>…》)", () => {
    expect(detectFormat("一、会议审议了《2022年<政府工作报告>主要目标任务责任分解表》")).toBe("text");
  });

  it("trusts the bytes over a text/plain Content-Type", () => {
    expect(detectFormat("<html><head><title>纪要</title></head></html>", "text/plain")).toBe("html");
  });

  it("lets a text/html Content-Type decide a page with a single tag", () => {
    expect(detectFormat("会议纪要<br>出席:李超鲲", "text/html")).toBe("html");
  });
});
