import { createHash } from "node:crypto";
import { recordId } from "../record/record-id";
import { type MeetingRecord, meetingRecordSchema, SCHEMA_VERSION } from "../record/record-schema";
import { extractPageText } from "./extract-page-text";
import { extractMeetingFields } from "./meeting/extract-meeting-fields";
import { checkDeadlineNow, ParseBudgetExceeded, withDeadline } from "./parse-deadline";
import type { PageInput, ParseOutcome } from "./parse-outcome";
import { PARSER_VERSION } from "./parser-version";

/**
 * The parser: raw page bytes → one record, or a rejection with a reason.
 * Never throws: a bug anywhere below becomes an "invalid-record" rejection
 * that names it, so one bad page cannot poison a batch. With `budgetMs`, a
 * page that takes longer is stopped at the next checkpoint and rejected as
 * "too-complex" (parse-deadline.ts).
 */
export function parsePage(bytes: Uint8Array, input: PageInput): ParseOutcome {
  try {
    return withDeadline(input.budgetMs, () => parseWithinBudget(bytes, input));
  } catch (error) {
    if (error instanceof ParseBudgetExceeded)
      return { ok: false, rejection: { code: "too-complex", message: error.message } };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, rejection: { code: "invalid-record", message: `the parser failed: ${message}` } };
  }
}

function parseWithinBudget(bytes: Uint8Array, input: PageInput): ParseOutcome {
  const stage = extractPageText(bytes, input);
  if (!stage.ok) return { ok: false, rejection: stage.rejection };
  const page = stage.page;
  checkDeadlineNow();
  const fields = extractMeetingFields(page);
  checkDeadlineNow();

  const url = input.url ?? page.meta.url;
  const record: MeetingRecord = {
    id: recordId({ indexNumber: fields.disclosure?.indexNumber, url, uri: input.uri }),
    schemaVersion: SCHEMA_VERSION,
    parserVersion: PARSER_VERSION,
    kind: fields.kind,
    title: fields.title ?? page.meta.title,
    publishedDate: page.meta.publishedDate ?? fields.disclosure?.publishedDate ?? null,
    script: page.script,
    region: fields.region,
    source: {
      uri: input.uri,
      url: url ?? null,
      siteName: page.meta.siteName,
      origin: page.meta.origin,
      format: page.format,
      encoding: page.encoding,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    },
    disclosure: fields.disclosure,
    meeting: fields.meeting,
    people: fields.people,
    body: page.bodyLines.join("\n"),
    warnings: [...page.warnings, ...fields.warnings],
    // the writer knows the other records; the parser sees one page
    duplicateOf: null,
  };

  const checked = meetingRecordSchema.safeParse(record);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `${i.path.join(".") || "(record)"}: ${i.message}`).join("; ");
    return {
      ok: false,
      rejection: { code: "invalid-record", message: `the parsed record fails the schema: ${problems}` },
    };
  }
  return { ok: true, record: checked.data };
}
