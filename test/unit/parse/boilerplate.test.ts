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

describe("what sites print around an article", () => {
  it.each([
    "新闻推荐",
    "相关推荐",
    "相关阅读",
    "相关新闻:",
    "猜你喜欢",
    "网友评论",
    "评论一下",
    "还没有评论,快来抢沙发吧!",
    "您需要登录后才可以评论, 登录| 注册",
    "特别声明:以上内容为自媒体平台用户上传并发布,本平台仅提供信息存储服务。",
    "声明:本台原创稿件",
    "转载请注明来源于本站官方微信",
    "投稿邮箱:news@example.com",
    "上篇:全市召开春耕生产推进会",
  ])("ends the article at %s: what follows is other articles' teasers or the site's", (line) => {
    expect(endsArticle(line)).toBe(true);
  });

  it("does not end the article at a sentence that mentions related news", () => {
    expect(endsArticle("会议听取了相关新闻发布工作的汇报,并对下一步工作作出部署。")).toBe(false);
  });

  it.each([
    "进入老年版",
    "English 繁体版 无障碍浏览",
    "长者模式",
    "登录 注册",
    "信息搜索:",
    "访问量:",
    "取消收藏成功!",
    "[详细介绍]",
    "推荐中...",
  ])("drops the widget %s wherever it stands", (line) => {
    expect(isDroppedLine(line)).toBe(true);
  });

  it.each(["640.jpg", "手机台.jpg", "3f2a9cbd04e1a7c2.png", "政府常务会议.JPG"])(
    "drops the image file name %s left where a picture stood",
    (line) => {
      expect(isDroppedLine(line)).toBe(true);
    },
  );

  it.each(["【资料图】", "[图片]"])("drops the caption label %s", (line) => {
    expect(isDroppedLine(line)).toBe(true);
  });

  it("drops a breadcrumb trail without its label, 首页 > 决策公开 > 重大会议", () => {
    expect(isDroppedLine("首页 > 决策公开 > 重大会议")).toBe(true);
  });

  it.each(["责任编辑:王小明", "(网站编辑:李四)", "编辑 张三 审核 李四", "(责编:赵五)"])(
    "drops the editor's credit %s, so its names never reach people",
    (line) => {
      expect(isDroppedLine(line)).toBe(true);
    },
  );

  it("keeps a sentence that mentions editing", () => {
    expect(isDroppedLine("会议审核了编辑部提交的年度工作方案,同意印发实施。")).toBe(false);
  });
});
