/** The note's broker, report type, title and date when they share a line (src/picks/importer/identity.ts). */
import { findIdentity } from "../../../src/picks/importer/identity";
import { brokerSlug, UNKNOWN_BROKER_SLUG } from "../../../src/picks/brokers";
import { ID_PATTERN } from "../../../src/picks/ids";

const lines = (text: string): string[] => text.split("\n");

describe("the note's identity", () => {
  it("broker, report type and date on one line; the headline as title, not a section heading", () => {
    const id = findIdentity(lines("华泰证券 行业周报 2025年03月09日\n\n投资建议\n\nAI 算力持续景气，光模块龙头有望受益\n\n分析师：张三 S0570520010001"), 99);
    expect(id).toEqual({
      broker: "华泰证券",
      brokerEn: "Huatai Securities",
      reportType: "行业周报",
      reportTitle: "AI 算力持续景气，光模块龙头有望受益",
      printedDate: "2025-03-09",
      analysts: ["张三"],
    });
  });

  it("a broker it does not know keeps its printed name, in English too when printed in Latin letters", () => {
    expect(findIdentity(lines("星河证券 公司点评报告 2025-01-02\n星河科技：订单超预期"), 99)).toMatchObject({
      broker: "星河证券",
      brokerEn: "",
      reportTitle: "星河科技：订单超预期",
      printedDate: "2025-01-02",
    });
    expect(findIdentity(lines("Northstar Securities  Company Update  3 Feb 2025\nAcme: orders ahead of plan"), 99)).toMatchObject({
      broker: "Northstar Securities",
      brokerEn: "Northstar Securities",
      reportType: "Company Update",
      reportTitle: "Acme: orders ahead of plan",
    });
  });

  it("a broker named in English only gets its Chinese name when known", () => {
    expect(findIdentity(lines("GF Securities   Sector Report   12 Apr 2025\nStorage: the cycle turns"), 99)).toMatchObject({
      broker: "广发证券",
      brokerEn: "GF Securities",
    });
  });

  it("the source lines name the broker first", () => {
    const id = findIdentity(lines("2025-03-09\n题目\n资料来源：Wind，国信证券经济研究所\n资料来源：国信证券研究"), 99);
    expect(id.broker).toBe("国信证券");
  });

  it("skips rating, analyst, e-mail and section lines; falls back to the report type when no headline", () => {
    const id = findIdentity(lines("招商证券 行业点评报告 2025年03月09日\n推荐（维持）\n核心观点\n分析师：李四\nlisi@cmschina.com.cn"), 99);
    expect(id.reportTitle).toBe("行业点评报告");
  });

  it("a title is not looked for past the first table", () => {
    expect(findIdentity(lines("2025-03-09\n\n表1\n这是表格后的一句话"), 2).reportTitle).toBe("");
  });
});

describe("brokers the importer knows", () => {
  it("a house whose Chinese name is not …证券 is found on the identity line and by its English name", () => {
    expect(findIdentity(lines("中金公司 行业研究 2025-05-06\n算力：推理需求上行"), 99)).toMatchObject({ broker: "中金公司", brokerEn: "CICC", printedDate: "2025-05-06" });
    expect(findIdentity(lines("CICC Research  Sector Report  6 May 2025\nCompute: demand turns"), 99)).toMatchObject({ broker: "中金公司", brokerEn: "CICC" });
    // The regulator is not a broker: "China Securities Regulatory Commission" names no house.
    expect(findIdentity(lines("Sector Report  6 May 2025\nThe China Securities Regulatory Commission approved the listing"), 99).broker).toBe("");
  });

  it("a longer name that contains a known one's letters is not taken for it (中信建投证券 is not 中信证券)", () => {
    expect(findIdentity(lines("中信建投证券 公司点评报告 2025-01-02\n某公司：订单超预期"), 99).broker).toBe("中信建投证券");
  });

  it("slugs and names are unique, so ids and AIC.PICK's source argument name one house", () => {
    const { BROKERS } = jest.requireActual<typeof import("../../../src/picks/brokers")>("../../../src/picks/brokers");
    for (const key of ["zh", "en", "slug"] as const) expect(new Set(BROKERS.map((b) => b[key].toLowerCase())).size).toBe(BROKERS.length);
  });
});

describe("the slug of a broker's lists (list ids, AIC.PICK's source)", () => {
  it("a known broker's own slug, by either name", () => {
    expect(brokerSlug("华鑫证券")).toBe("huaxin");
    expect(brokerSlug("中金公司")).toBe("cicc");
  });

  it("an unknown house printed in Latin letters: its words, lower case, accents dropped", () => {
    expect(brokerSlug("Northstar Securities")).toBe("northstar-securities");
    expect(brokerSlug("Société Générale  Cross Asset Research")).toBe("societe-generale-cross-asset-research");
    expect(brokerSlug("J.P. Morgan & Co.")).toBe("j-p-morgan-co");
    expect(brokerSlug("Ｎｏｒｔｈｓｔａｒ Securities")).toBe("northstar-securities"); // full-width letters fold (NFKD)
    for (const slug of ["northstar-securities", "j-p-morgan-co"]) expect(slug).toMatch(ID_PATTERN);
  });

  it("a long name is cut at a word, within 40 characters", () => {
    const slug = brokerSlug("Very Long Name Of An Independent Research Boutique Partners");
    expect(slug).toBe("very-long-name-of-an-independent");
    expect(slug.length).toBeLessThanOrEqual(40);
  });

  it("never a known broker's slug, nor the unknown one: an unknown house named like one gets report- before it", () => {
    expect(brokerSlug("Huaxin")).toBe("report-huaxin");
    expect(brokerSlug("CICC")).toBe("cicc"); // the known house by its English name
    expect(brokerSlug("Huaxin Securities")).toBe("huaxin");
    expect(brokerSlug("Report")).toBe("report-report");
  });

  it("a Chinese (or other non-Latin) name the directory does not know, or nothing to spell: report", () => {
    expect(brokerSlug("某某证券")).toBe(UNKNOWN_BROKER_SLUG);
    expect(brokerSlug("Northstar 证券")).toBe(UNKNOWN_BROKER_SLUG);
    expect(brokerSlug("")).toBe(UNKNOWN_BROKER_SLUG);
    expect(brokerSlug("—")).toBe(UNKNOWN_BROKER_SLUG);
  });
});

describe("the broker from the page margins (a PDF's running lines, not text of the note)", () => {
  const body = lines("Sector Report  6 May 2025\nCompute: demand turns\nWe stay positive on optics.");

  it("when the text names no house: the one the margin lines name, known or printed", () => {
    expect(findIdentity(body, 99, ["EXAMPLE SECURITIES | Hong Kong Tech Weekly", "Page 1 of 1"])).toMatchObject({
      broker: "Example Securities",
      brokerEn: "Example Securities",
    });
    expect(findIdentity(body, 99, ["华泰证券 | 证券研究报告", "请务必阅读正文之后的免责声明"])).toMatchObject({ broker: "华泰证券", brokerEn: "Huatai Securities" });
    expect(findIdentity(body, 99, ["示例证券研究所", "第 1 页"])).toMatchObject({ broker: "示例证券", brokerEn: "" });
  });

  it("the text wins over the margins; margins that name no house change nothing", () => {
    const named = lines("Sector Report  6 May 2025\nCompute: demand turns\nSource: Bloomberg, Northstar Securities Research (prices as of 2025-05-05)");
    expect(findIdentity(named, 99, ["HUATAI SECURITIES"]).broker).toBe("Northstar Securities");
    expect(findIdentity(body, 99, ["Page 1 of 1", "Please read the disclaimer at the end of this report."]).broker).toBe("");
    expect(findIdentity(body, 99).broker).toBe("");
  });
});
