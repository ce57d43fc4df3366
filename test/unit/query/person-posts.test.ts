import { describe, expect, it } from "vitest";
import { personPosts } from "../../../shared/query/person-posts";

describe("personPosts", () => {
  it("gives each distinct title with the first and last dates it was seen, in the order first held", () => {
    const posts = personPosts([
      { sortDate: "2023-03-01", personTitles: ["区委书记"] },
      { sortDate: "2022-06-01", personTitles: ["区长", "区委副书记"] },
      { sortDate: "2021-01-10", personTitles: ["区长"] },
      { sortDate: "2022-12-01", personTitles: ["区委书记"] },
    ]);
    expect(posts).toEqual([
      { title: "区长", firstSeen: "2021-01-10", lastSeen: "2022-06-01" },
      { title: "区委副书记", firstSeen: "2022-06-01", lastSeen: "2022-06-01" },
      { title: "区委书记", firstSeen: "2022-12-01", lastSeen: "2023-03-01" },
    ]);
  });

  it("keeps a title seen only on undated pages, without dates, last", () => {
    expect(
      personPosts([
        { sortDate: "0000-00-00", personTitles: ["副区长"] },
        { sortDate: "2022-01-01", personTitles: ["区长"] },
      ]),
    ).toEqual([
      { title: "区长", firstSeen: "2022-01-01", lastSeen: "2022-01-01" },
      { title: "副区长", firstSeen: null, lastSeen: null },
    ]);
  });

  it("ignores items without titles", () => {
    expect(personPosts([{ sortDate: "2022-01-01" }, { sortDate: "2022-01-02", personTitles: [] }])).toEqual([]);
  });
});
