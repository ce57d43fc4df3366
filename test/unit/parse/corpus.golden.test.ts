import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePage } from "../../../shared/parse/parse-page";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { scorerForm } from "./support/compare";

/** 30 real pages from 30 sites (test/fixtures/corpus-html/README.md): the page stage's generic extraction, checked by hand. */
interface CorpusExpectation {
  title: string;
  publishedDate: string;
  bodyStart: string;
  encoding: string;
}

const DIR = new URL("../../fixtures/corpus-html/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("expected.json", DIR), "utf8")) as Record<string, CorpusExpectation>;
const records = new Map<string, MeetingRecord>();

function recordOf(file: string): MeetingRecord {
  const cached = records.get(file);
  if (cached) return cached;
  const outcome = parsePage(readFileSync(new URL(file, DIR)), {
    uri: `file:///corpus/${file}`,
    contentType: "text/html",
  });
  if (!outcome.ok) throw new Error(`${file} rejected: ${outcome.rejection.message}`);
  records.set(file, outcome.record);
  return outcome.record;
}

describe.each(Object.entries(expected))("corpus page %s", (file, want) => {
  it("finds the headline without site or channel suffixes", () => {
    expect(scorerForm(recordOf(file).title)).toBe(scorerForm(want.title));
  });

  it("finds the publication date", () => {
    expect(recordOf(file).publishedDate).toBe(want.publishedDate);
  });

  it("starts the body at the article's first words", () => {
    expect(scorerForm(recordOf(file).body)?.startsWith(scorerForm(want.bodyStart) as string)).toBe(true);
  });

  it("reports the encoding of the bytes, not of the declaration", () => {
    expect(recordOf(file).source.encoding).toBe(want.encoding);
  });
});
