/**
 * Company names → tickers, through everything the add-in knows, in this order of trust:
 * 1. the note's own tables (the broker printed the pair);
 * 2. the names the caller passes, in its order (each a `NameSource`, built from pick lists with
 *    `namesFromLists`); the taskpane's: tickers the analyst typed, the tables already in the workbook
 *    (src/excel/workbookNames.ts: the analyst's own corrections), the team's feeds, the bundled catalog;
 * 3. the bundled directory (src/picks/directory.ts).
 * Within one source a name given two different tickers is not used (it is ambiguous there).
 */
import type { PickList } from "../types";
import { canonicalCompanyName, lookupDirectory } from "../directory";
import { normaliseTicker } from "../tickers";

export interface NameEntry {
  name: string;
  ticker: string;
}

/** Names from one place the add-in knows ("catalog", "feed: Team picks", "workbook"). */
export interface NameSource {
  from: string;
  entries: readonly NameEntry[];
}

/** Name → ticker pairs of pick lists (each list's name and ticker columns). */
export function namesFromLists(lists: readonly PickList[]): NameEntry[] {
  const out: NameEntry[] = [];
  for (const list of lists) {
    const tickerKey = list.columns.find((c) => c.kind === "ticker")?.key;
    const nameKey = list.columns.find((c) => c.kind === "name")?.key;
    if (!tickerKey || !nameKey) continue;
    for (const row of list.rows) {
      const name = row[nameKey];
      const ticker = row[tickerKey];
      if (typeof name === "string" && typeof ticker === "string") out.push({ name, ticker });
    }
  }
  return out;
}

/** Canonical name → ticker, or null where the source gives the name two tickers. */
function indexEntries(entries: readonly NameEntry[]): Map<string, string | null> {
  const index = new Map<string, string | null>();
  for (const { name, ticker } of entries) {
    const normalised = typeof ticker === "string" ? normaliseTicker(ticker, true) : null;
    if (typeof name !== "string" || normalised === null) continue;
    const key = canonicalCompanyName(name);
    if (key === "") continue;
    const known = index.get(key);
    index.set(key, known === undefined || known === normalised ? normalised : null);
  }
  return index;
}

export type NameResolver = (name: string) => string | null;

export function nameResolver(own: readonly NameEntry[], sources: readonly NameSource[]): NameResolver {
  const indexes = [indexEntries(own), ...sources.map((s) => indexEntries(s.entries))];
  return (name) => {
    const key = canonicalCompanyName(name);
    for (const index of indexes) {
      const ticker = index.get(key);
      if (typeof ticker === "string") return ticker;
    }
    return lookupDirectory(name);
  };
}
