/**
 * Lines that belong to the site, not the article. Patterns work on
 * normalised lines (NFKC, simplified), so ASCII punctuation and simplified
 * characters only. Two kinds: lines that end the article (a footer, 上一条,
 * the print bar) and lines dropped wherever they stand (breadcrumbs, share
 * widgets).
 */

/**
 * Page footers and what follows an article: site ownership (主办单位,
 * 承办单位, ICP备, 公网安备, 版权所有, Copyright, 网站标识码 — seeds 000/001),
 * footer link bars (联系我们 | 网站地图), the "与我们联系" contact block and
 * 上一条/下一条 links (seeds 002/004).
 */
const FOOTER =
  /主办单位|承办单位|协办单位|ICP备|ICP证|公网安备|版权所有|Copyright|All Rights Reserved|©\s*\d{4}|网站标识码|技术支持[::]|^与我们联系$|^联系我们($|\s*\|)|\|\s*(网站地图|站点地图|联系我们)|^(上一条|下一条|上一篇|下一篇)\s*[::]?/i;
/** Footers run long (address, phone, licence on one line); article sentences with these words do too, so only lines up to this long end an article. */
const FOOTER_MAX_LENGTH = 200;

/** Words of print/close/share bars: 【打印本页】 【关闭窗口】 (seed 000), 打印 下载本信息公开文件 (seed 001), 【字号 大 中 小】. */
const TOOL_WORDS = [
  "下载本信息公开文件",
  "打印本页",
  "打印此页",
  "打印文章",
  "打印",
  "关闭窗口",
  "关闭本页",
  "关闭",
  "返回顶部",
  "返回首页",
  "返回",
  "收藏本页",
  "收藏",
  "加入收藏",
  "下载",
  "保存",
  "分享到",
  "分享",
  "纠错",
  "字号",
  "字体",
  "默认",
  "超大",
  "大",
  "中",
  "小",
  "【",
  "】",
  "[",
  "]",
  "(",
  ")",
  "|",
  ":",
  "/",
  "·",
  "•",
  " ",
];
const TOOL_LINE = new RegExp(`^(?:${TOOL_WORDS.map((w) => w.replace(/[[\]()|/]/g, "\\$&")).join("|")})+$`);
const TOOL_LINE_MAX_LENGTH = 40;

/** What opens a breadcrumb: 您现在的位置:首页 > 开发区新闻 (seed 002), 当前位置, 位置. */
export const BREADCRUMB_LABEL = "(?:您现在的|您当前的|当前|您的|所在)?位置";

/** Dropped wherever they stand: breadcrumbs, share/QR widgets (seed 003: 扫一扫在手机打开当前页), related-reading labels (seed 001). */
const DROPPED = new RegExp(
  `^${BREADCRUMB_LABEL}\\s*[::]|扫一扫|二维码|手机打开当前页|用手机看|微信扫|^相关阅读\\s*[::]?$|^相关链接\\s*[::]?$|^分享到\\s*[::]?`,
);
/** Page-number bars of multi-page articles: 【1】【2】【3】【4】 (people-1), 上一页 1 2 下一页. */
const PAGINATION = /^(\s*(【\d{1,3}】|\[\d{1,3}\]|\d{1,3}|上一页|下一页|首页|尾页|末页)\s*)+$/;
/** A line with no letter or Han character at all that is this short is a widget (a "+1" like button), not text. */
const SYMBOL_LINE_MAX_LENGTH = 3;
const DROPPED_MAX_LENGTH = 80;

export function isFooterLine(line: string): boolean {
  return line.length <= FOOTER_MAX_LENGTH && FOOTER.test(line);
}

export function isToolLine(line: string): boolean {
  return line.length > 0 && line.length <= TOOL_LINE_MAX_LENGTH && TOOL_LINE.test(line);
}

export function isDroppedLine(line: string): boolean {
  if (line.length > DROPPED_MAX_LENGTH) return false;
  if (DROPPED.test(line) || PAGINATION.test(line)) return true;
  return line.length <= SYMBOL_LINE_MAX_LENGTH && !/\p{L}/u.test(line);
}

/** Lines that end an article: everything after them is site furniture. */
export function endsArticle(line: string): boolean {
  return isFooterLine(line) || isToolLine(line);
}

/** A navigation bullet from a text dump of a menu: "• 网站首页" (seeds 000/001). */
const NAV_BULLET = /^[•·●◆■▪►]\s*\S{0,12}$/;

export function isNavBullet(line: string): boolean {
  return NAV_BULLET.test(line);
}
