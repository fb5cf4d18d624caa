/**
 * Where an inserted list came from, as the workbook record keeps it so that any machine can refresh it:
 * the bundled catalog, pasted text, or a feed (its URL, id and CSV options). Made from a FeedSource when a
 * list is inserted (originForSource), read back from a record only when well-formed (parseListOrigin);
 * refreshed by sources.ts's fetchListFromOrigin. Apart from sources.ts because src/excel keeps and reads
 * origins without fetching anything.
 */
import { parseCsvFeedOptions, type CsvFeedOptions } from "./feed";
import type { FeedEnv } from "./feedEnv";
import { csvDefaultsFor, type FeedSource } from "./feedSource";
import { checkFeedUrl } from "./feedUrl";

/** Where an inserted list came from, as the workbook record keeps it so that any machine can refresh it. */
export type ListOrigin =
  | { kind: "catalog" }
  | { kind: "pasted" }
  | { kind: "feed"; url: string; feedId?: string; csv?: CsvFeedOptions };

/**
 * The origin the workbook record keeps for a list inserted from `source`. For a CSV feed the options are
 * completed with the defaults actually used (list id, report date), so a colleague's machine, which has
 * not registered the feed, reads the CSV into the very same list.
 */
export function originForSource(source: FeedSource, env: Pick<FeedEnv, "now"> = {}): ListOrigin {
  if (source.kind === "catalog") return { kind: "catalog" };
  const origin: ListOrigin = { kind: "feed", url: source.url, feedId: source.id };
  if (source.csv !== undefined) {
    const defaults = csvDefaultsFor(source, env);
    origin.csv = {
      ...source.csv,
      listId: source.csv.listId ?? defaults.listId,
      reportDate: source.csv.reportDate ?? defaults.reportDate,
      title: source.csv.title ?? { zh: defaults.name, en: defaults.name },
    };
  }
  return origin;
}

/**
 * An origin read back from a workbook record: only a well-formed one survives (a feed URL must still be
 * allowed, CSV options are re-read field by field), so a hand-edited record cannot point a refresh anywhere.
 */
export function parseListOrigin(value: unknown): ListOrigin | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kind === "catalog") return { kind: "catalog" };
  if (v.kind === "pasted") return { kind: "pasted" };
  if (v.kind !== "feed" || typeof v.url !== "string" || !checkFeedUrl(v.url).ok) return null;
  const origin: ListOrigin = { kind: "feed", url: v.url };
  if (typeof v.feedId === "string") origin.feedId = v.feedId;
  if (v.csv !== undefined) {
    const csv = parseCsvFeedOptions(v.csv);
    if (!csv) return null;
    origin.csv = csv;
  }
  return origin;
}
