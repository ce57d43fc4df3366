import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitNameList } from "../../../../shared/parse/meeting/split-name-list";

const names = (value: string) => splitNameList(value).map((p) => p.name);

describe("splitNameList", () => {
  it("splits on 、", () => {
    expect(names("李超鲲、孙益锋、王旭锋")).toEqual(["李超鲲", "孙益锋", "王旭锋"]);
  });
  it("splits on commas and semicolons", () => {
    expect(names("李超鲲,孙益锋;王旭锋，胡金芳")).toEqual(["李超鲲", "孙益锋", "王旭锋", "胡金芳"]);
  });
  it("joins names padded to three columns, 曹  雷 → 曹雷", () => {
    expect(names("胡金芳、曹  雷、谢志诚")).toEqual(["胡金芳", "曹雷", "谢志诚"]);
  });
  it("splits space-separated lists and joins the padded names in them, 赵   钢 → 赵钢", () => {
    expect(names("恽淇丞 赵 钢 孙益锋 朱 岩 张征宇")).toEqual(["恽淇丞", "赵钢", "孙益锋", "朱岩", "张征宇"]);
  });
  it("pairs consecutive padded names, 王 健 陈 萍 → 王健, 陈萍", () => {
    expect(names("王今丰 王 健 陈 萍 杨伟峰")).toEqual(["王今丰", "王健", "陈萍", "杨伟峰"]);
  });
  it("restores a separator lost before a padded name, 王小伟谢  剑 → 王小伟, 谢剑", () => {
    expect(names("陈静、王小伟谢  剑、崔贤")).toEqual(["陈静", "王小伟", "谢剑", "崔贤"]);
  });
  it("restores a separator lost after a padded name, 曹 雷王行杰 → 曹雷, 王行杰", () => {
    expect(names("曹 雷王行杰")).toEqual(["曹雷", "王行杰"]);
  });
  it("keeps notes in parentheses with their name, 包建芬(区人大代表)", () => {
    expect(splitNameList("冯俊华、包建芬(区人大代表)")).toEqual([
      { name: "冯俊华", note: null },
      { name: "包建芬", note: "区人大代表" },
    ]);
  });
  it("keeps a note after a padded name, 刘  理(区政协委员)", () => {
    expect(splitNameList("刘  理(区政协委员)")).toEqual([{ name: "刘理", note: "区政协委员" }]);
  });
  it("reads full-width parentheses and separators", () => {
    expect(splitNameList("王五，李四（区政协委员）")).toEqual([
      { name: "王五", note: null },
      { name: "李四", note: "区政协委员" },
    ]);
  });
  it("drops a trailing 等 from the last name", () => {
    expect(names("王五、李四等")).toEqual(["王五", "李四"]);
  });
  it("drops entries that are no names at all", () => {
    expect(names("王五、各街道主要负责人")).toEqual(["王五"]);
  });
});

describe("splitNameList on generated lists", () => {
  const surname = fc.constantFrom(..."王李张刘陈杨赵黄周吴徐孙朱马胡郭何高林罗");
  const given = fc.constantFrom(..."伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚");
  const name = fc.tuple(surname, fc.array(given, { minLength: 1, maxLength: 2 })).map(([s, g]) => s + g.join(""));
  /** how minutes write a name: two-character names padded to three columns, or not */
  const written = (n: string, pad: boolean) => ([...n].length === 2 && pad ? [...n].join("  ") : n);

  it("recovers every name from 、-separated lists, padded or not", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.boolean()), { minLength: 1, maxLength: 12 }), (entries) => {
        const value = entries.map(([n, pad]) => written(n, pad)).join("、");
        expect(names(value)).toEqual(entries.map(([n]) => n));
      }),
    );
  });
  it("recovers every name from space-separated lists, padded or not", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.boolean()), { minLength: 1, maxLength: 12 }), (entries) => {
        const value = entries.map(([n, pad]) => written(n, pad)).join("  ");
        expect(names(value)).toEqual(entries.map(([n]) => n));
      }),
    );
  });
});

describe("splitNameList guesses", () => {
  it("notes a restored separator", () => {
    const guesses: string[] = [];
    splitNameList("王小伟谢  剑", guesses);
    expect(guesses).toEqual(['separator restored in "王小伟谢 剑"']);
  });
});
