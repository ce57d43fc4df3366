/**
 * Decides whether a page is written in traditional or simplified characters
 * by counting frequent characters whose forms differ between the two scripts.
 * A ratio, not a presence test: simplified pages quote the odd traditional
 * form (names, shop signs) and converted pages leak simplified ones.
 */

/**
 * Frequent characters that exist only in traditional writing, each paired by
 * position with its simplified form. Taught by seed 003 (a 钟楼区 page served
 * in traditional script with pinyin annotations); the simplified column omits
 * forms that traditional text also uses (后, 干, 于, 准, 划), so they never
 * count as evidence.
 */
export const TRADITIONAL_ONLY =
  "會議區縣鄉鎮國發們這個來時為說對經與進關開長學動問實業現當從機點員體過還門導務書記場號傳聽論請讓設認調辦總統計華黨報產農環濟財稅價錢貸審領廣東歐陸陳劉張趙鄭吳楊黃葉許蘇鐘樓萬億歲歷專職級態勢權責規組織參選舉應該將軍隊護衛醫療藥師團結協義質讀寫畫電話視頻網絡軟圖館車輛運輸線條節約處緊強覺興風險證據備測試達標順預壓積極檔確";
export const SIMPLIFIED_ONLY =
  "会议区县乡镇国发们这个来时为说对经与进关开长学动问实业现当从机点员体过还门导务书记场号传听论请让设认调办总统计华党报产农环济财税价钱贷审领广东欧陆陈刘张赵郑吴杨黄叶许苏钟楼万亿岁历专职级态势权责规组织参选举应该将军队护卫医疗药师团结协义质读写画电话视频网络软图馆车辆运输线条节约处紧强觉兴风险证据备测试达标顺预压积极档确";

/** Per UTF-16 code unit: 1 = traditional-only, 2 = simplified-only. All lexicon characters are in the BMP. */
const TELLING = new Uint8Array(0x10000);
for (const ch of TRADITIONAL_ONLY) TELLING[ch.charCodeAt(0)] = 1;
for (const ch of SIMPLIFIED_ONLY) TELLING[ch.charCodeAt(0)] = 2;
/** A page's script shows in its first characters; a huge page need not be read to the end. */
const SAMPLE_CHARS = 1_000_000;

/** Below this many telling characters a page is too short to call traditional. */
const MIN_EVIDENCE = 3;
/** Share of telling characters that must be traditional for the page to be traditional. */
const TRADITIONAL_RATIO = 0.6;

export type Script = "simplified" | "traditional";

/**
 * `utf8`: the bytes `text` was decoded from, when they are valid UTF-8
 * (DecodedText.utf8). They are counted instead of the characters, ASCII four
 * bytes at a time, with the same result: every telling character is three
 * bytes whose first (E4–E9) never occurs inside another character.
 */
export function detectScript(text: string, utf8?: Uint8Array): Script {
  // A page of at most SAMPLE_CHARS bytes has at most as many characters: the sample is all of it.
  const [traditional, simplified] =
    utf8 && utf8.length <= SAMPLE_CHARS ? countUtf8(utf8) : countText(text, Math.min(text.length, SAMPLE_CHARS));
  const evidence = traditional + simplified;
  if (traditional < MIN_EVIDENCE || evidence === 0) return "simplified";
  return traditional / evidence >= TRADITIONAL_RATIO ? "traditional" : "simplified";
}

/** Traditional-only and simplified-only characters in text[0, end). */
function countText(text: string, end: number): [number, number] {
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < end; i++) {
    const kind = TELLING[text.charCodeAt(i)];
    if (kind === 1) traditional++;
    else if (kind === 2) simplified++;
  }
  return [traditional, simplified];
}

/** The same counts in valid UTF-8; after an ASCII byte, aligned words with no byte above 0x7F (four ASCII characters each) are skipped whole. */
function countUtf8(bytes: Uint8Array): [number, number] {
  let traditional = 0;
  let simplified = 0;
  const n = bytes.length;
  // bytes before the first 4-byte-aligned one
  const head = (4 - (bytes.byteOffset & 3)) & 3;
  const wordCount = n > head ? (n - head) >>> 2 : 0;
  const words = wordCount > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + head, wordCount) : new Uint32Array(0);
  let i = 0;
  while (i < n) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      if (i >= head && ((i - head) & 3) === 0) {
        let word = (i - head) >>> 2;
        while (word < wordCount && ((words[word] as number) & 0x80808080) === 0) word++;
        i = head + 4 * word;
      }
      continue;
    }
    if (lead < 0xe4 || lead > 0xe9) {
      i++;
      continue;
    }
    const code = ((lead & 0x0f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f);
    const kind = TELLING[code];
    if (kind === 1) traditional++;
    else if (kind === 2) simplified++;
    i += 3;
  }
  return [traditional, simplified];
}
