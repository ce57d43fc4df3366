import type { Meeting } from "../../record/record-schema";
import { checkDeadline } from "../parse-deadline";
import { findNamesBeforePosts, findPostedNames, type PostedName } from "./find-posted-names";
import { isPlausibleName } from "./person-name";

/**
 * Who chaired: 区长李超鲲主持召开 (seed 000), 区委副书记、代区长陆秋明主持会议
 * (seed 002), 会议由区长王某主持, or the 主持: label of minutes. The title is
 * the post written closest to the name (代区长, not 区委副书记): that is the
 * capacity in which the person chairs.
 */

type Chair = NonNullable<Meeting["chair"]>;

/**
 * 主持 right after the name, after 同志, a day or time (浙江省长李强17日上午主持), or a
 * place phrase (区长恽淇丞在区行政中心…会议室,主持召开 — seed 001; 杜伟在主持会议时).
 */
const CHAIRS = /^\s*(?:同志)?\s*(?:\d{1,2}日)?(?:上午|下午|晚上)?\s*(?:(?:在|于)[^。;；]{0,40}?[,，]?\s*)?主持/;
const CHAIRED_BY = /由([^,，。;；]{2,24}?)(?:同志)?主持/;
/** What may stand before an unposted chair's name: a clause start. */
const CLAUSE_START = /(?:^|[,，。;；:：\s])$/;
/** Several people chaired parts of the meeting: 分别主持 (会议由张三、李四分别主持). */
const SEVERAL_CHAIRS = /分别主持/;

function fromPosted(mention: PostedName): Chair {
  return { name: mention.name, title: mention.titles[mention.titles.length - 1] ?? null };
}

/** A chair named in a sentence, with or without a post; null when the sentence names none. */
export function chairInSentence(sentence: string): Chair | null {
  // post before the name (区长李超鲲主持) or after it (胡永光区长主持)
  const mentions = [...findPostedNames(sentence), ...findNamesBeforePosts(sentence)].sort((a, b) => a.start - b.start);
  for (const mention of mentions) {
    checkDeadline();
    if (CHAIRS.test(sentence.slice(mention.end))) return fromPosted(mention);
  }
  const by = CHAIRED_BY.exec(sentence)?.[1];
  if (by) {
    const posted = findPostedNames(`${by}主持`)[0];
    if (posted) return fromPosted(posted);
    if (isPlausibleName(by)) return { name: by, title: null };
  }
  // 李四主持会议, 李四同志主持召开: an unposted name right before 主持, at the start of a clause
  for (const m of sentence.matchAll(/(?:同志)?主持/g)) {
    checkDeadline();
    const before = sentence.slice(0, m.index ?? 0);
    for (const length of [3, 2]) {
      const name = before.slice(-length);
      if (isPlausibleName(name) && CLAUSE_START.test(before.slice(0, -length))) return { name, title: null };
    }
  }
  return null;
}

/**
 * A chair named without a post where they chair (headline 胡永光主持) gets the
 * post the page gives them elsewhere (胡永光区长主持召开), with a warning.
 */
function withKnownTitle(chair: Chair, titlesOf: (name: string) => string[], warnings: string[]): Chair {
  if (chair.title) return chair;
  const title = titlesOf(chair.name).at(-1) ?? null;
  if (title) warnings.push(`meeting.chair.title: ${title} taken from where the page names ${chair.name} with a post`);
  return { name: chair.name, title };
}

/**
 * The chair from the report sentences, else from the 主持: label; a labelled
 * chair gets the title the label gives (主持人:孟凡军(县长)), else the one the
 * page gives them where they chair, else their last post.
 */
export function extractChair(
  sentences: readonly string[],
  labelledChair: string | null,
  titlesOf: (name: string) => string[],
  warnings: string[] = [],
  labelledTitle: string | null = null,
): Chair | null {
  let fromSentence: Chair | null = null;
  for (const sentence of sentences) {
    if (SEVERAL_CHAIRS.test(sentence)) {
      warnings.push("meeting.chair: several people chaired (分别主持); no single chair");
      return null;
    }
    fromSentence = chairInSentence(sentence);
    if (fromSentence) break;
  }
  if (!labelledChair) return fromSentence && withKnownTitle(fromSentence, titlesOf, warnings);
  if (fromSentence && fromSentence.name === labelledChair) return fromSentence;
  if (labelledTitle) return { name: labelledChair, title: labelledTitle };
  return withKnownTitle({ name: labelledChair, title: null }, titlesOf, warnings);
}
