/**
 * Comparing brokers: every ticker named by any of a set of pick lists (catalog lists, or lists
 * recovered from the workbook), with which lists name it, each broker's rating and EPS per year, the
 * spread between brokers and the latest share price, so the sheet can put a live forward P/E beside
 * each estimate. Pure: no Office.
 *
 * Rules (each one decides a test vector in test/compare):
 * - Rows are matched by normalised ticker only; names differ between notes (寒武纪-U / 寒武纪).
 * - Any list that has the ticker in a row "names" it, themed lists (ticker + name only) included.
 * - A broker is `source.broker` as printed. When several lists of one broker give a rating or an EPS
 *   for the same ticker (and year), the list with the latest report date wins; on a tie, the first
 *   list given.
 * - Spread for a year = max − min of the brokers' EPS for that year, null when fewer than two brokers
 *   give a number (missing is null, never 0).
 * - Price = the one with the latest price date among lists that carry a price; a list without a price
 *   date counts as older than any dated one; on a tie, the first list given.
 */
import { normaliseTicker } from "./tickers";
import type { CellValue, PickColumn, PickList, PickRow } from "./types";

/** A broker in the comparison, with what its lists can say (the sheet gives it only those columns). */
export interface CompareBroker {
  /** As printed, e.g. "华鑫证券"; identifies the broker. */
  broker: string;
  /** In English, e.g. "Huaxin Securities"; "" when the list does not say. */
  brokerEn: string;
  /** True when one of its lists has a rating column. */
  hasRating: boolean;
  /** Fiscal years for which one of its lists has an EPS column, ascending. */
  epsYears: CompareYear[];
}

export interface CompareYear {
  year: number;
  /** True when a list marks this year as a forecast ("2023E"). */
  estimate: boolean;
}

/** What one broker says about one ticker. */
export interface BrokerView {
  rating: string | null;
  /** Aligned with `CompareBroker.epsYears` of the same broker. */
  eps: (number | null)[];
  /** Ids of this broker's lists that name the ticker, in input order. */
  listIds: string[];
}

export interface CompareRow {
  ticker: string;
  /** The name as the first list naming the ticker prints it. */
  name: string | null;
  /** Every distinct name the lists print, in input order. */
  names: string[];
  /** Ids of every list naming the ticker, in input order. */
  listIds: string[];
  /** Aligned with `Comparison.brokers`; null when that broker does not name the ticker. */
  byBroker: (BrokerView | null)[];
  /** Number of brokers naming the ticker. */
  brokerCount: number;
  /** Aligned with `Comparison.spreadYears`. */
  spread: (number | null)[];
  price: number | null;
  priceDate: string | null;
  /** The list the price comes from. */
  priceListId: string | null;
}

export interface CompareListRef {
  id: string;
  broker: string;
  brokerEn: string;
  title: PickList["title"];
}

export interface Comparison {
  lists: CompareListRef[];
  brokers: CompareBroker[];
  /** Years for which at least two brokers have an EPS column: the years a spread can exist for. */
  spreadYears: CompareYear[];
  /** Named by the most brokers first, then by ticker. */
  rows: CompareRow[];
}

export interface CompareOptions {
  /** Keep only tickers named by at least this many brokers (default 1: every ticker). */
  minBrokers?: number;
}

/** Spreads are differences of numbers printed to a few decimals: drop binary noise (1.57 − 1.39). */
const SPREAD_DECIMALS = 10;

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** A ticker cell as a comparison key: the normalised ticker, else the trimmed text upper-cased. */
export function compareKey(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === "") return null;
  return normaliseTicker(text) ?? text.toUpperCase();
}

function columnOf(list: PickList, kind: PickColumn["kind"]): PickColumn | undefined {
  return list.columns.find((c) => c.kind === kind);
}

function numberOrNull(value: CellValue | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function textOrNull(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

function mergeYear(years: CompareYear[], column: PickColumn): void {
  if (column.year === undefined) return;
  const existing = years.find((y) => y.year === column.year);
  if (existing) existing.estimate = existing.estimate || column.estimate === true;
  else years.push({ year: column.year, estimate: column.estimate === true });
}

/** A value a broker gives, with the rank that decides between two of its lists. */
interface Candidate<T> {
  value: T;
  reportDate: string;
  order: number;
}

function better<T>(current: Candidate<T> | undefined, next: Candidate<T>): boolean {
  if (!current) return true;
  if (next.reportDate !== current.reportDate) return next.reportDate > current.reportDate;
  return next.order < current.order;
}

interface Accumulator {
  ticker: string;
  names: string[];
  listIds: string[];
  /** Per broker index. */
  brokers: Map<number, { listIds: string[]; rating?: Candidate<string>; eps: Map<number, Candidate<number>> }>;
  price?: { value: number; date: string | null; listId: string; order: number };
}

function newerPrice(current: Accumulator["price"], date: string | null, order: number): boolean {
  if (!current) return true;
  const a = current.date ?? "";
  const b = date ?? "";
  if (a !== b) return b > a;
  return order < current.order;
}

/** Compares `lists` ticker by ticker (see the rules at the top of this file). */
export function compareLists(lists: readonly PickList[], options: CompareOptions = {}): Comparison {
  const minBrokers = options.minBrokers ?? 1;
  const brokers: CompareBroker[] = [];
  const brokerIndex = (list: PickList): number => {
    let i = brokers.findIndex((b) => b.broker === list.source.broker);
    if (i < 0) {
      brokers.push({ broker: list.source.broker, brokerEn: list.source.brokerEn, hasRating: false, epsYears: [] });
      i = brokers.length - 1;
    }
    return i;
  };

  const rows = new Map<string, Accumulator>();
  lists.forEach((list, order) => {
    const b = brokerIndex(list);
    const broker = brokers[b]!;
    if (broker.brokerEn === "" && list.source.brokerEn !== "") broker.brokerEn = list.source.brokerEn;
    const tickerColumn = columnOf(list, "ticker");
    if (!tickerColumn) return;
    const nameColumn = columnOf(list, "name");
    const ratingColumn = columnOf(list, "rating");
    const priceColumn = columnOf(list, "price");
    const epsColumns = list.columns.filter((c) => c.kind === "eps" && c.year !== undefined);
    if (ratingColumn) broker.hasRating = true;
    for (const column of epsColumns) mergeYear(broker.epsYears, column);

    for (const row of list.rows as PickRow[]) {
      const ticker = compareKey(row[tickerColumn.key]);
      if (ticker === null) continue;
      let acc = rows.get(ticker);
      if (!acc) {
        acc = { ticker, names: [], listIds: [], brokers: new Map() };
        rows.set(ticker, acc);
      }
      const name = nameColumn ? textOrNull(row[nameColumn.key]) : null;
      if (name !== null && !acc.names.includes(name)) acc.names.push(name);
      if (!acc.listIds.includes(list.id)) acc.listIds.push(list.id);

      let view = acc.brokers.get(b);
      if (!view) {
        view = { listIds: [], eps: new Map() };
        acc.brokers.set(b, view);
      }
      if (!view.listIds.includes(list.id)) view.listIds.push(list.id);
      const rank = { reportDate: list.source.reportDate, order };
      const rating = ratingColumn ? textOrNull(row[ratingColumn.key]) : null;
      if (rating !== null) {
        const candidate = { value: rating, ...rank };
        if (better(view.rating, candidate)) view.rating = candidate;
      }
      for (const column of epsColumns) {
        const eps = numberOrNull(row[column.key]);
        if (eps === null) continue;
        const candidate = { value: eps, ...rank };
        if (better(view.eps.get(column.year as number), candidate)) view.eps.set(column.year as number, candidate);
      }
      const price = priceColumn ? numberOrNull(row[priceColumn.key]) : null;
      if (price !== null && newerPrice(acc.price, list.source.priceDate, order)) {
        acc.price = { value: price, date: list.source.priceDate, listId: list.id, order };
      }
    }
  });

  for (const broker of brokers) broker.epsYears.sort((a, b) => a.year - b.year);
  const yearCoverage = new Map<number, CompareYear & { brokers: number }>();
  for (const broker of brokers) {
    for (const y of broker.epsYears) {
      const entry = yearCoverage.get(y.year) ?? { year: y.year, estimate: false, brokers: 0 };
      entry.estimate = entry.estimate || y.estimate;
      entry.brokers++;
      yearCoverage.set(y.year, entry);
    }
  }
  const spreadYears: CompareYear[] = [...yearCoverage.values()]
    .filter((y) => y.brokers >= 2)
    .sort((a, b) => a.year - b.year)
    .map((y) => ({ year: y.year, estimate: y.estimate }));

  const out: CompareRow[] = [];
  for (const acc of rows.values()) {
    const byBroker: (BrokerView | null)[] = brokers.map((broker, b) => {
      const view = acc.brokers.get(b);
      if (!view) return null;
      return {
        rating: view.rating?.value ?? null,
        eps: broker.epsYears.map((y) => view.eps.get(y.year)?.value ?? null),
        listIds: view.listIds,
      };
    });
    const spread = spreadYears.map((y) => {
      const values = brokers.flatMap((_, b) => {
        const v = acc.brokers.get(b)?.eps.get(y.year)?.value;
        return v === undefined ? [] : [v];
      });
      return values.length < 2 ? null : round(Math.max(...values) - Math.min(...values), SPREAD_DECIMALS);
    });
    const brokerCount = acc.brokers.size;
    if (brokerCount < minBrokers) continue;
    out.push({
      ticker: acc.ticker,
      name: acc.names[0] ?? null,
      names: acc.names,
      listIds: acc.listIds,
      byBroker,
      brokerCount,
      spread,
      price: acc.price?.value ?? null,
      priceDate: acc.price?.date ?? null,
      priceListId: acc.price?.listId ?? null,
    });
  }
  out.sort((a, b) => b.brokerCount - a.brokerCount || (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));

  return {
    lists: lists.map((l) => ({ id: l.id, broker: l.source.broker, brokerEn: l.source.brokerEn, title: l.title })),
    brokers,
    spreadYears,
    rows: out,
  };
}

/** Tickers named by at least two brokers: the overlap between the notes. */
export function sharedTickers(comparison: Comparison): string[] {
  return comparison.rows.filter((r) => r.brokerCount >= 2).map((r) => r.ticker);
}
