/**
 * The publishing site's name from a copyright line: "版权所有:投促中国"
 * (seeds 002/004) or "网易版权所有" (163 pages' Copyright meta). Footers
 * also say 版权所有 about other things (复制必究, 未经授权禁止复制和建立镜像 —
 * cjn-1, hexun-1) or next to years and licence numbers, so a name must look
 * like one.
 */
const OWNER_AFTER = /版权所有\s*[:]\s*(?:©\s*)?([^\s|,,。;;:]{2,30})/;
const OWNER_BEFORE = /([^\s|:©]{2,20})\s*版权所有/;
const NAME = /^[\p{Script=Han}A-Za-z0-9.()·&-]{2,30}$/u;
const HAN = /\p{Script=Han}/gu;
const NOT_A_NAME = /复制|转载|镜像|必究|保留|权利|授权|ICP|备案|技术支持/i;

export function siteNameFromCopyright(line: string): string | null {
  if (!line.includes("版权所有")) return null;
  for (const pattern of [OWNER_AFTER, OWNER_BEFORE]) {
    const candidate = pattern.exec(line)?.[1]?.replace(/^(Copyright|©|\d{4}(-\d{4})?)+/i, "");
    if (candidate && isName(candidate)) return candidate;
  }
  return null;
}

function isName(text: string): boolean {
  return NAME.test(text) && (text.match(HAN)?.length ?? 0) >= 2 && !NOT_A_NAME.test(text);
}
