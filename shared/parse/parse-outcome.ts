import type { MeetingRecord } from "../record/record-schema";

/** What the parser was given: the raw bytes plus what S3 (or the CLI) knows about them. */
export interface PageInput {
  /** where the raw page lives: s3://bucket/key, or file:///abs/path from the CLI */
  uri: string;
  /** the object's Content-Type, e.g. "text/html; charset=gbk" */
  contentType?: string | undefined;
  /** the page's original web address, e.g. from object metadata `source-url` */
  url?: string | undefined;
  /** milliseconds the parse may take; beyond it the page is rejected as "too-complex". None: unbounded (the CLI). */
  budgetMs?: number | undefined;
}

/** Why a page became a rejection instead of a record. */
export type RejectionCode =
  | "empty" // zero bytes or only whitespace
  | "binary" // not text in any supported charset (images, PDFs, archives)
  | "too-large" // over the size guard
  | "undecodable" // text, but no charset decodes it without heavy damage
  | "too-complex" // the parse ran past its time budget (a page built to be slow)
  | "invalid-record"; // the parser built a record that fails the schema (a parser bug, kept visible)

export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** A page is either parsed into one record or rejected with a reason; parsing never throws. */
export type ParseOutcome = { ok: true; record: MeetingRecord } | { ok: false; rejection: Rejection };
