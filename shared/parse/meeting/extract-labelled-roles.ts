import type { PersonRef } from "../../record/record-schema";
import { splitAtLabels } from "../labelled-values";
import { ROLE_LABELS, type Role } from "../lexicon/role-labels";
import { checkDeadline } from "../parse-deadline";
import { spacedAlternation } from "../regex-alternation";
import { findPostedNames, type PostedName } from "./find-posted-names";
import { isPlausibleName, startsWithSurname } from "./person-name";
import { POST_CHAIN, splitPostChain } from "./post-lexicon";
import { splitNameList } from "./split-name-list";

/**
 * The labelled participant lines at the foot of minutes: 出席 / 参加人员,
 * 列席, 主持, 记录 (seeds 000, 001). Labels are padded to a common width
 * (主    持, 出  席) and lists wrap over several lines without a label
 * (seed 001), so a list runs on through every following line that holds
 * nothing but names.
 */

const labelToRole = new Map<string, Role>();
for (const [role, labels] of Object.entries(ROLE_LABELS) as [Role, readonly string[]][]) {
  for (const label of labels) labelToRole.set(label, role);
}

const LABEL_PATTERN = spacedAlternation([...labelToRole.keys()]);
/** Labels of three characters or more, distinct enough to stand without a colon mid-line. */
const LONG_LABEL_PATTERN = spacedAlternation([...labelToRole.keys()].filter((label) => label.length >= 3));
/**
 * A role label and its colon; more than one may share a line (主持:李超鲲
 * 记录:时以亮). Minutes laid out as a table render a row as "label value"
 * without a colon (主 持 人 刘德胜(镇长), 会议时间 … 会议地点 … — golden page
 * yungaisi-town-minutes-table): a label then counts at the line start, and a
 * long one after a space.
 */
const ROLE_LABEL = new RegExp(
  `(?:^|(?<=\\s))(${LABEL_PATTERN})\\s*[:：]|^(${LABEL_PATTERN})\\s+(?=\\S)|(?<=\\s)(${LONG_LABEL_PATTERN})\\s+(?=\\S)`,
  "gu",
);
const STARTS_WITH_ROLE = new RegExp(`^(?:${LABEL_PATTERN})(?:\\s*[:：]|\\s+\\S)`, "u");

/** A line that holds only names: Han runs of at most four characters, separators and (notes). */
const NAME_ONLY_LINE = /^[\p{Script=Han}\s、,，;；]+$/u;
const NOTE = /[(（][^()（）]*[)）]/g;

/** Organ suffixes: a listed unit (区发改局) is not a person. */
const ORGAN_SUFFIX = /(?:局|办|委|部|院|厅|室|所|站|队|司|会|处|科|中心|镇|街道|区|县|市|组|团)$/u;

export interface LabelledRoles {
  attendees: PersonRef[];
  observers: PersonRef[];
  chair: string | null;
  /** the post the 主持 label gives the chair: 主持人:孟凡军(县长), 主持:区长李超鲲 */
  chairTitle: string | null;
  recorder: string | null;
  /** the 会议时间 value, e.g. 2023年4月11日下午 */
  time: string | null;
  /** the 会议地点 value, e.g. 县政府第二会议室 */
  place: string | null;
  /** name boundaries guessed rather than written, e.g. a separator restored in 王小伟谢 剑 */
  warnings: string[];
}

/** A note that is a post: 孟凡军(县长), 葛磊(副县长,在省委党校学习). */
const POST_NOTE = new RegExp(`^(${POST_CHAIN})(?:$|[,，;；])`, "u");
/** What may follow a listed name: a separator, a note, the end. */
const ITEM_END = /^(?:$|[\s、,，;；(（])/;
const ITEM_SEPARATOR = /[\s、,，;；]/;

/**
 * 县发改局局长陶建平,县财政局局长褚立新 → 陶建平(县发改局局长),褚立新(县财政局局长):
 * a list item written post-first keeps its post as the person's note, the way
 * minutes write it in parentheses (golden pages laishui-mayor-office-minutes,
 * meitan-party-committee-minutes-han-date). The note is the whole item before
 * the name, so a department the post lexicon does not know (县自然资源和规划局)
 * stays in it.
 */
function postsAsNotes(value: string): string {
  // One pass each way: where every item starts, then the rewrites from the end
  // (re-scanning the value per name made a long list quadratic).
  const rewrites: { itemStart: number; mention: PostedName }[] = [];
  let itemStart = 0;
  let scanned = 0;
  for (const m of findPostedNames(value)) {
    for (; scanned < m.start; scanned++) if (ITEM_SEPARATOR.test(value[scanned] as string)) itemStart = scanned + 1;
    if (ITEM_END.test(value.charAt(m.end))) rewrites.push({ itemStart, mention: m });
  }
  const pieces: string[] = [];
  let rest = value.length;
  for (const { itemStart, mention: m } of rewrites.reverse()) {
    const note = value.slice(itemStart, m.end - m.name.length).trim();
    if (!note || m.end > rest) continue;
    pieces.push(value.slice(m.end, rest), `${m.name}(${note})`);
    rest = itemStart;
  }
  if (pieces.length === 0) return value;
  pieces.push(value.slice(0, rest));
  return pieces.reverse().join("");
}

function isNameOnlyLine(line: string): boolean {
  const bare = line.replace(NOTE, "");
  if (!bare.trim() || !NAME_ONLY_LINE.test(bare)) return false;
  return bare.split(/[\s、,，;；]+/).every((token) => [...token].length <= 4);
}

/** A listed person: a plausible name, or a four-character run starting with a surname that is no organ. */
function isListedName(name: string): boolean {
  if (ORGAN_SUFFIX.test(name)) return false;
  return isPlausibleName(name) || (startsWithSurname(name) && [...name].length === 4);
}

/** Where a labelled place ends: the sentence after it is the minutes' text (地点:区政府三楼会议室。会议听取了…). */
const PLACE_END = /[。;；!！?？]/u;
/** A room with its building and address fits in this; a longer value is text, not a place. */
const MAX_PLACE_LENGTH = 60;

/** The 地点 value as a place, or null (with a warning) when it cannot be one: too long, or holding a label of its own. */
function placeOf(value: string | undefined, warnings: string[]): string | null {
  if (!value) return null;
  const place = value.split(PLACE_END)[0]?.trim() ?? "";
  if (place && place.length <= MAX_PLACE_LENGTH && !place.includes(":")) return place;
  warnings.push(`meeting.location: the labelled place "${[...value].slice(0, 20).join("")}…" is no place; left out`);
  return null;
}

export function extractLabelledRoles(lines: readonly string[]): LabelledRoles {
  const values: Partial<Record<Role, string>> = {};
  const labels: Partial<Record<Role, string>> = {};
  for (let i = 0; i < lines.length; i++) {
    checkDeadline();
    const line = (lines[i] as string).trim();
    if (!STARTS_WITH_ROLE.test(line)) continue;
    const pairs = splitAtLabels(line, ROLE_LABEL);
    for (const { label, value } of pairs) {
      const role = labelToRole.get(label);
      if (role && values[role] === undefined) {
        values[role] = value;
        labels[role] = label;
      }
    }
    const lastLabel = pairs.at(-1)?.label;
    const lastRole = lastLabel === undefined ? undefined : labelToRole.get(lastLabel);
    if (lastRole !== "attendees" && lastRole !== "observers") continue;
    // the list wraps onto unlabelled lines (seed 001)
    // …but never onto the next label: 记 录 人 杨帆 looks like names only (golden page yungaisi-town-minutes-table)
    while (
      i + 1 < lines.length &&
      isNameOnlyLine((lines[i + 1] as string).trim()) &&
      !STARTS_WITH_ROLE.test((lines[i + 1] as string).trim())
    ) {
      values[lastRole] = `${values[lastRole] ?? ""} ${(lines[i + 1] as string).trim()}`;
      i++;
    }
  }
  const single = (value: string | undefined): { name: string; title: string | null } | null => {
    if (value === undefined) return null;
    const posted = findPostedNames(value)[0]; // 主持:区长李超鲲
    if (posted) return { name: posted.name, title: posted.titles[posted.titles.length - 1] ?? null };
    const person = splitNameList(value)[0];
    if (!person) return null;
    const post = person.note ? POST_NOTE.exec(person.note)?.[1] : undefined; // 主持人:孟凡军(县长)
    return { name: person.name, title: post ? (splitPostChain(post).pop() ?? null) : null };
  };
  const warnings: string[] = [];
  const list = (role: Role, value: string | undefined): PersonRef[] => {
    if (value === undefined) return [];
    const guesses: string[] = [];
    const people = splitNameList(postsAsNotes(value), guesses).filter((p) => isListedName(p.name));
    warnings.push(...guesses.map((g) => `meeting.${role}: ${g}`));
    return people;
  };
  const chair = single(values.chair);
  // a bare 时间: is also a byline label; it is the meeting's only beside a 地点: label
  const time = labels.time === "时间" && values.place === undefined ? undefined : values.time;
  return {
    attendees: list("attendees", values.attendees),
    observers: list("observers", values.observers),
    chair: chair?.name ?? null,
    chairTitle: chair?.title ?? null,
    recorder: single(values.recorder)?.name ?? null,
    time: time || null,
    place: placeOf(values.place, warnings),
    warnings,
  };
}
