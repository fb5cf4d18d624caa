/**
 * The note's identity: broker (Chinese and English), report type, title, report date and analysts.
 *
 * Rules:
 * - Report date: a line of the opening that is only a date or labels one ("报告日期: …", "Date: …"); else
 *   the date on a short identity line of the opening ("华泰证券 行业周报 2025年03月09日",
 *   "Sector update | 12 April 2025"). Price dates are the caller's fallback.
 * - Broker: the research house named by the source lines ("资料来源: Wind, 华鑫证券研究"), else the one named
 *   on the identity line, else the known broker named most often (Chinese or English name). Known brokers
 *   (src/picks/brokers.ts) get both names; another is kept as printed.
 * - Report type: the words of the identity line that name it (行业点评报告, 行业周报, Company update ...).
 * - Title: the first headline of the opening: not the identity line, not a section heading (投资建议,
 *   核心观点, Key points), not a rating, analyst or date line; else the report type.
 */
import { brokerByAnyName, BROKERS } from "../brokers";
import { foldForMatch, titleCase } from "../text";
import { dateOnlyLine, identityLineDate } from "./dates";
import { SOURCE_PREFIX_RE, isCaptionLine, isSourceLine } from "./lines";

export interface NoteIdentity {
  broker: string;
  brokerEn: string;
  reportType: string;
  reportTitle: string;
  /** The report date the note prints, or null. */
  printedDate: string | null;
  analysts: string[];
}

/** Lines of the opening where identity is looked for. */
const OPENING_LINES = 40;

const REPORT_TYPE_RE =
  /((?:[\u3400-\u9fff]{0,8}?(?:行业|公司|策略|宏观|固收|晨会|深度|专题|首次覆盖|跟踪|点评|事件)[\u3400-\u9fff]{0,6}?(?:报告|周报|月报|日报|点评|简报|研究|快报)(?:报告)?)|(?:(?:company|sector|industry|strategy|macro|initiation|weekly|monthly|daily|flash|equity)\s+(?:update|report|note|comment|review|research|flash|weekly|coverage)))/i;

/** Section headings that open a note's body and never title it. */
const SECTION_HEADING_RE =
  /^(?:投资建议|投资要点|核心观点|主要观点|报告摘要|摘要|事件|事件点评|点评|风险提示|行业相对表现|市场表现|相关研究|投资评级|本周观点|市场回顾|行业要闻|公司动态|重要声明|key points?|summary|investment summary|highlights|risks?|our view|valuation|recommendations?)[:：]?$/i;

const RATING_LINE_RE = /^(?:推荐|买入|增持|中性|减持|卖出|强烈推荐|谨慎推荐|优于大市|同步大市|看好|buy|overweight|outperform|neutral|hold|underweight|sell)(?:\s*[(（][^)）]{0,8}[)）])?$|^(?:评级|投资评级|rating)\s*[:：]/i;

const ANALYST_RE = /^\s*(?:证券|首席)?分析师(?:\s*[:：]\s*|\s+)([\u3400-\u9fff·]{2,5})(?=$|[\s,，;；(（A-Za-z0-9])/;
const ANALYST_EN_RE = /^\s*Analysts?\s*[:：]\s*([A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3})\s*$/;

const CN_BROKER_RE = /([\u3400-\u9fff]{2,8}?证券)(?:股份有限公司|有限责任公司)?/;
const EN_BROKER_RE = /\b([A-Z][A-Za-z&]+(?: [A-Z][A-Za-z&]+){0,3} (?:Securities|Research|Capital|Financial|Investment))\b/;

function brokerNames(printed: string): { zh: string; en: string } {
  const known = brokerByAnyName(printed);
  if (known) return { zh: known.zh, en: known.en };
  // Not known: the printed name; in English too when it is printed in Latin letters.
  return { zh: printed, en: /[\u3400-\u9fff]/.test(printed) ? "" : printed };
}

function mostVoted(votes: Map<string, number>): string {
  let best = "";
  let bestVotes = 0;
  for (const [name, count] of votes) {
    if (count > bestVotes) {
      best = name;
      bestVotes = count;
    }
  }
  return best;
}

function brokerOfSourceLines(lines: readonly string[]): string {
  const votes = new Map<string, number>();
  // Indexed loops over every line of the note (here and in findAnalysts): cheaper before optimisation.
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!isSourceLine(raw)) continue;
    const body = foldForMatch(raw).replace(SOURCE_PREFIX_RE, "");
    for (const segment of body.split(/[,;]/)) {
      const m =
        /^\s*([\u3400-\u9fff]{2,8}?证券)(?:股份有限公司|有限责任公司)?(?:研究院|研究所|研究部|研究中心|研究)/.exec(segment) ??
        /^\s*([A-Z][A-Za-z&]+(?: [A-Z][A-Za-z&]+){0,3} Securities)(?: Research)?\s*(?:[(（][^)）]*[)）]\s*)?$/.exec(segment);
      if (m) votes.set(m[1]!, (votes.get(m[1]!) ?? 0) + 1);
    }
  }
  return mostVoted(votes);
}

function brokerNamedOften(text: string): string {
  const votes = new Map<string, number>();
  const lower = text.toLowerCase();
  for (const broker of BROKERS) {
    const count = text.split(broker.zh).length - 1 + (lower.split(broker.en.toLowerCase()).length - 1);
    if (count > 0) votes.set(broker.zh, count);
  }
  return mostVoted(votes);
}

function brokerOnLine(raw: string): string {
  const folded = foldForMatch(raw);
  for (const broker of BROKERS) {
    if (folded.includes(broker.zh) || folded.toLowerCase().includes(broker.en.toLowerCase())) return broker.zh;
  }
  return CN_BROKER_RE.exec(folded)?.[1] ?? EN_BROKER_RE.exec(folded)?.[1] ?? "";
}

/** The house the margin lines name: a known broker named most often, else the first house name printed. */
function brokerInMargins(marginLines: readonly string[]): string {
  const known = brokerNamedOften(marginLines.map(foldForMatch).join("\n"));
  if (known !== "") return known;
  for (const raw of marginLines) {
    // A banner's parts ("EXAMPLE SECURITIES | Sector Weekly"); one in capitals is read as the name it spells.
    for (const part of raw.split(/\s*[|｜丨]\s*/)) {
      const name = brokerOnLine(/[a-z]/.test(part) ? part : titleCase(part));
      if (name !== "") return name;
    }
  }
  return "";
}

function findAnalysts(lines: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.includes("分析师") && !/analyst/i.test(raw)) continue;
    const m = ANALYST_RE.exec(raw) ?? ANALYST_EN_RE.exec(raw);
    if (m && !names.includes(m[1]!)) names.push(m[1]!);
  }
  return names;
}

function isHeadline(raw: string, broker: string): boolean {
  const text = raw.trim();
  if (text.length < 4 || text.length > 120 || raw.includes("\t")) return false;
  if (dateOnlyLine(text) || identityLineDate(text) || isSourceLine(text) || isCaptionLine(text)) return false;
  if (/^[—\-–•●■▶►➤>*·◆□▪]/.test(text)) return false;
  if (/^(?:分析师|执业证书|邮箱|研究助理|联系人|证券研究报告|行业研究|公司研究|analysts?\b|e-?mail|tel\b|证书编号)/i.test(text)) return false;
  if (/[。]$/.test(text) || text.length > 40 && /[。；;]/.test(text)) return false; // prose
  if (SECTION_HEADING_RE.test(text) || RATING_LINE_RE.test(text)) return false;
  if (broker !== "" && text.includes(broker) && text.length < 40) return false; // the banner "民生证券 MINSHENG SECURITIES"
  if (/^[A-Z0-9\s&.,()|-]+$/.test(text)) return false; // an English banner in capitals
  if (/@|www\.|https?:/i.test(text)) return false;
  return true;
}

/**
 * The note's identity from its lines; `firstTableLine` bounds where a title may be. `marginLines` are lines
 * the note prints in its page margins but that are not part of its text (a PDF's running banner and
 * footer): where the broker is looked for last, when the text names none (a one-page PDF whose only
 * mention of the house is its banner).
 */
export function findIdentity(lines: readonly string[], firstTableLine: number, marginLines: readonly string[] = []): NoteIdentity {
  const opening = lines.slice(0, Math.min(lines.length, OPENING_LINES, Math.max(firstTableLine, 1)));
  let printedDate: string | null = null;
  for (const raw of lines.slice(0, 80)) {
    printedDate = dateOnlyLine(raw);
    if (printedDate) break;
  }
  // The identity line: a short line of the opening with one date (and often the broker and report type).
  let identityLine = "";
  for (const raw of opening) {
    const found = identityLineDate(raw);
    if (found) {
      identityLine = raw.trim();
      printedDate ??= found.iso;
      break;
    }
  }
  let reportType = "";
  for (const raw of identityLine !== "" ? [identityLine, ...opening] : opening) {
    if (raw.length > 60) continue;
    const m = REPORT_TYPE_RE.exec(foldForMatch(raw));
    if (m) {
      reportType = m[0].trim();
      break;
    }
  }
  const printedBroker =
    brokerOfSourceLines(lines) ||
    (identityLine !== "" ? brokerOnLine(identityLine) : "") ||
    brokerNamedOften(lines.filter((l) => /证券|securities/i.test(l)).join("\n")) ||
    brokerInMargins(marginLines);
  const broker = brokerNames(printedBroker);
  let reportTitle = "";
  for (const raw of opening) {
    if (raw.trim() === identityLine || !isHeadline(raw, broker.zh)) continue;
    if (broker.en !== "" && raw.toLowerCase().includes(broker.en.toLowerCase()) && raw.length < 40) continue;
    if (reportType !== "" && foldForMatch(raw).replace(/[—\-–\s]/g, "") === reportType.replace(/\s/g, "")) continue;
    reportTitle = raw.trim();
    break;
  }
  return {
    broker: broker.zh,
    brokerEn: broker.en,
    reportType,
    reportTitle: reportTitle || reportType,
    printedDate,
    analysts: findAnalysts(lines),
  };
}
