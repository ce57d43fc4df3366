import { describe, expect, it } from "vitest";
import {
  extractReportedAttendees,
  extractReportedObservers,
} from "../../../../shared/parse/meeting/extract-reported-attendees";

const names = (lines: string[]) => extractReportedAttendees(lines).map((p) => p.name);
const observers = (lines: string[]) => extractReportedObservers(lines).map((p) => p.name);

describe("extractReportedAttendees", () => {
  it("reads the 、-list before 等…参加会议", () => {
    expect(
      names(["区委副书记、代区长陆秋明主持会议,王跃中、陈锁龙、刘国新、俞金红等区四套班子领导参加会议。"]),
    ).toEqual(["王跃中", "陈锁龙", "刘国新", "俞金红"]);
  });
  it("reads names with a group word before them, 市领导张三、李四出席会议", () => {
    expect(names(["市领导张三、李四出席会议。"])).toEqual(["张三", "李四"]);
  });
  it("reads nothing when only groups attend", () => {
    expect(names(["区四套班子全体领导;区发改局主要负责人出席会议。"])).toEqual([]);
  });
  it("reads groups of posted names separated by commas, 区委副书记、区长罗志坚,区委常委温海燕、黎建国出席会议", () => {
    expect(names(["区委副书记、区长罗志坚,区委常委温海燕、黎建国、钟伟出席会议。"])).toEqual([
      "罗志坚",
      "温海燕",
      "黎建国",
      "钟伟",
    ]);
  });
  it("leaves out the members counted after the names, 秘书长苟天林及委员共23人", () => {
    expect(names(["县人大常委会副主任何光明、杜晓燕,秘书长苟天林及委员共23人出席会议。"])).toEqual([
      "何光明",
      "杜晓燕",
      "苟天林",
    ]);
  });
  it("reads a named kind of meeting as the object, 出席座谈会", () => {
    expect(names(["县领导马永刚、李建军、张晓红出席座谈会。"])).toEqual(["马永刚", "李建军", "张晓红"]);
  });
  it("reads no person in a list of units, 区发改局、经信局、科技局主要负责人 (seed 003)", () => {
    expect(names(["区发改局、经信局、科技局、建设局、商务局、规划分局、国土分局主要负责人出席会议。"])).toEqual([]);
  });
  it("stops at a clause that is not a list of names", () => {
    expect(names(["会议由区长张三主持,副区长李四、王五出席会议。"])).toEqual(["李四", "王五"]);
  });
});

describe("extractReportedObservers", () => {
  it("reads the names before 列席会议, past the units that sat in too", () => {
    expect(
      observers(["县人大常委会主任蒲建华主持会议。副县长曾庆丰,县监委、县法院和县级有关部门负责同志列席会议。"]),
    ).toEqual(["曾庆丰"]);
  });
  it("reads posted names separated by commas, 区人大常委会主任陆家明,区政协主席廖婉君列席会议", () => {
    expect(observers(["区人大常委会主任陆家明,区政协主席廖婉君列席会议。"])).toEqual(["陆家明", "廖婉君"]);
  });
  it("does not take attendees for observers", () => {
    expect(observers(["市领导张三、李四出席会议。"])).toEqual([]);
  });
});

describe("participants read by the structure of the sentence", () => {
  it("reads bare names before 出席会议, X、Y、Z出席会议", () => {
    expect(names(["5月6日,区政府召开专题会议。姚建中、符晓梅、谷立新出席会议。"])).toEqual([
      "姚建中",
      "符晓梅",
      "谷立新",
    ]);
  });
  it("reads names before 等参加会议", () => {
    expect(names(["崔建华、宁小兵等参加会议。"])).toEqual(["崔建华", "宁小兵"]);
  });
  it("reads names before 列席会议 as observers", () => {
    expect(observers(["蓝向东、古丽萍列席会议。"])).toEqual(["蓝向东", "古丽萍"]);
  });
  it("reads a 区四套班子领导 list, the group word before the names", () => {
    expect(names(["区四套班子领导冉志刚、闵文静、邢少华参加会议。"])).toEqual(["冉志刚", "闵文静", "邢少华"]);
  });
  it("takes the post before a list of names, 副区长X、Y → both", () => {
    expect(names(["副区长贝晓峰、车立伟出席会议。"])).toEqual(["贝晓峰", "车立伟"]);
  });
  it("names nobody for a group, 各镇街主要负责同志参加会议", () => {
    expect(names(["各镇街主要负责同志参加会议。"])).toEqual([]);
  });
  it("reads a bare verb at the clause end, 谢一平等出席 and 出席并讲话", () => {
    expect(names(["区政协主席谢一平等出席,区委书记章红出席并讲话。"])).toEqual(["谢一平", "章红"]);
  });
  it("reads names the surname list does not know when the list has known ones, 副主任于丽华、巴图、宝玉", () => {
    expect(names(["旗人大常委会主任齐明义、副主任于丽华、巴图、宝玉及17位组成人员出席会议。"])).toEqual([
      "齐明义",
      "于丽华",
      "巴图",
      "宝玉",
    ]);
  });
  it("reads rare surnames after a group word, 县领导虢磊、岳岿", () => {
    expect(names(["县领导虢磊、岳岿参加会议。"])).toEqual(["虢磊", "岳岿"]);
  });
  it("reads no person from words alone, 开幕式、闭幕式出席", () => {
    expect(names(["开幕式、闭幕式出席人数众多。"])).toEqual([]);
  });
  it("reads through 应邀 and 全程 between the names and the verb", () => {
    expect(observers(["区人大常委会主任陈兴中、区政协主席叶梅林全程列席会议,李增伟、贺观方等领导应邀列席。"])).toEqual([
      "陈兴中",
      "叶梅林",
      "李增伟",
      "贺观方",
    ]);
  });
  it("joins a name to a posted one with 和, 区政协主席郑政平和副区长朱岩、徐俊", () => {
    expect(observers(["区人大常委会主任石伟军、区政协主席郑政平和副区长朱岩、徐俊列席会议。"])).toEqual([
      "石伟军",
      "郑政平",
      "朱岩",
      "徐俊",
    ]);
  });
  it("cuts the group after 及, even when it holds a 、, 罗均发及机关各委、室(中心)负责人", () => {
    expect(observers(["县人大常委会党组副书记周才明、罗均发及机关各委、室(中心)负责人列席会议。"])).toEqual([
      "周才明",
      "罗均发",
    ]);
  });
  it("does not read 及其 as a join of people, 区人大及其常委会各工作机构负责人", () => {
    expect(observers(["副区长郑晓东,区人大及其常委会各工作机构负责人列席会议。"])).toEqual(["郑晓东"]);
  });
  it("reads past groups separated by ; next to the verb", () => {
    expect(observers(["旗人民检察院检察长赵永平;旗财政局、审计局的负责同志;绍根镇的人大主席列席会议。"])).toEqual([
      "赵永平",
    ]);
  });
  it("reads names with the post after them, 钟国伟副主委,朱梅秘书长", () => {
    expect(names(["郑用琏、钟国伟副主委,朱梅秘书长以及市(州)主委20人出席会议。"])).toEqual([
      "郑用琏",
      "钟国伟",
      "朱梅",
    ]);
  });
  it("reads a posted name with a place before it, 江华政协副主席欧阳江波、冯云", () => {
    expect(observers(["江华人大常委会副主任钟江波,江华政协副主席欧阳江波、冯云应邀列席会议。"])).toEqual([
      "钟江波",
      "欧阳江波",
      "冯云",
    ]);
  });
  it("reads dotted names, 阿沛·晋源和秘书长索朗培杰", () => {
    expect(names(["自治区政协副主席李素芝、阿沛·晋源和秘书长索朗培杰出席会议。"])).toEqual([
      "李素芝",
      "阿沛·晋源",
      "索朗培杰",
    ]);
  });
  it("does not read the holders of a post as a name, 人大主席列席会议", () => {
    expect(observers(["副县长王卫,人大主席列席会议。"])).toEqual(["王卫"]);
  });
  it("reads nobody from posts without names, 副省长、省政府秘书长出席会议", () => {
    expect(names(["副省长、省政府顾问、省政府秘书长出席会议。"])).toEqual([]);
  });
  it("never joins two posted names and the words between them into one name, 区长王明主持会议副区长李强出席会议", () => {
    // a sentence that lost its punctuation: no item of it is a lone name
    expect(names(["区长王明主持会议副区长李强出席会议。"])).toEqual([]);
    expect(names(["区长王明主持会议 副区长李强出席会议。"])).toEqual([]);
    expect(observers(["副主任袁长霞 张玉清出席 副县长张传杰 副主席满春元列席会议。"])).not.toContainEqual(
      expect.stringMatching(/\s/),
    );
  });
});
