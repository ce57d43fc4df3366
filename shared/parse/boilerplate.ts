import { TOOL_WORDS, WIDGET_WORDS } from "./lexicon/widget-words";
import { alternation } from "./regex-alternation";

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
  /主办单位|承办单位|协办单位|ICP备|ICP证|公网安备|版权所有|Copyright|All Rights Reserved|©\s*\d{4}|网站标识码|技术支持[::]|^与我们联系$|^联系我们($|\s*\|)|\|\s*(网站地图|站点地图|联系我们)|^(上一条|下一条|上一篇|下一篇|上篇|下篇)\s*[::]?/i;

/**
 * What sites print under an article, before their footer: teasers for other
 * articles (新闻推荐, 相关阅读, 相关新闻, 猜你喜欢), comment widgets (网友评论,
 * 评论一下, 抢沙发, 您需要登录后才可以评论), reposting statements (特别声明:,
 * 转载请注明) and contribution boxes (投稿邮箱). Everything after one is
 * another article's teaser or the site's, so it ends the article.
 */
const AFTER_ARTICLE = new RegExp(
  [
    `^(?:新闻|相关|热门|热点|精彩|为您|编辑|今日|更多)推荐`,
    `^相关(?:阅读|新闻|文章|报道|稿件|资讯)\\s*[::]?\\s*$`,
    `^(?:推荐|延伸|扩展)阅读\\s*[::]?\\s*$`,
    `^猜你喜欢`,
    `^(?:网友|热门|最新|全部|精彩|发表|我要|参与)评论`,
    `^评论一下`,
    `抢沙发`,
    `登录后才可以?(?:评论|发言|发表)`,
    `^(?:特别|版权|免责)?声明\\s*[::]`,
    `转载请注明`,
    `^投稿(?:邮箱|信箱|热线|电话)`,
  ].join("|"),
);
/** Footers run long (address, phone, licence on one line); article sentences with these words do too, so only lines up to this long end an article. */
const FOOTER_MAX_LENGTH = 200;

const TOOL_LINE = new RegExp(`^(?:${TOOL_WORDS.map((w) => w.replace(/[[\]()|/]/g, "\\$&")).join("|")})+$`);
const TOOL_LINE_MAX_LENGTH = 40;

/** What opens a breadcrumb: 您现在的位置:首页 > 开发区新闻 (seed 002), 当前位置, 位置. */
export const BREADCRUMB_LABEL = "(?:您现在的|您当前的|当前|您的|所在)?位置";

/** Dropped wherever they stand: breadcrumbs, share/QR widgets (seed 003: 扫一扫在手机打开当前页), related-reading labels (seed 001). */
const DROPPED = new RegExp(
  `^${BREADCRUMB_LABEL}\\s*[::]|扫一扫|二维码|手机打开当前页|用手机看|微信扫|^相关阅读\\s*[::]?$|^相关链接\\s*[::]?$|^分享到\\s*[::]?`,
);
const WIDGET_SEPARATORS = "[\\s:：!！.…\\[\\]【】()|/]*";
const WIDGET_LINE = new RegExp(`^${WIDGET_SEPARATORS}(?:(?:${alternation(WIDGET_WORDS)})${WIDGET_SEPARATORS})+$`, "i");
/** A picture caption label standing where the picture was: 【资料图】, [图片]. */
const CAPTION = /^[【[(]\s*(?:资料图片?|图片|图|视频|组图|摄影|音频)\s*[】\])]$/;
/** A picture's file name left where the picture stood: 640.jpg, 手机台.jpg, 3f2a9c…e1.png. */
const IMAGE_FILE = /^\S{1,80}\.(?:jpe?g|png|gif|bmp|webp)$/i;
/** A breadcrumb trail without its label: 首页 > 决策公开 > 重大会议. */
const BARE_BREADCRUMB = /^(?:网站首页|首页|主页)\s*[>»›]/;

/** Page-number bars of multi-page articles: 【1】【2】【3】【4】 (people-1), 上一页 1 2 下一页. */
const PAGINATION = /^(\s*(【\d{1,3}】|\[\d{1,3}\]|\d{1,3}|上一页|下一页|首页|尾页|末页)\s*)+$/;
/** A line with no letter or Han character at all that is this short is a widget (a "+1" like button), not text. */
const SYMBOL_LINE_MAX_LENGTH = 3;
const DROPPED_MAX_LENGTH = 80;

export function isFooterLine(line: string): boolean {
  return line.length <= FOOTER_MAX_LENGTH && (FOOTER.test(line) || AFTER_ARTICLE.test(line));
}

export function isToolLine(line: string): boolean {
  return line.length > 0 && line.length <= TOOL_LINE_MAX_LENGTH && TOOL_LINE.test(line);
}

export function isDroppedLine(line: string): boolean {
  if (line.length > DROPPED_MAX_LENGTH) return false;
  if (DROPPED.test(line) || PAGINATION.test(line) || WIDGET_LINE.test(line)) return true;
  if (IMAGE_FILE.test(line) || CAPTION.test(line) || BARE_BREADCRUMB.test(line) || isCredit(line)) return true;
  return line.length <= SYMBOL_LINE_MAX_LENGTH && !/\p{L}/u.test(line);
}

/**
 * An editor's credit, not article text: 责任编辑:王五, (天水在线编辑:马文洁),
 * 编辑 张三 审核 李四. Dropped wherever it stands, so its names never reach people.
 */
const CREDIT =
  /^[(（[【]?\s*\S{0,8}?(?:责任编辑|责编|编辑|审核|校对|初审|复审|终审|审校|监制|值班编辑)\s*[:：\s]\s*\S{1,12}(?:\s+\S{1,12}){0,5}\s*[)）\]】]?$/;
const CREDIT_MAX_LENGTH = 40;

function isCredit(line: string): boolean {
  return line.length <= CREDIT_MAX_LENGTH && CREDIT.test(line) && !/[。,，;；]/.test(line);
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
