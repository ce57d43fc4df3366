import { type AgendaDecision, type AgendaItem, agendaDecisions } from "../../record/record-schema";
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from "../chinese-numeral";
import { checkDeadline } from "../parse-deadline";

/**
 * The agenda of a meeting. Minutes number their items (一、 … 十二、, (一),
 * 1.) with headings that say what the meeting did — "会议审议了《…》",
 * "会议听取了…报告并审议了《…》" (seeds 000, 001) — each followed by its
 * paragraphs, which say who proposed it (会议原则同意区发改局提出的…) and
 * what was decided. A numbered heading with no agenda verb is a speech point
 * (一、奋力完成全年目标任务, seed 002), not an item — unless a line such as
 * "会议研究了以下事项:" or "会议议定:" announces the list, or the heading
 * names a 请示. Pages that do not number their items (minutes of a single
 * matter, most news reports) open an item at each sentence in which the
 * meeting acts: "会议审议《…》。原则同意…", "会议还听取了…".
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
  `(?:^|会议|会上|并|和|及|还|又|也|、|,|，|;|；|专题|集中|认真|组织|首先|先后|一并|同时|重点)(${VERB}+)(?=了|并|$|\\p{Script=Han}|[《□\\d“"‘<〈(:：])`,
  "gu",
);
const ONE_VERB = new RegExp(VERB, "gu");
/** In reports (not minutes) the verb must follow 会议 or 会上 to count. */
const MEETING_ACTION = new RegExp(`^(?:会议|会上)(?:还|又|专题|集中|认真)?${VERB}`, "u");

/** Verbs that open an item; 决定 and 议定 say what the meeting made of one. */
const OPENING_VERB = `(?:${AGENDA_VERBS.filter((v) => v !== "决定" && v !== "议定").join("|")})`;
/** A sentence in which the meeting takes up a matter: 会议审议《…》, 会议还听取了…, 会上传达学习了…. */
const OPENING_SENTENCE = new RegExp(
  `^(?:会议|会上)(?:还|又|也|首先|先后|同时|专题|集中|认真|一并|重点)?(?:组织)?${OPENING_VERB}`,
  "u",
);
/** Where a sentence's next clause has the meeting speak again: ",会议决定…". */
const NEXT_CLAUSE_OF_MEETING = /[,，](?=会议|会上)/u;
/** "会议还研究了其他事项": a closing formula, not an item. */
const OTHER_MATTERS = /^[^。]{0,12}其他(?:有关)?(?:事项|事宜|工作|议题|问题)[。.]?$/u;
/**
 * A line that announces a list of items: 会议研究了以下事项:, 审议了如下议题,
 * 会议议定:, 会议决定如下:, 研究了下列请示. The numbered lines after it are
 * items whether or not they carry a verb.
 */
const LIST_INTRO = new RegExp(
  `(?:${VERB}了?(?:以下|如下|下列)[^。]{0,6}(?:事项|议题|请示|问题|内容)[:：]?|(?:^|会议|会上|经研究)(?:议定|决定)(?:事项)?(?:如下)?[:：])\\s*$`,
  "u",
);
/** A numbered heading that only names a kind of business: 一、审议事项, 二、听取汇报事项, 三、会议议定事项. */
const SECTION_HEADING = new RegExp(`^(?:会议)?(?:${VERB}){1,2}(?:汇报|报告)?(?:的)?(?:事项|议题|内容)[:：]?$`, "u");

/**
 * Real agendas run to a few dozen items; past this many, what follows is
 * read as the last item's text, so a page of nothing but 会议研究了… sentences
 * costs no more per byte than any other text.
 */
const MAX_AGENDA_ITEMS = 100;

interface Heading {
  at: number;
  text: string;
  /** the verbs of the list intro or section the heading stands under */
  verbs: string[];
}

/** A heading that names a 请示 (区财政局关于…的请示): a matter put to the meeting. */
const REQUEST_HEADING = /请示》?[。.]?$/u;

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

/**
 * The heading's first run of acts, verbs joined by 并/和 and a decision
 * included: 审议了, 研究讨论, 听取并审议通过了, 讨论并原则通过了, 听取和审议了.
 */
const LEADING_ACTS = new RegExp(
  `${VERB}{1,4}(?:(?:并|和|及|与|、)(?:原则)?(?:${AGENDA_VERBS.join("|")}|通过|同意|批准){1,3}){0,3}了?`,
  "u",
);

/** The heading text after its first acts: 会议审议了《…》 → 《…》, 会议听取并审议通过了X → X. */
function subjectOf(heading: string): string {
  const m = LEADING_ACTS.exec(withoutTitles(heading));
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
 * The words by which the meeting approves, as its own act: 会议同意, 一致同意,
 * 会议决定，同意… / 经研究，同意… where a comma stands between (golden page
 * gulou-fuzhou-executive-minutes), a sentence that opens 原则同意…, 审议通过,
 * 讨论并原则通过了. 通过 alone after a comma is "by means of" (通过开展…), so
 * it counts only after a word of deciding. A 会议决定 that approves nothing
 * (会议决定，由区国资中心牵头…) decides, but is no 同意.
 */
const APPROVAL = new RegExp(
  [
    "(原则同意|原则通过)",
    "(?:^|会议|会上|决定|议定|一致|研究|讨论|[,，:：])(?:并|后)?(同意)",
    "(?:会议|会上|审议|讨论|表决|一致|决定|议定)(?:并|后)?(通过)",
  ].join("|"),
  "u",
);
/** The meeting deciding without (yet) approving: 会议决定…, 会议议定:…, 经研究决定…. */
const RESOLUTION = /^(?:会议|会上)?(?:经)?(?:研究|讨论)?(?:决定|议定)|(?:会议|会上)(?:研究|讨论)?(?:决定|议定)/u;

/** The sentences of a text, each with its closing 。/；/！. */
function sentencesOf(text: string): string[] {
  return (text.match(/[^。；;！!？?\n]+[。；;！!？?]?/gu) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
}

function approvalIn(sentence: string): AgendaDecision | null {
  const m = APPROVAL.exec(sentence);
  return m ? ((m[1] ?? m[2] ?? m[3]) as AgendaDecision) : null;
}

/** The sentences in which the meeting decides, and the strongest approval among them (原则同意 first, as record.md lists them). */
function decisionOf(sentences: readonly string[]): { decision: AgendaDecision | null; decisionText: string | null } {
  const deciding = sentences.filter((s) => approvalIn(withoutTitles(s)) !== null || RESOLUTION.test(s));
  const found = new Set(deciding.map((s) => approvalIn(withoutTitles(s))));
  const decision = agendaDecisions.find((d) => found.has(d)) ?? null;
  return { decision, decisionText: deciding.length > 0 ? deciding.join("") : null };
}

/** Minutes that head items by topic (一、关于…的事项) and put the act in the paragraph: 会议听取了…. */
const TOPIC_HEADING = /^关于/;

function item(seq: number, fullHeading: string, following: string[], listVerbs: string[] = []): AgendaItem {
  // a heading run together with its first paragraph: 一、会议审议了《…》。会议指出,…
  const stop = fullHeading.indexOf("。");
  const heading = stop >= 0 && stop < fullHeading.length - 1 ? fullHeading.slice(0, stop) : fullHeading;
  const paragraphs = heading === fullHeading ? following : [fullHeading.slice(stop + 1).trim(), ...following];
  const text = paragraphs.join("\n");
  const headed = agendaActions(heading);
  const topical = headed.length === 0 && (TOPIC_HEADING.test(heading) || REQUEST_HEADING.test(heading));
  const firstSentence = (paragraphs[0] ?? "").split("。")[0] ?? "";
  const actions = headed.length > 0 ? headed : topical ? agendaActions(firstSentence) : [];
  return {
    seq,
    actions: actions.length > 0 ? actions : listVerbs,
    subject: topical ? heading.replace(TOPIC_HEADING, "") : subjectOf(heading),
    documents: documentTitles(heading),
    proposedBy: proposersOf(`${heading}\n${text}`),
    ...decisionOf(sentencesOf(`${heading}。\n${text}`)),
    text,
  };
}

/**
 * Agenda items of the body. `minutes` widens what counts as a heading: in a
 * report only "会议审议了…"-style headings are agenda, in minutes any
 * numbered heading with an agenda verb is; after a list intro (会议研究了以下
 * 事项:) every numbered line is.
 */
export function extractAgenda(bodyLines: readonly string[], minutes: boolean): AgendaItem[] {
  // a page cut off after the verb (…会议还研究) opens an item that names nothing
  return readAgenda(bodyLines, minutes)
    .filter((i) => i.subject !== "" || i.text !== "")
    .map((i, k) => ({ ...i, seq: k + 1 }));
}

function readAgenda(bodyLines: readonly string[], minutes: boolean): AgendaItem[] {
  const lines = bodyLines.map((l) => l.trim()).filter((l) => l.length > 0);
  const numbered: Heading[] = [];
  const parenthesised: Heading[] = [];
  let end = lines.length;
  let started = false;
  /** the verbs of the list intro in force, [] when none */
  let listVerbs: string[] | null = null;
  let introAt = -1;
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
    if (!m?.[2] || parseChineseNumber(m[1] as string) === null) {
      if (LIST_INTRO.test(line)) {
        listVerbs = agendaActions(line);
        introAt = i;
        started = true;
      }
      continue;
    }
    const text = m[2];
    const heading = text.split("。")[0] ?? text;
    if (plain && SECTION_HEADING.test(heading)) {
      // 一、审议事项 over (一)…(二)…: a section whose (一) lines are the items
      listVerbs = agendaActions(heading);
      started = true;
      continue;
    }
    const isAgenda =
      listVerbs !== null ||
      REQUEST_HEADING.test(heading) ||
      (minutes ? agendaActions(heading).length > 0 || TOPIC_HEADING.test(heading) : MEETING_ACTION.test(heading));
    if (isAgenda) {
      (plain ? numbered : parenthesised).push({ at: i, text, verbs: listVerbs ?? [] });
      started = true;
    }
  }
  const headings = (numbered.length > 0 ? numbered : parenthesised).slice(0, MAX_AGENDA_ITEMS);
  if (headings.length > 0) {
    return headings.map((h, k) => item(k + 1, h.text, lines.slice(h.at + 1, headings[k + 1]?.at ?? end), h.verbs));
  }
  const unnumbered = unnumberedItems(lines.slice(0, end));
  if (unnumbered.length > 0 || introAt < 0) return unnumbered;
  // 会议议定: over unnumbered paragraphs: each paragraph is one decided item
  return lines
    .slice(introAt + 1, end)
    .slice(0, MAX_AGENDA_ITEMS)
    .map((line, k) => item(k + 1, line, [], listVerbs ?? []));
}

/**
 * Items of a page that does not number them: each sentence in which the
 * meeting takes up a matter opens one, and the sentences up to the next such
 * sentence (in its paragraph and the paragraphs after) are its text.
 */
function unnumberedItems(lines: readonly string[]): AgendaItem[] {
  const opened: { heading: string; text: string[] }[] = [];
  for (const line of lines) {
    let paragraph: string[] = [];
    const flush = () => {
      const current = opened[opened.length - 1];
      if (current && paragraph.length > 0) current.text.push(paragraph.join(""));
      paragraph = [];
    };
    for (const sentence of sentencesOf(line)) {
      const opens =
        opened.length < MAX_AGENDA_ITEMS &&
        OPENING_SENTENCE.test(sentence) &&
        !OTHER_MATTERS.test(sentence) &&
        !LIST_INTRO.test(sentence);
      if (opens) {
        flush();
        // 会议研究了X,会议决定…: the act is the clause before the meeting speaks again
        const restart = NEXT_CLAUSE_OF_MEETING.exec(sentence);
        const heading = restart ? sentence.slice(0, restart.index) : sentence;
        opened.push({ heading: heading.replace(/[。；;]$/u, ""), text: [] });
        if (restart) paragraph.push(sentence.slice(restart.index + 1));
      } else paragraph.push(sentence);
    }
    flush();
  }
  return opened.map((o, k) => item(k + 1, o.heading, o.text));
}
