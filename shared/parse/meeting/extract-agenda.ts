import type { AgendaItem } from "../../record/record-schema";
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from "../chinese-numeral";
import { checkDeadline } from "../parse-deadline";

/**
 * The agenda of minutes: numbered headings (一、 … 十二、) that say what the
 * meeting did — "会议审议了《…》", "会议听取了…报告并审议了《…》" (seeds
 * 000, 001) — each followed by its paragraphs, which say who proposed it
 * (会议原则同意区发改局提出的…) and what was decided. A numbered heading with
 * no agenda verb is a speech point (一、奋力完成全年目标任务, seed 002), not an
 * agenda item. Minutes that discuss a single matter have no numbers; then each
 * paragraph opening with 会议审议了 / 会议听取了 is an item.
 */

/** Verbs that head agenda items; 原则通过 etc. are decisions, not actions. */
const AGENDA_VERBS = [
  "审议",
  "听取",
  "研究",
  "讨论",
  "通报",
  "部署",
  "传达",
  "学习",
  "审定",
  "审阅",
  "审查",
  "观看",
  "决定",
  "议定",
];

const NUMBER = `[${CHINESE_NUMERAL_CHARS}]{1,4}|\\d{1,2}`;
/** 一、 / 十二、 / 3. / 3、 at the start of a paragraph. */
const HEADING = new RegExp(`^\\s*(${NUMBER})\\s*[、.．]\\s*(.+)$`, "u");
/**
 * (一) / (1) at the start of a paragraph (（一） before NFKC): minutes that
 * number their items this way (golden page laishui-mayor-office-minutes).
 * Minutes numbered 一、 use (一) for points inside an item, so these count
 * only when no 一、 heading is an agenda item.
 */
const PAREN_HEADING = new RegExp(`^\\s*\\(\\s*(${NUMBER})\\s*\\)\\s*[、.．]?\\s*(.+)$`, "u");

const VERB = `(?:${AGENDA_VERBS.join("|")})`;
/**
 * An agenda verb where an action is written: after 会议/会上/并/和 or at the
 * heading start, optionally with 了. Verbs run together (传达学习了,
 * 研究讨论《…》 — golden pages huoshan-county-executive-minutes-gbk and
 * gulou-fuzhou-executive-minutes) are each an action. What follows may be a
 * title (blanked to □), a figure (通报2023年上半年…) or a quote.
 */
const ACTION = new RegExp(
  `(?:^|会议|会上|并|和|及|还|又|、|,|，|;|；|专题|集中|认真)(${VERB}+)(?=了|并|$|\\p{Script=Han}|[《□\\d“"‘<〈(])`,
  "gu",
);
const ONE_VERB = new RegExp(VERB, "gu");
/** In reports (not minutes) the verb must follow 会议 or 会上 to count. */
const MEETING_ACTION = new RegExp(`^(?:会议|会上)(?:还|又|专题|集中|认真)?${VERB}`, "u");

/**
 * Where the agenda ends: the participant labels, the 整理 signature, a date
 * line, distribution notes. Only once an item has begun: minutes may print
 * the participant labels above the items (golden page laishui-mayor-office-minutes).
 */
const AGENDA_END =
  /^(?:出\s*席|列\s*席|参加人员|参加会议|参会人员|主\s*持|记\s*录|请\s*假|缺\s*席|抄\s*送|抄\s*报|发\s*[:：]|\(此件|（此件)|整理$|^\d{4}年\d{1,2}月\d{1,2}日$/u;

const PROPOSED_BY = /同意(.{2,60}?)(?:提出|提交|提请|报送|起草|拟定|上报)的/u;
const PROPOSER_SEPARATOR = /[、,，和及与]/;

/** The 《…》 titles of a text, whole even when they nest <…> or 《…》 inside (seed 000). */
export function documentTitles(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "《") {
      if (depth > 0) current += ch;
      depth++;
    } else if (ch === "》" && depth > 0) {
      depth--;
      if (depth === 0) {
        if (current.trim()) out.push(current.trim());
        current = "";
      } else current += ch;
    } else if (depth > 0) current += ch;
  }
  return out;
}

/** Blanks out 《…》 titles so verbs inside them (《研究…》) are not read as actions. */
function withoutTitles(text: string): string {
  let depth = 0;
  let out = "";
  for (const ch of text) {
    if (ch === "《") depth++;
    out += depth > 0 ? "□" : ch;
    if (ch === "》" && depth > 0) depth--;
  }
  return out;
}

export function agendaActions(heading: string): string[] {
  const actions: string[] = [];
  for (const m of withoutTitles(heading).matchAll(ACTION)) {
    for (const [verb] of (m[1] as string).matchAll(ONE_VERB)) if (!actions.includes(verb)) actions.push(verb);
  }
  return actions;
}

/** The heading text after its first actions: 会议审议了《…》 → 《…》, 研究讨论《…》 → 《…》. */
function subjectOf(heading: string): string {
  const m = new RegExp(`${VERB}+了?`, "u").exec(withoutTitles(heading));
  if (!m) return heading.trim();
  return heading.slice((m.index ?? 0) + m[0].length).trim();
}

function proposersOf(text: string): string[] {
  const m = PROPOSED_BY.exec(text);
  if (!m?.[1]) return [];
  return m[1]
    .split(PROPOSER_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length >= 2 && s.length <= 20);
}

/**
 * 同意 as the meeting's own act: 会议同意, 一致同意, and 会议决定，同意… /
 * 经研究，同意… where a comma stands between (golden page
 * gulou-fuzhou-executive-minutes). A 会议决定 that approves nothing (会议决定，
 * 由区国资中心牵头…) is no 同意.
 */
const APPROVED = /(?:会议|决定|一致|研究)[,，:：]?\s*同意|审议通过|会议通过/;

function decisionOf(text: string): string | null {
  if (/原则(?:同意|通过)/.test(text)) return "原则同意";
  if (APPROVED.test(text)) return "同意";
  return null;
}

/** Minutes that head items by topic (一、关于…的事项) and put the act in the paragraph: 会议听取了…. */
const TOPIC_HEADING = /^关于/;

function item(seq: number, fullHeading: string, following: string[]): AgendaItem {
  // a heading run together with its first paragraph: 一、会议审议了《…》。会议指出,…
  const stop = fullHeading.indexOf("。");
  const heading = stop >= 0 && stop < fullHeading.length - 1 ? fullHeading.slice(0, stop) : fullHeading;
  const paragraphs = heading === fullHeading ? following : [fullHeading.slice(stop + 1).trim(), ...following];
  const text = paragraphs.join("\n");
  const headed = agendaActions(heading);
  const topical = headed.length === 0 && TOPIC_HEADING.test(heading);
  return {
    seq,
    actions: topical ? agendaActions((paragraphs[0] ?? "").split("。")[0] ?? "") : headed,
    subject: topical ? heading.replace(TOPIC_HEADING, "") : subjectOf(heading),
    documents: documentTitles(heading),
    proposedBy: proposersOf(`${heading}\n${text}`),
    decision: decisionOf(text),
    text,
  };
}

/**
 * Agenda items of the body. `minutes` widens what counts as a heading: in a
 * report only "会议审议了…"-style headings are agenda, in minutes any
 * numbered heading with an agenda verb is.
 */
export function extractAgenda(bodyLines: readonly string[], minutes: boolean): AgendaItem[] {
  const lines = bodyLines.map((l) => l.trim()).filter((l) => l.length > 0);
  const numbered: { at: number; text: string }[] = [];
  const parenthesised: { at: number; text: string }[] = [];
  let end = lines.length;
  let started = false;
  for (let i = 0; i < lines.length; i++) {
    checkDeadline();
    const line = lines[i] as string;
    if (started && AGENDA_END.test(line)) {
      end = i;
      break;
    }
    if (MEETING_ACTION.test(line)) started = true;
    const plain = HEADING.exec(line);
    const m = plain ?? PAREN_HEADING.exec(line);
    if (!m?.[2] || parseChineseNumber(m[1] as string) === null) continue;
    const text = m[2];
    const heading = text.split("。")[0] ?? text;
    const isAgenda = minutes
      ? agendaActions(heading).length > 0 || TOPIC_HEADING.test(heading)
      : MEETING_ACTION.test(heading);
    if (isAgenda) {
      (plain ? numbered : parenthesised).push({ at: i, text });
      started = true;
    }
  }
  const headings = numbered.length > 0 ? numbered : parenthesised;
  if (headings.length > 0) {
    return headings.map((h, k) => item(k + 1, h.text, lines.slice(h.at + 1, headings[k + 1]?.at ?? end)));
  }
  if (!minutes) return [];
  // unnumbered minutes: each 会议审议了… paragraph opens an item
  const opens = lines.slice(0, end).flatMap((line, i) => (MEETING_ACTION.test(line) && /了/.test(line) ? [i] : []));
  return opens.map((at, k) => item(k + 1, lines[at] as string, lines.slice(at + 1, opens[k + 1] ?? end)));
}
