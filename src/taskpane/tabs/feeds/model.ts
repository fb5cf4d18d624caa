/**
 * View model of the Feeds section: what the add-feed form's fields mean (checked before anything is
 * fetched: the URL by src/picks/feedUrl.ts's rule and the page's CSP, the CSV fields, the column
 * mapping), a feed's name and status in words, and times as a person reads them. Pure: no DOM, no
 * fetch, no storage.
 *
 * Messages are kept as keys and parameters (Msg), not text, so they read in whichever language is
 * chosen when they are shown. A parameter named in `data` comes from outside (a URL, src/picks' English
 * reason, a header from the CSV): the DOM layer shows it as data, unchanged by the language switch.
 */
import { checkFeedUrl, csvDefaultsFor, type FeedFetchResult, type FeedSource } from "../../../picks/sources";
import type { CsvColumnMapping, CsvFeedOptions } from "../../../picks/feed";
import { parseCsvFeedOptions } from "../../../picks/feed";
import { COLUMN_KINDS, type ColumnKind, type PickList } from "../../../picks/types";
import { feedOrigin, isIpv6Loopback } from "../../csp";

/** A sentence from the strings table, its parameters, and which of them are data. */
export type { Msg } from "../../messages";
import type { Msg } from "../../messages";

/** What the add-feed form holds (every field as typed). */
export interface FeedFormValues {
  url: string;
  name: string;
  /** The CSV options are used only when this is ticked. */
  csv: boolean;
  title: string;
  broker: string;
  reportDate: string;
  priceDate: string;
  mapping: string;
}

export const EMPTY_FEED_FORM: FeedFormValues = { url: "", name: "", csv: false, title: "", broker: "", reportDate: "", priceDate: "", mapping: "" };

/** Reads a saved form back (session storage after a reload): only string fields survive. */
export function parseFeedFormValues(value: unknown): FeedFormValues | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const out: FeedFormValues = { ...EMPTY_FEED_FORM };
  for (const key of ["url", "name", "title", "broker", "reportDate", "priceDate", "mapping"] as const) {
    if (typeof v[key] === "string") out[key] = v[key] as string;
  }
  out.csv = v.csv === true;
  return out;
}

export type FeedFormField = "url" | "reportDate" | "priceDate" | "mapping";

export type FeedFormCheck =
  | {
      ok: true;
      /** The URL as sources.ts normalises it, and its origin for the page's policy. */
      url: string;
      origin: string;
      /** False when the origin is saved already: the feed can be fetched without a reload. */
      reloadNeeded: boolean;
      input: { url: string; name?: string; csv?: CsvFeedOptions };
    }
  | { ok: false; problems: { field: FeedFormField; msg: Msg }[] };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Checks the form before anything is fetched or saved: the URL (feedUrl.ts's checkFeedUrl, then the
 * page's policy, which cannot allow [::1]), and, for a CSV, its dates and column mapping.
 * `savedOrigins` are the origins the page's policy allows now (csp.ts readFeedOrigins).
 */
export function checkFeedForm(values: FeedFormValues, savedOrigins: readonly string[]): FeedFormCheck {
  const problems: { field: FeedFormField; msg: Msg }[] = [];
  const url = values.url.trim();
  let checkedUrl: string | null = null;
  let origin: string | null = null;
  if (url === "") problems.push({ field: "url", msg: { key: "feedUrlEmpty" } });
  else {
    const checked = checkFeedUrl(url);
    if (!checked.ok) problems.push({ field: "url", msg: { key: "feedUrlInvalid", params: { reason: checked.error }, data: ["reason"] } });
    else {
      checkedUrl = checked.url;
      origin = feedOrigin(checked.url);
      if (origin === null) {
        problems.push({
          field: "url",
          msg: isIpv6Loopback(checked.url) ? { key: "feedUrlIpv6" } : { key: "feedUrlInvalid", params: { reason: checked.url }, data: ["reason"] },
        });
      }
    }
  }

  let csv: CsvFeedOptions | undefined;
  if (values.csv) {
    csv = {};
    const title = values.title.trim();
    if (title !== "") csv.title = { zh: title, en: title };
    const broker = values.broker.trim();
    if (broker !== "") csv.broker = broker;
    const reportDate = values.reportDate.trim();
    if (reportDate !== "") {
      if (isCalendarDay(reportDate)) csv.reportDate = reportDate;
      else problems.push({ field: "reportDate", msg: { key: "csvReportDateInvalid", params: { value: reportDate }, data: ["value"] } });
    }
    const priceDate = values.priceDate.trim();
    if (priceDate !== "") {
      if (isCalendarDay(priceDate)) csv.priceDate = priceDate;
      else problems.push({ field: "priceDate", msg: { key: "csvPriceDateInvalid", params: { value: priceDate }, data: ["value"] } });
    }
    const mapping = parseMappingText(values.mapping);
    if (!mapping.ok) problems.push(...mapping.problems.map((msg) => ({ field: "mapping" as const, msg })));
    else if (Object.keys(mapping.mapping).length > 0) csv.mapping = mapping.mapping;
  }

  if (problems.length > 0 || checkedUrl === null || origin === null) return { ok: false, problems };
  const input: { url: string; name?: string; csv?: CsvFeedOptions } = { url: checkedUrl };
  const name = values.name.trim();
  if (name !== "") input.name = name;
  if (csv) input.csv = csv;
  return { ok: true, url: checkedUrl, origin, reloadNeeded: !savedOrigins.includes(origin), input };
}

/** Headers a CSV feed's columns are read by without a mapping, shown as examples (src/picks/columns.ts recognises these and more). */
export const HEADER_EXAMPLES: readonly string[] = ["代码", "股价", "EPS 2024E", "2024E PE", "投资评级", "周涨跌幅"];

/** The kinds a mapping line may name: the pick-list format's column kinds, and "ignore". */
export const MAPPING_KINDS: readonly string[] = [...COLUMN_KINDS, "ignore"];

/**
 * The column mapping as typed: one line per header, `header = kind [year][E] [%]`
 * ("Px = price", "EPS 24 = eps 2024E", "Chg = change %", "Memo = ignore"); blank lines and lines
 * starting with # are skipped. A JSON object (the registration's own format, docs/refresh.md) is read
 * as it is. Every problem names its line.
 */
export function parseMappingText(text: string): { ok: true; mapping: Record<string, CsvColumnMapping | "ignore"> } | { ok: false; problems: Msg[] } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, mapping: {} };
  if (trimmed.startsWith("{")) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (err) {
      return { ok: false, problems: [{ key: "mappingJsonInvalid", params: { reason: err instanceof Error ? err.message : String(err) }, data: ["reason"] }] };
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      return { ok: false, problems: [{ key: "mappingJsonInvalid", params: { reason: "expected an object: {\"header\": {\"kind\": \"price\"}}" }, data: ["reason"] }] };
    }
    // parseCsvFeedOptions (src/picks/feed.ts) keeps only well-formed entries: name every one it dropped.
    const mapping = parseCsvFeedOptions({ mapping: doc })?.mapping ?? {};
    const dropped = Object.keys(doc).filter((header) => !Object.prototype.hasOwnProperty.call(mapping, header));
    if (dropped.length > 0) {
      return {
        ok: false,
        problems: dropped.map((header) => ({ key: "mappingJsonInvalid" as const, params: { reason: `${JSON.stringify(header)}: not a mapping of a known kind` }, data: ["reason"] })),
      };
    }
    return { ok: true, mapping };
  }
  const mapping: Record<string, CsvColumnMapping | "ignore"> = {};
  const problems: Msg[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trim();
    if (content === "" || content.startsWith("#")) return;
    const eq = content.lastIndexOf("=");
    const header = eq > 0 ? content.slice(0, eq).trim() : "";
    const words = eq > 0 ? content.slice(eq + 1).trim().split(/\s+/).filter((w) => w !== "") : [];
    if (header === "" || words.length === 0) {
      problems.push({ key: "mappingLineInvalid", params: { line, text: content }, data: ["text"] });
      return;
    }
    if (Object.prototype.hasOwnProperty.call(mapping, header)) {
      problems.push({ key: "mappingDuplicate", params: { line, header }, data: ["header"] });
      return;
    }
    const kind = words[0]!.toLowerCase();
    if (!MAPPING_KINDS.includes(kind)) {
      problems.push({ key: "mappingUnknownKind", params: { line, kind: words[0]!, kinds: MAPPING_KINDS.join(", ") }, data: ["kind"] });
      return;
    }
    if (kind === "ignore") {
      if (words.length > 1) problems.push({ key: "mappingLineInvalid", params: { line, text: content }, data: ["text"] });
      else mapping[header] = "ignore";
      return;
    }
    const entry: CsvColumnMapping = { kind: kind as ColumnKind };
    let understood = true;
    for (const word of words.slice(1)) {
      const year = /^(\d{4})(e?)$/i.exec(word);
      if (year && entry.year === undefined) {
        entry.year = Number(year[1]);
        entry.estimate = year[2] !== "";
      } else if (word === "%" && kind === "change" && entry.percent === undefined) entry.percent = true;
      else understood = false;
    }
    if (!understood) {
      problems.push({ key: "mappingLineInvalid", params: { line, text: content }, data: ["text"] });
      return;
    }
    if ((kind === "eps" || kind === "pe") && entry.year === undefined) {
      problems.push({ key: "mappingNeedsYear", params: { line, kind, header }, data: ["header"] });
      return;
    }
    mapping[header] = entry;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping };
}

/**
 * The name a feed is shown by: the one the person gave, else its file name (the same fallback the CSV
 * reader uses for a list title, so the two always agree).
 */
export function feedName(source: FeedSource): string {
  return csvDefaultsFor(source, {}).name;
}

/** An ISO time as the taskpane shows it, in this computer's time zone: "2024-02-26 09:30". */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export type FeedStatusTone = "ok" | "warning" | "error";

/** What the taskpane holds of a feed: its lists as last fetched (fresh, or stale since when and why), or why there are none. */
export type FeedCopy =
  | {
      ok: true;
      lists: PickList[];
      fetchedAt: string;
      stale: { since: string; error: string } | null;
      /** Fetched now, but no offline copy could be stored: why (shown as "online only"). */
      offlineCopyError?: string | null;
    }
  | { ok: false; error: string };

export function copyFromFetch(result: FeedFetchResult): FeedCopy {
  if (!result.ok) return { ok: false, error: result.error };
  if (result.stale) return { ok: true, lists: result.lists, fetchedAt: result.fetchedAt, stale: { since: result.staleSince, error: result.error } };
  return { ok: true, lists: result.lists, fetchedAt: result.fetchedAt, stale: null, offlineCopyError: result.offlineCopyError };
}

/** The "online only" note of a copy that could not be stored for offline use, or null. */
export function onlineOnlyMsg(offlineCopyError: string | null | undefined): Msg | null {
  return offlineCopyError ? { key: "feedsOnlineOnly", params: { reason: offlineCopyError }, data: ["reason"] } : null;
}

export interface FeedStatusView {
  tone: FeedStatusTone;
  msg: Msg;
  /** The fetch's error in words (src/picks/sources.ts, English): for a stale or failed feed. */
  reason: string | null;
}

/** A feed's status: fresh (with when), stale since when (and why), or failed (and why). */
export function feedStatusView(copy: FeedCopy): FeedStatusView {
  if (!copy.ok) return { tone: "error", msg: { key: "feedFailed" }, reason: copy.error };
  if (copy.stale) return { tone: "warning", msg: { key: "feedStale", params: { time: localTime(copy.stale.since) } }, reason: copy.stale.error };
  return { tone: "ok", msg: { key: "feedFresh", params: { time: localTime(copy.fetchedAt) } }, reason: null };
}
