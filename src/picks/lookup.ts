/**
 * The one lookup index behind AIC.PICK, AIC.PICKS and AIC.STOCK: every pick list the add-in knows
 * (the bundled catalog, the team feeds' last good copies, notes imported in this workbook), indexed by
 * ticker, company name, field, year and source. Pure: no Office, no network.
 *
 * Built once per change of the data (PickStore rebuilds it lazily on the first lookup after a change);
 * a lookup is then a few hash lookups plus a scan of the lists that name that one ticker (a handful),
 * whatever the number of rows: O(1) in the size of the lists.
 *
 * Matching reuses the importer's single rules: tickers through normaliseTicker (src/picks/tickers.ts),
 * field names through the header rules (src/picks/columns.ts: "EPS", "eps 2023E", "股价", "市盈率", "P/E" …),
 * company names through canonicalCompanyName (寒武纪-U = 寒武纪), brokers through src/picks/brokers.ts.
 * Errors are ModelErrors (#N/A: no such data; #VALUE!: a field that is no field), whose messages
 * the custom-function runner prefixes with the function's name.
 */
import { echoInput, ModelError } from "../model/errors";
import { brokerSlug, UNKNOWN_BROKER_SLUG } from "./brokers";
import { columnLabel, HEADER_RULES, parseYearCell, recogniseHeader } from "./columns";
import { canonicalCompanyName } from "./directory";
import { reportId } from "./ids";
import { foldForMatch } from "./text";
import { normaliseTicker } from "./tickers";
import type { CellValue, ColumnKind, PickColumn, PickList, PickRow } from "./types";

/** A field as a lookup reads it: which columns of a list hold it. */
export interface PickField {
  kind: ColumnKind;
  /** The column key (price, change_1w, eps) or, for a list's own column, that column's key. */
  key: string;
  /** True when any column of `kind` holds it ("change" reads 周涨跌幅 too); false: only column `key`. */
  byKind: boolean;
  /** EPS and P/E: one column per year. */
  perYear: boolean;
  /** A year the field's name carries ("EPS 2023E"). */
  year?: number;
  /** How messages name it: "EPS", "price", "target_price". */
  label: string;
}

/** Where a value may come from: a list, every list of a report, or every report of a broker. */
export interface PickSource {
  kind: "list" | "report" | "broker";
  /** List id, report id, or the broker's Chinese name. */
  id: string;
  /** How messages name it, as the analyst knows it. */
  label: string;
}

/** One list with what lookups need of it, computed once per index. */
export interface IndexedList {
  list: PickList;
  /** Where it came from: "catalog", "feed:all", "workbook:<list id>", "import:<list id>" (see PickStore). */
  origin: string;
  reportId: string;
  /** Column key by "kind" (first column of that kind) and by "kind:year". */
  columnFor: ReadonlyMap<string, string>;
  keys: ReadonlySet<string>;
  /** Per-year columns of each kind, earliest year first. */
  years: ReadonlyMap<ColumnKind, readonly PickColumn[]>;
}

/** A row of a list that names a ticker. */
export interface PickHit {
  list: IndexedList;
  row: PickRow;
}

export interface TickerRecord {
  ticker: string;
  /** The company's name as the newest list prints it. */
  name: string;
  /** Every list row naming the ticker: newest report first; within a report, tables before themed lists. */
  hits: readonly PickHit[];
}

export interface PickIndex {
  readonly tickers: ReadonlyMap<string, TickerRecord>;
  /** canonicalCompanyName → the tickers a list prints under that name (two: the name is ambiguous). */
  readonly names: ReadonlyMap<string, readonly string[]>;
  readonly lists: ReadonlyMap<string, IndexedList>;
  readonly sources: ReadonlyMap<string, PickSource>;
  /** A list's own columns (not a standard kind), by folded key and label. */
  readonly ownFields: ReadonlyMap<string, PickField>;
  /** Resolved field and source texts, so a sheet's thousand calls fold each spelling once. */
  readonly fieldCache: Map<string, PickField>;
}

/** A list and the origin it came from, as PickStore hands them to the index. */
export interface OriginLists {
  origin: string;
  lists: readonly PickList[];
}

/** The form every name, field and source is compared in: NFKC, homoglyphs, trimmed, lower case. */
function fold(text: string): string {
  return foldForMatch(text).trim().toLowerCase();
}

function indexList(list: PickList, origin: string): IndexedList {
  const columnFor = new Map<string, string>();
  const years = new Map<ColumnKind, PickColumn[]>();
  for (const column of list.columns) {
    if (!columnFor.has(column.kind)) columnFor.set(column.kind, column.key);
    if (column.year !== undefined) {
      columnFor.set(`${column.kind}:${column.year}`, column.key);
      const ofKind = years.get(column.kind) ?? [];
      ofKind.push(column);
      years.set(column.kind, ofKind);
    }
  }
  for (const ofKind of years.values()) ofKind.sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  return { list, origin, reportId: reportId(list.source), columnFor, keys: new Set(list.columns.map((c) => c.key)), years };
}

function addSource(sources: Map<string, PickSource>, text: string, source: PickSource): void {
  const key = fold(text);
  if (key !== "" && !sources.has(key)) sources.set(key, source);
}

/**
 * The index over `origins`, lowest precedence first: a list id met again in a later origin replaces
 * the earlier copy (a feed's newer copy of a catalog list, a note imported in this workbook).
 */
export function buildPickIndex(origins: readonly OriginLists[]): PickIndex {
  const byId = new Map<string, { list: PickList; origin: string; precedence: number }>();
  origins.forEach(({ origin, lists }, precedence) => {
    for (const list of lists) byId.set(list.id, { list, origin, precedence });
  });
  const lists = new Map<string, IndexedList>();
  const sources = new Map<string, PickSource>();
  const ownFields = new Map<string, PickField>();
  const hitsByTicker = new Map<string, Array<PickHit & { precedence: number; order: number }>>();
  let order = 0;
  for (const { list, origin, precedence } of byId.values()) {
    const indexed = indexList(list, origin);
    lists.set(fold(list.id), indexed);
    const { broker, brokerEn } = list.source;
    addSource(sources, list.id, { kind: "list", id: list.id, label: list.id });
    addSource(sources, indexed.reportId, { kind: "report", id: indexed.reportId, label: indexed.reportId });
    const brokerSource: PickSource = { kind: "broker", id: broker, label: broker };
    addSource(sources, broker, brokerSource);
    addSource(sources, brokerEn, brokerSource);
    addSource(sources, broker.replace(/证券$/, ""), brokerSource);
    addSource(sources, brokerEn.split(/\s+/)[0] ?? "", brokerSource);
    const slug = brokerSlug(broker);
    if (slug !== UNKNOWN_BROKER_SLUG) addSource(sources, slug, brokerSource);
    for (const column of list.columns) {
      if (column.kind !== "number" && column.kind !== "text") continue;
      if (HEADER_RULES.some((rule) => rule.key === column.key)) continue;
      const field: PickField = { kind: column.kind, key: column.key, byKind: false, perYear: false, label: column.key };
      for (const name of [column.key, column.label.zh, column.label.en]) {
        if (name && !ownFields.has(fold(name))) ownFields.set(fold(name), field);
      }
    }
    for (const row of list.rows) {
      const ticker = typeof row.ticker === "string" ? row.ticker : null;
      if (!ticker) continue;
      const hits = hitsByTicker.get(ticker) ?? [];
      hits.push({ list: indexed, row, precedence, order: order++ });
      hitsByTicker.set(ticker, hits);
    }
  }
  const tickers = new Map<string, TickerRecord>();
  const names = new Map<string, string[]>();
  for (const [ticker, hits] of hitsByTicker) {
    hits.sort(
      (a, b) =>
        b.list.list.source.reportDate.localeCompare(a.list.list.source.reportDate) ||
        b.precedence - a.precedence ||
        b.list.list.columns.length - a.list.list.columns.length ||
        a.order - b.order,
    );
    const named = hits.find((h) => typeof h.row.name === "string" && h.row.name !== "");
    const name = named ? String(named.row.name) : ticker;
    tickers.set(ticker, { ticker, name, hits: hits.map(({ list, row }) => ({ list, row })) });
    for (const hit of hits) {
      if (typeof hit.row.name !== "string" || hit.row.name === "") continue;
      const key = canonicalCompanyName(hit.row.name);
      const sharing = names.get(key) ?? [];
      if (!sharing.includes(ticker)) sharing.push(ticker);
      names.set(key, sharing);
    }
  }
  return { tickers, names, lists, sources, ownFields, fieldCache: new Map() };
}

// ---------------------------------------------------------------------------------------------------
// Resolving what the analyst typed
// ---------------------------------------------------------------------------------------------------

/** The standard fields, as the unknown-field message lists them: key (Chinese label). */
export const FIELD_NAMES: readonly string[] = HEADER_RULES.filter((r) => r.kind !== "ticker").map((r) => `${r.key} (${r.label.zh})`);

/** The field a text names, or a #VALUE! listing the fields. */
export function resolveField(index: PickIndex, text: string): PickField {
  const cached = index.fieldCache.get(text);
  if (cached) return cached;
  const header = recogniseHeader(text);
  let field: PickField | undefined;
  if (header) {
    const { rule } = header;
    field = { kind: rule.kind, key: rule.key, byKind: rule.key === rule.kind, perYear: rule.perYear, label: rule.label.en };
    if (header.year !== undefined) field.year = header.year;
  } else field = index.ownFields.get(fold(text));
  if (!field) {
    const own = [...new Set([...index.ownFields.values()].map((f) => f.key))].slice(0, 10);
    throw new ModelError(
      "VALUE",
      `field "${echoInput(text.trim())}" is no field of a pick list; fields: ${[...FIELD_NAMES, ...own].join(", ")}` +
        `; EPS and P/E take a year ("EPS 2023E" or the year argument)`,
    );
  }
  if (index.fieldCache.size < 1_000) index.fieldCache.set(text, field);
  return field;
}

/** A year as typed: 2023, "2023", "2023E", "FY2024". */
export function parseYear(value: number | string): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1900 && value <= 2100 ? value : null;
  return parseYearCell(value)?.year ?? null;
}

/** The source a text names (list id, report id, broker in Chinese or English), or #N/A listing them. */
export function resolveSource(index: PickIndex, text: string): PickSource {
  const source = index.sources.get(fold(text));
  if (source) return source;
  const reports = [...new Set([...index.lists.values()].map((l) => l.reportId))];
  const brokers = [...new Set([...index.sources.values()].filter((s) => s.kind === "broker").map((s) => s.label))];
  throw new ModelError(
    "NA",
    `source "${echoInput(text.trim())}" is no list, report or broker the add-in knows; brokers: ${brokers.slice(0, 10).join(", ")}; reports: ${reports.slice(0, 10).join(", ")}`,
  );
}

/** The record of a ticker given in any form the importer accepts, or by a company's name. */
export function resolveTicker(index: PickIndex, input: number | string): TickerRecord {
  let candidates: string[];
  let shown: string;
  if (typeof input === "number" || /^\d{1,6}$/.test(input.trim())) {
    // A code typed as a number loses its zeros (000977 → 977): it may be a mainland or a Hong Kong code.
    const digits = String(input).trim();
    shown = digits;
    const forms = Number.isInteger(Number(digits)) && Number(digits) > 0 ? [digits.padStart(6, "0"), `${Number(digits)}.HK`] : [];
    candidates = [...new Set(forms.map((f) => normaliseTicker(f)).filter((t): t is string => t !== null && index.tickers.has(t)))];
  } else {
    const text = input.trim();
    const ticker = normaliseTicker(text);
    shown = ticker ?? echoInput(text);
    if (ticker !== null) candidates = index.tickers.has(ticker) ? [ticker] : [];
    else candidates = [...(index.names.get(canonicalCompanyName(text)) ?? [])];
  }
  if (candidates.length === 1) return index.tickers.get(candidates[0]!)!;
  if (candidates.length > 1) {
    const named = candidates.map((t) => `${t} ${index.tickers.get(t)!.name}`).join(" and ");
    throw new ModelError("NA", `${shown} names more than one company: ${named}; give the ticker`);
  }
  throw new ModelError("NA", `${shown} is in no list the add-in knows`);
}

// ---------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------

function sourceHolds(source: PickSource | null, list: IndexedList): boolean {
  if (source === null) return true;
  if (source.kind === "list") return list.list.id === source.id;
  if (source.kind === "report") return list.reportId === source.id;
  return list.list.source.broker === source.id;
}

/** The column of `list` holding `field` (in `year`, for EPS and P/E), if it has one. */
export function columnOf(list: IndexedList, field: PickField, year: number | null): string | undefined {
  if (field.perYear) return year === null ? undefined : list.columnFor.get(`${field.kind}:${year}`);
  if (field.byKind) return list.columnFor.get(field.kind);
  return list.keys.has(field.key) ? field.key : undefined;
}

/** A value found, and where: the list it was read from and the year, for labels and messages. */
export interface PickedValue {
  value: Exclude<CellValue, null>;
  hit: PickHit;
  year: number | null;
}

/**
 * The year an EPS or P/E query without a year means: the earliest estimate year (2023E) of the newest
 * list that printed an estimate for the ticker, since a forecast is what the year argument is for;
 * failing that, the latest year any list printed (an actual).
 */
function defaultYear(record: TickerRecord, field: PickField, source: PickSource | null): number | null {
  let fallback: number | null = null;
  for (const hit of record.hits) {
    if (!sourceHolds(source, hit.list)) continue;
    const columns = hit.list.years.get(field.kind);
    if (!columns) continue;
    let latest: number | null = null;
    for (const column of columns) {
      const v = hit.row[column.key];
      if (v === null || v === undefined || column.year === undefined) continue;
      if (column.estimate) return column.year;
      latest = column.year;
    }
    if (fallback === null) fallback = latest;
  }
  return fallback;
}

/**
 * One value: the newest report (or the given source) that printed `field` for the ticker. Themes join
 * every theme the chosen report names the company under (浪潮信息: 国产核心算力、华为昇腾一体机).
 * #N/A naming ticker, field, year and source when nothing was printed.
 */
export function pickValue(record: TickerRecord, field: PickField, year: number | null, source: PickSource | null): PickedValue {
  if (field.year !== undefined) {
    if (year !== null && year !== field.year) {
      throw new ModelError("VALUE", `field "${field.label} ${field.year}" and year ${year} disagree; give the year once`);
    }
    year = field.year;
  }
  if (!field.perYear && year !== null) {
    throw new ModelError("VALUE", `${field.label} has no year (only EPS and P/E do); leave year empty`);
  }
  const wanted = field.perYear && year === null ? defaultYear(record, field, source) : year;
  for (const hit of record.hits) {
    if (!sourceHolds(source, hit.list)) continue;
    const key = columnOf(hit.list, field, wanted);
    if (key === undefined) continue;
    const value = hit.row[key];
    if (value === null || value === undefined) continue;
    if (field.kind === "theme") return { value: themesOf(record, hit, source), hit, year: wanted };
    return { value, hit, year: wanted };
  }
  const yearText = field.perYear ? (wanted === null ? " for any year" : ` for ${wanted}`) : "";
  const from = source === null ? "any list the add-in knows" : `${source.label}`;
  const lists = record.hits.filter((h) => sourceHolds(source, h.list)).map((h) => h.list.list.id);
  const where = lists.length > 0 ? ` (lists naming it: ${[...new Set(lists)].slice(0, 6).join(", ")})` : ` (no list from ${from} names it)`;
  throw new ModelError("NA", `no ${field.label}${yearText} for ${record.ticker} in ${from}${where}`);
}

function themesOf(record: TickerRecord, first: PickHit, source: PickSource | null): string {
  const themes: string[] = [];
  for (const hit of record.hits) {
    if (hit.list.reportId !== first.list.reportId || !sourceHolds(source, hit.list)) continue;
    const key = hit.list.columnFor.get("theme");
    const v = key === undefined ? null : hit.row[key];
    if (typeof v === "string" && v !== "" && !themes.includes(v)) themes.push(v);
  }
  return themes.join("、");
}

/** A list by id (case-insensitive), or #N/A listing the lists. */
export function resolveList(index: PickIndex, text: string): IndexedList {
  const list = index.lists.get(fold(text));
  if (list) return list;
  const ids = [...index.lists.values()].map((l) => l.list.id);
  throw new ModelError(
    "NA",
    `list "${echoInput(text.trim())}" is not a list the add-in knows; lists: ${ids.slice(0, 20).join(", ")}${ids.length > 20 ? ", …" : ""}`,
  );
}

/**
 * A whole list as a grid (BDS-style): the columns `fields` names, in that order (all the list's
 * columns when none), a header row of English column labels first when `withHeader`. A field without a
 * year takes every year the list prints (EPS → EPS 2022, EPS 2023E, EPS 2024E). Missing values are "".
 */
export function listGrid(index: PickIndex, list: IndexedList, fields: readonly string[], withHeader: boolean): (string | number)[][] {
  let columns: PickColumn[];
  if (fields.length === 0) columns = list.list.columns;
  else {
    columns = [];
    for (const text of fields) {
      const field = resolveField(index, text);
      const matched = list.list.columns.filter((c) =>
        field.perYear
          ? c.kind === field.kind && (field.year === undefined || c.year === field.year)
          : field.byKind
            ? c.kind === field.kind
            : c.key === field.key,
      );
      const chosen = field.byKind && !field.perYear ? matched.slice(0, 1) : matched;
      if (chosen.length === 0) {
        throw new ModelError(
          "NA",
          `list ${list.list.id} has no ${field.label}${field.year !== undefined ? ` ${field.year}` : ""} column; its columns: ${list.list.columns.map((c) => columnLabel(c, "en")).join(", ")}`,
        );
      }
      columns.push(...chosen);
    }
  }
  const grid: (string | number)[][] = [];
  if (withHeader) grid.push(columns.map((c) => columnLabel(c, "en")));
  for (const row of list.list.rows) grid.push(columns.map((c) => row[c.key] ?? ""));
  return grid;
}

// ---------------------------------------------------------------------------------------------------
// The store: what the add-in knows right now
// ---------------------------------------------------------------------------------------------------

/** Origin of a list the workbook holds (src/excel/workbookLists.ts): "workbook:<list id>". */
export const WORKBOOK_ORIGIN_PREFIX = "workbook:";

/**
 * Origins in increasing precedence: a note imported this session beats the workbook's copy of the same
 * list (which keeps less of the note: no analysts, source line or table caption), a list the workbook
 * holds beats a feed's, a feed's the catalog's.
 */
function precedenceOf(origin: string): number {
  if (origin.startsWith("import:")) return 3;
  if (origin.startsWith(WORKBOOK_ORIGIN_PREFIX)) return 2;
  if (origin.startsWith("feed:")) return 1;
  return 0;
}

export type PickListener = () => void;

/**
 * The lists the functions read, by origin, and the listeners to tell when they change. The taskpane
 * and the feeds call `setListsFrom` whenever an origin's lists change (a refresh, an import, a feed
 * removed: an empty array); every AIC.PICK/PICKS/STOCK cell listening then re-emits its value.
 */
export class PickStore {
  private readonly origins = new Map<string, readonly PickList[]>();
  private readonly listeners = new Set<PickListener>();
  private built: PickIndex | null = null;
  /** Bumped on every change; a listener can tell whether anything changed since it last read. */
  version = 0;

  /** Replaces what `origin` contributes ("catalog", "feed:all", "import:<list id>") and tells every listener. */
  setListsFrom(origin: string, lists: readonly PickList[]): void {
    this.put(origin, lists);
    this.changed();
  }

  /**
   * Replaces every origin starting with `prefix` by those of `byOrigin` (all of which must start with it),
   * as one change: every listening cell re-emits once, however many origins changed.
   */
  replaceOrigins(prefix: string, byOrigin: ReadonlyMap<string, readonly PickList[]>): void {
    for (const origin of [...this.origins.keys()]) if (origin.startsWith(prefix) && !byOrigin.has(origin)) this.origins.delete(origin);
    for (const [origin, lists] of byOrigin) {
      if (!origin.startsWith(prefix)) throw new Error(`${origin} is not an origin under ${prefix}`);
      this.put(origin, lists);
    }
    this.changed();
  }

  private put(origin: string, lists: readonly PickList[]): void {
    if (lists.length === 0) this.origins.delete(origin);
    else this.origins.set(origin, [...lists]);
  }

  private changed(): void {
    this.built = null;
    this.version++;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // One cell's listener failing must not stop the others from updating.
      }
    }
  }

  /** True once `origin` has contributed lists. */
  has(origin: string): boolean {
    return this.origins.has(origin);
  }

  /** The index over every origin's lists, rebuilt on the first call after a change. */
  index(): PickIndex {
    if (this.built === null) {
      const ordered = [...this.origins.entries()]
        .map(([origin, lists], order) => ({ origin, lists, order }))
        .sort((a, b) => precedenceOf(a.origin) - precedenceOf(b.origin) || a.order - b.order);
      this.built = buildPickIndex(ordered);
    }
    return this.built;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: PickListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

/** The lists the workbook holds, each under "workbook:<list id>", replacing what the workbook gave before. */
export function setWorkbookLists(store: PickStore, lists: readonly PickList[]): void {
  store.replaceOrigins(WORKBOOK_ORIGIN_PREFIX, new Map(lists.map((list) => [`${WORKBOOK_ORIGIN_PREFIX}${list.id}`, [list]])));
}

const STORE_KEY = "__aicPickStore";

/**
 * The page's one store. The shared runtime loads the functions and the taskpane as separate bundles on
 * one page, each with its own copy of this module; the store lives on the page's global object so that
 * the taskpane's `setListsFrom` reaches the functions' cells.
 */
export function pickStore(): PickStore {
  const holder = globalThis as unknown as Record<string, PickStore | undefined>;
  let store = holder[STORE_KEY];
  if (!(store && typeof store.setListsFrom === "function" && typeof store.index === "function")) {
    store = new PickStore();
    holder[STORE_KEY] = store;
  }
  return store;
}
