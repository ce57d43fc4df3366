import { describe, expect, it } from "vitest";
import { endsArticle, isDroppedLine, isFooterLine, isNavBullet, isToolLine } from "../../../shared/parse/boilerplate";

describe("boilerplate lines", () => {
  it.each([
    "主办单位:常州市钟楼区人民政府办公室 承办单位:常州市钟楼区电子政务中心",
    "苏公网安备32041102000483号 网站标识码:3204040002 苏ICP备05028197号",
    "Copyright © 2015-2024 InvestCHN.com All Rights Reserved. 版权所有:投促中国",
    "联系我们 | 网站地图 | 网站纠错",
    "上一条:我区召开物流行业专项整治行动推进会",
    "下一篇:区政府第24次常务会议纪要",
    "与我们联系",
  ])("treats %s as a footer", (line) => {
    expect(isFooterLine(line)).toBe(true);
  });

  it("does not treat an article sentence mentioning a copyright photo as a footer", () => {
    expect(isFooterLine("图为会议现场。(©视觉中国)")).toBe(false);
  });

  it.each(["【打印本页】 【关闭窗口】", "打印 下载本信息公开文件", "【字号:大 中 小】", "打印 | 关闭"])(
    "treats %s as a tool bar",
    (line) => {
      expect(isToolLine(line)).toBe(true);
    },
  );

  it("does not treat a sentence that starts with 打印 as a tool bar", () => {
    expect(isToolLine("打印机采购项目已完成")).toBe(false);
  });

  it.each([
    "您现在的位置:首页 > 开发区新闻 > 常州 > 文字新闻",
    "扫一扫在手机打开当前页 |",
    "相关阅读:",
    "【1】【2】【3】【4】",
    "+1",
  ])("drops %s wherever it stands", (line) => {
    expect(isDroppedLine(line)).toBe(true);
  });

  it("keeps a short article line", () => {
    expect(isDroppedLine("(此件公开发布)")).toBe(false);
  });

  it("ends the article at a print bar or a footer", () => {
    expect([endsArticle("【打印本页】"), endsArticle("版权所有:投促中国"), endsArticle("会议原则同意。")]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("recognises a menu bullet from a text dump, • 网站首页", () => {
    expect(isNavBullet("• 网站首页")).toBe(true);
  });

  it("does not take a long bulleted sentence for a menu item", () => {
    expect(isNavBullet("• 会议要求各部门进一步增强工作责任感和紧迫感")).toBe(false);
  });
});
