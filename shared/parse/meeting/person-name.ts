/**
 * What a Chinese personal name looks like in meeting pages: a surname from
 * the common list, then one or two given characters (a compound surname
 * allows two). The surname list is the guard that keeps phrases such as
 * 区长质量奖 (seed 000) or 区委常委会 from being read as "区长 + a name".
 */

/**
 * Single-character surnames: the 百家姓 list plus frequent modern ones that
 * it lacks. 恽 (seed 001, 恽淇丞) and 狄 (seed 002) are here on purpose.
 */
const BAIJIAXING_SURNAMES =
  "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公恽付覃闫揭蹇佘栗佟谌旷晋练亢衣";

/** Compound surnames, which make a four-character name possible. */
const COMPOUND_SURNAMES = [
  "欧阳",
  "司马",
  "上官",
  "诸葛",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "长孙",
  "宇文",
  "司徒",
  "夏侯",
  "令狐",
  "端木",
  "西门",
  "独孤",
  "南宫",
  "万俟",
  "闻人",
  "申屠",
];

/**
 * Frequent modern surnames the 百家姓 list lacks: 肖 (among the 30 commonest;
 * golden page meitan-party-committee-minutes-han-date, 肖 敏) and 苟 (golden
 * page santai-congress-standing-committee-news, 苟天林), with others of the
 * top few hundred. Characters that are also everyday words after a post
 * (商 in 商务局, 楼 in 楼宇, 展 in 展示, 修, 战, 智 …) are left out on purpose.
 */
const MODERN_SURNAMES = "肖岳兰涂牟芦麦苟隋丛苑邝楚鄢粟冼卿邸辜亓赫檀尧";

const SINGLE_SURNAMES = BAIJIAXING_SURNAMES + MODERN_SURNAMES;

const singleSurnames = new Set(SINGLE_SURNAMES);

const HAN = /^\p{Script=Han}+$/u;

/** The length of the surname a string starts with: 2 for 欧阳…, 1 for 王…, 0 when none. */
export function surnameLength(text: string): number {
  if (COMPOUND_SURNAMES.some((s) => text.startsWith(s))) return 2;
  const first = text[0];
  return first !== undefined && singleSurnames.has(first) ? 1 : 0;
}

export function startsWithSurname(text: string): boolean {
  return surnameLength(text) > 0;
}

/** A plausible full name: 2–4 Han characters starting with a surname (four only after a compound surname). */
export function isPlausibleName(text: string): boolean {
  if (!HAN.test(text) || text.length < 2 || text.length > 4) return false;
  const surname = surnameLength(text);
  if (surname === 0) return false;
  if (text.length === 4 && surname !== 2) return false;
  return text.length > surname;
}

/** Removes the padding CMS editors put inside two-character names: 曹  雷 → 曹雷. */
export function joinPaddedName(text: string): string {
  return text.replace(/\s+/g, "");
}

/** A name written with a middle dot, as Tibetan, Uyghur and transliterated names are: 帕巴拉·格列朗杰, 阿沛·晋源. */
const DOTTED = /^\p{Script=Han}{1,6}[·•・‧]\p{Script=Han}{1,8}$/u;
const SHORT_HAN = /^\p{Script=Han}{2,5}$/u;

/**
 * Characters of units, groups, places, dates and grammar that personal names
 * do not use: what tells 县政府顾问, 有关负责同志 or 上午 from 巴图 or 宝音满都呼.
 */
const NOT_IN_NAMES =
  /[省市县区镇乡村局办委部院厅室所站队处科组团司厂校府员们导门位等各有负责体议日月年时午晚在于的了并及与]/u;

/**
 * Whether text can be a name when the surname list does not vouch for it:
 * Mongolian, Tibetan and other names (巴图, 宝音满都呼, 白玛朗杰) and rare
 * surnames (虢磊). Only ever asked where the structure around the text —
 * a list of names, a post before it, a role verb after it — says a person stands there.
 */
export function isNameShaped(text: string): boolean {
  if (DOTTED.test(text)) return true;
  return SHORT_HAN.test(text) && !NOT_IN_NAMES.test(text);
}
