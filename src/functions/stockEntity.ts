/**
 * AIC.STOCK's result: an Excel entity value (a card), in the JSON schema custom functions share with
 * the Excel JavaScript API (Excel.EntityCellValue): text "浪潮信息 (000977.SZ)", the ticker and name,
 * and one nested entity per report that names the company (keyed by broker: "Huaxin Securities"), whose
 * properties are that broker's rating, price and price date, EPS and P/E per year and themes. Every
 * value carries its source as the card's sublabel (broker · report · date · table), and the provider is
 * "AI Compute Desk". `=A2.[Huaxin Securities].[EPS 2023E]` reads a value in Excel.
 *
 * Excel without data types (before ExcelApi 1.16) gets the entity's text instead.
 */
import { columnLabel } from "../picks/columns";
import type { PickHit, TickerRecord } from "../picks/lookup";

export const PROVIDER = "AI Compute Desk";

/** A property value as Excel's entity schema writes it. */
export type EntityProperty =
  | { type: "String"; basicValue: string; propertyMetadata?: { sublabel: string } }
  | { type: "Double"; basicValue: number; propertyMetadata?: { sublabel: string } }
  | StockEntity;

export interface StockEntity {
  type: "Entity";
  text: string;
  properties: Record<string, EntityProperty>;
  layouts?: { card: { title: { property: string }; sections?: Array<{ layout: "List"; properties: string[] }> } };
  provider?: { description: string };
}

let supportOverride: boolean | null = null;
let supportDetected: boolean | null = null;

/** For tests, and for a host that must be told: true or false forces the answer, null detects it again. */
export function setEntitySupport(supported: boolean | null): void {
  supportOverride = supported;
  supportDetected = null;
}

/** True when this Excel shows data types (ExcelApi 1.16): then STOCK returns an entity, else its text. */
export function entitiesSupported(): boolean {
  if (supportOverride !== null) return supportOverride;
  if (supportDetected !== null) return supportDetected;
  try {
    const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(name: string, version: string): boolean } } } }).Office;
    const requirements = office?.context?.requirements;
    // Before Office has initialised there is nothing to ask: answer with the text, and ask again next call.
    if (!requirements) return false;
    supportDetected = requirements.isSetSupported("ExcelApi", "1.16") === true;
  } catch {
    return false;
  }
  return supportDetected;
}

/** "浪潮信息 (000977.SZ)": what the cell shows, with or without data types. */
export function stockText(record: TickerRecord): string {
  return `${record.name} (${record.ticker})`;
}

function sourceLabel(hit: PickHit): string {
  const s = hit.list.list.source;
  return [s.broker, s.reportTitle, s.reportDate, s.table].filter((part) => part !== "").join(" · ");
}

function valueProperty(value: string | number, sublabel: string): EntityProperty {
  return typeof value === "number"
    ? { type: "Double", basicValue: value, propertyMetadata: { sublabel } }
    : { type: "String", basicValue: value, propertyMetadata: { sublabel } };
}

/** One report's values for the company, merged over its lists (tables first: the hits' order). */
function reportEntity(hits: readonly PickHit[]): StockEntity {
  const first = hits[0]!;
  const source = first.list.list.source;
  const broker = source.brokerEn ? `${source.broker} (${source.brokerEn})` : source.broker;
  const properties: Record<string, EntityProperty> = {
    Broker: { type: "String", basicValue: broker },
    Report: { type: "String", basicValue: source.reportTitle },
    "Report date": { type: "String", basicValue: source.reportDate },
    Lists: { type: "String", basicValue: [...new Set(hits.map((h) => h.list.list.id))].join(", ") },
  };
  const themes: string[] = [];
  for (const hit of hits) {
    const sublabel = sourceLabel(hit);
    for (const column of hit.list.list.columns) {
      if (column.kind === "ticker" || column.kind === "name") continue;
      const value = hit.row[column.key];
      if (value === null || value === undefined || value === "") continue;
      if (column.kind === "theme") {
        if (typeof value === "string" && !themes.includes(value)) themes.push(value);
        continue;
      }
      const label = columnLabel(column, "en");
      if (label in properties) continue;
      properties[label] = valueProperty(value, sublabel);
      if (column.kind === "price" && hit.list.list.source.priceDate) {
        properties["Price date"] = valueProperty(hit.list.list.source.priceDate, sublabel);
      }
    }
  }
  if (themes.length > 0) properties.Theme = valueProperty(themes.join("、"), sourceLabel(first));
  return {
    type: "Entity",
    text: `${source.broker} · ${source.reportDate}`,
    properties,
    layouts: { card: { title: { property: "Broker" } } },
    provider: { description: PROVIDER },
  };
}

/** The entity for a ticker: its ticker and name, then one nested entity per report, newest first. */
export function stockEntity(record: TickerRecord): StockEntity {
  const byReport = new Map<string, PickHit[]>();
  for (const hit of record.hits) {
    const hits = byReport.get(hit.list.reportId) ?? [];
    hits.push(hit);
    byReport.set(hit.list.reportId, hits);
  }
  const properties: Record<string, EntityProperty> = {
    Ticker: { type: "String", basicValue: record.ticker },
    Name: { type: "String", basicValue: record.name },
  };
  const reportKeys: string[] = [];
  for (const hits of byReport.values()) {
    const source = hits[0]!.list.list.source;
    let key = source.brokerEn || source.broker;
    // An older report of the same broker keeps its own card, keyed with its date.
    if (key in properties) key = `${key} ${source.reportDate}`;
    properties[key] = reportEntity(hits);
    reportKeys.push(key);
  }
  return {
    type: "Entity",
    text: stockText(record),
    properties,
    layouts: { card: { title: { property: "Name" }, sections: [{ layout: "List", properties: ["Ticker", ...reportKeys] }] } },
    provider: { description: PROVIDER },
  };
}
