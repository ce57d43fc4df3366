import { describe, expect, it } from "vitest";
import { GOLDEN_SETS, goldenPages } from "../../quality/golden-pages";
import { percent, scorePage, tally } from "../../quality/score-pages";

/**
 * Every golden page (test/fixtures/pages/<slug>/) through the whole parser,
 * every hand-checked field scored by the rules of the team's score.mjs
 * (`npm run quality` prints the same numbers). Sets at 100% must match field
 * by field; every set must stay at or above its floor.
 */

const pages = goldenPages();
const results = pages.map(scorePage);

it("has every fixture set, each page with its source", () => {
  const count = (set: string) => pages.filter((p) => p.set === set).length;
  expect([count("seeds"), count("html"), count("text")]).toEqual([5, 30, 60]);
  expect(count("synthetic")).toBeGreaterThanOrEqual(15);
  expect(pages.filter((p) => p.source.length === 0).map((p) => p.slug)).toEqual([]);
});

describe.each(GOLDEN_SETS.map((set) => [set.name, set] as const))("fixture set %s", (name, set) => {
  const inSet = results.filter((r) => r.page.set === name);

  it(`scores at least ${set.floor}% over its hand-checked fields`, () => {
    const misses = inSet.flatMap((r) =>
      r.fields.filter((f) => f.score < 1).map((f) => `${r.page.slug} ${f.key}=${f.score.toFixed(2)}`),
    );
    expect(percent(tally(inSet).total), misses.join("\n")).toBeGreaterThanOrEqual(set.floor);
  });

  if (set.floor < 100) return;
  describe.each(inSet.map((r) => [r.page.slug, r] as const))("page %s", (_slug, result) => {
    it("is parsed into a record", () => {
      expect(result.rejection).toBeNull();
    });

    it.each(result.fields.map((f) => [f.key, f] as const))("reads %s as hand-checked", (key, field) => {
      expect(field.score, `${key}: want ${JSON.stringify(field.want)}, have ${JSON.stringify(field.have)}`).toBe(1);
    });
  });
});
