/**
 * Peoples named in autonomous divisions (延边朝鲜族自治州, 江华瑶族自治县,
 * 鄂温克族自治旗): pages write the place without them, 延边州, 江华县.
 */
export const PEOPLES: ReadonlySet<string> = new Set(
  "藏 羌 彝 回 苗 侗 土家 布依 傣 景颇 哈尼 壮 瑶 满 蒙古 朝鲜 哈萨克 柯尔克孜 达斡尔 鄂温克 鄂伦春 锡伯 塔吉克 白 傈僳 纳西 普米 独龙 怒 拉祜 佤 布朗 仡佬 水 毛南 仫佬 黎 畲 土 撒拉 保安 东乡 裕固 各 羌 哈尼 阿昌 德昂 基诺 京"
    .split(" ")
    .map((p) => `${p}族`),
);
