import type { PersonRef } from "../../record/record-schema";
import { findPostedNames } from "./find-posted-names";
import { isPlausibleName, startsWithSurname } from "./person-name";
import { splitNameList } from "./split-name-list";

/**
 * The labelled participant lines at the foot of minutes: 出席 / 参加人员,
 * 列席, 主持, 记录 (seeds 000, 001). Labels are padded to a common width
 * (主    持, 出  席) and lists wrap over several lines without a label
 * (seed 001), so a list runs on through every following line that holds
 * nothing but names.
 */

type Role = "attendees" | "observers" | "chair" | "recorder";

/** Label synonyms per role, after removing the padding inside them. */
const ROLE_LABELS: Record<Role, readonly string[]> = {
  attendees: [
    "出席",
    "出席人员",
    "出席会议",
    "出席会议人员",
    "出席领导",
    "参加人员",
    "参加会议",
    "参加会议人员",
    "参会人员",
    "参会领导",
    "与会人员",
    "出席会议的有",
    "参加会议的有",
    "参加",
  ],
  observers: ["列席", "列席人员", "列席会议", "列席会议人员", "列席领导", "列席会议的有"],
  chair: ["主持", "主持人", "会议主持"],
  recorder: ["记录", "记录人", "会议记录"],
};

const labelToRole = new Map<string, Role>();
for (const [role, labels] of Object.entries(ROLE_LABELS) as [Role, readonly string[]][]) {
  for (const label of labels) labelToRole.set(label, role);
}

const LABEL_PATTERN = [...labelToRole.keys()]
  .sort((a, b) => b.length - a.length)
  .map((label) => [...label].join("\\s*"))
  .join("|");
/** A role label and its colon; more than one may share a line (主持:李超鲲 记录:时以亮). */
const ROLE_LABEL = new RegExp(`(?:^|(?<=\\s))(${LABEL_PATTERN})\\s*[:：]`, "gu");
const STARTS_WITH_ROLE = new RegExp(`^(?:${LABEL_PATTERN})\\s*[:：]`, "u");

/** A line that holds only names: Han runs of at most four characters, separators and (notes). */
const NAME_ONLY_LINE = /^[\p{Script=Han}\s、,，;；]+$/u;
const NOTE = /[(（][^()（）]*[)）]/g;

/** Organ suffixes: a listed unit (区发改局) is not a person. */
const ORGAN_SUFFIX = /(?:局|办|委|部|院|厅|室|所|站|队|司|会|处|科|中心|镇|街道|区|县|市|组|团)$/u;

export interface LabelledRoles {
  attendees: PersonRef[];
  observers: PersonRef[];
  chair: string | null;
  recorder: string | null;
  /** name boundaries guessed rather than written, e.g. a separator restored in 王小伟谢 剑 */
  warnings: string[];
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

export function extractLabelledRoles(lines: readonly string[]): LabelledRoles {
  const values: Partial<Record<Role, string>> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!STARTS_WITH_ROLE.test(line)) continue;
    const matches = [...line.matchAll(ROLE_LABEL)];
    matches.forEach((m, k) => {
      const role = labelToRole.get((m[1] ?? "").replace(/\s+/g, ""));
      const start = (m.index ?? 0) + m[0].length;
      const end = matches[k + 1]?.index ?? line.length;
      if (role && values[role] === undefined) values[role] = line.slice(start, end).trim();
    });
    const lastRole = labelToRole.get((matches[matches.length - 1]?.[1] ?? "").replace(/\s+/g, ""));
    if (lastRole !== "attendees" && lastRole !== "observers") continue;
    // the list wraps onto unlabelled lines (seed 001)
    while (i + 1 < lines.length && isNameOnlyLine((lines[i + 1] as string).trim())) {
      values[lastRole] = `${values[lastRole] ?? ""} ${(lines[i + 1] as string).trim()}`;
      i++;
    }
  }
  const single = (value: string | undefined): string | null => {
    if (value === undefined) return null;
    const posted = findPostedNames(value)[0]; // 主持:区长李超鲲
    if (posted) return posted.name;
    return splitNameList(value)[0]?.name ?? null;
  };
  const warnings: string[] = [];
  const list = (role: Role, value: string | undefined): PersonRef[] => {
    if (value === undefined) return [];
    const guesses: string[] = [];
    const people = splitNameList(value, guesses).filter((p) => isListedName(p.name));
    warnings.push(...guesses.map((g) => `meeting.${role}: ${g}`));
    return people;
  };
  return {
    attendees: list("attendees", values.attendees),
    observers: list("observers", values.observers),
    chair: single(values.chair),
    recorder: single(values.recorder),
    warnings,
  };
}
