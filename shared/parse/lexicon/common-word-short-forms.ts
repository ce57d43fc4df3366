/**
 * Short forms that are everyday words or that other pages use for something
 * else (大兴 "vigorously", 光明 "bright", 市中 "in the city"): never read as a county.
 */
export const COMMON_WORD_SHORT_FORMS: ReadonlySet<string> = new Set(
  "会同 阿里 比如 资源 公安 新建 凤凰 天全 朝阳 和平 新华 长安 城关 中山 红旗 向阳 前进 新城 市中 城中 新兴 永安 平安 长城 宝山 金山 江北 江南 河东 河西 城东 城西 城北 城南 青山 白云 东山 南山 西山 北山 东方 南部 光明 中原 富裕 安宁 东安 江口 安国 南海 东海 西湖 东湖 元宝 工农 立山 红山 大东 铁山 山城 江城 上城 下城 双桥 长寿 太和 龙泉 兴安 海城 新民 华龙 龙华 文峰 新都 平山 大兴 永定 站前 铁西 铁东 红岗 凌河 清河 东港 东区 西区 南区 北区 新区 郊区 城区 矿区 开发 高新 经济 合作 建设 发展 团结 民主 和顺 同心 永和 长丰 丰收 太平 永新 新安 安定 大方 共和 吉利 利民 方正 滨海 沿河 大通 通道 平和 阳光 兴业 清水 大关".split(
    " ",
  ),
);
