/**
 * Names Excel accepts for what the insert creates: worksheet names, table names and table headers,
 * plus the escaping of headers inside structured references. Pure, so every rule is unit-tested.
 *
 * Excel compares all of these case-insensitively, so uniqueness checks here fold case too.
 */

/** Excel caps a worksheet name at 31 characters. */
export const SHEET_NAME_MAX_LENGTH = 31;
/** Excel caps a defined name (tables included) at 255 characters. */
export const TABLE_NAME_MAX_LENGTH = 255;
/** Used when a title cleans down to nothing. */
export const FALLBACK_SHEET_NAME = "Picks";

/** Excel reserves this worksheet name (desktop Excel uses it for the change-history sheet). */
const RESERVED_SHEET_NAMES: readonly string[] = ["History"];

/** Characters Excel refuses in a worksheet name, plus control characters (never useful in a tab). */
const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]\u0000-\u001f\u007f]+/g;

function foldCase(name: string): string {
  return name.toUpperCase();
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Cuts to at most `max` UTF-16 units at a boundary a reader expects: where the cut would split a word
 * of Latin letters or digits ("…all-in-one machin|es"), back to the last blank or hyphen, as long as at
 * least half of `max` is kept (a single long word is cut at a character instead); text without blanks
 * (Chinese) is cut at a character, never inside a surrogate pair.
 */
function cutAtWord(text: string, max: number): string {
  const cut = cutTo(text, max);
  if (cut.length === text.length) return cut;
  const latin = /[A-Za-z0-9]/;
  const splitsWord = latin.test(text.charAt(cut.length)) && latin.test(cut.charAt(cut.length - 1));
  if (!splitsWord) return cut;
  const boundary = Math.max(cut.lastIndexOf(" "), cut.lastIndexOf("-"));
  return boundary >= Math.floor(max / 2) ? cut.slice(0, boundary) : cut;
}

/** Trims whitespace and the apostrophes Excel refuses at either end of a sheet name. */
function trimSheetName(name: string): string {
  return name.replace(/^[\s']+|[\s']+$/g, "");
}

/**
 * A valid worksheet name made from a title: forbidden characters become spaces, whitespace runs
 * collapse, leading/trailing apostrophes and blanks go, and the result is cut to 31 characters at a
 * word boundary where that keeps at least half (cutAtWord), else at a character.
 * Falls back to `fallback` (cleaned the same way) and then to "Picks" when nothing is left.
 */
export function cleanSheetName(title: string, fallback: string = FALLBACK_SHEET_NAME): string {
  for (const candidate of [title, fallback, FALLBACK_SHEET_NAME]) {
    const spaced = candidate.replace(SHEET_NAME_FORBIDDEN, " ").replace(/\s+/g, " ");
    const cleaned = trimSheetName(cutAtWord(trimSheetName(spaced), SHEET_NAME_MAX_LENGTH)).replace(/[\s\-–—:,;·]+$/, "");
    if (cleaned !== "") return cleaned;
  }
  return FALLBACK_SHEET_NAME;
}

/**
 * `base` (already clean) made unique against `existing` sheet names, case-insensitively: "Name",
 * then "Name (2)", "Name (3)" ..., shortening the stem so the whole stays within 31 characters.
 */
export function uniqueSheetName(base: string, existing: Iterable<string>): string {
  const taken = new Set<string>();
  for (const name of existing) taken.add(foldCase(name));
  for (const name of RESERVED_SHEET_NAMES) taken.add(foldCase(name));
  if (!taken.has(foldCase(base))) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const stem = trimSheetName(cutAtWord(base, SHEET_NAME_MAX_LENGTH - suffix.length)).replace(/[\s\-–—:,;·]+$/, "");
    const candidate = `${stem === "" ? FALLBACK_SHEET_NAME : stem}${suffix}`;
    if (!taken.has(foldCase(candidate))) return candidate;
  }
}

/**
 * True when Excel would read `name` as a cell reference and so refuse it as a name: A1 style
 * ("A1", "XFD1048576", and to be safe any 1-3 letters followed by digits), R1C1 style ("R1C1",
 * "RC", "R2C", "R", "C", "R10", "C3").
 */
export function isCellReferenceLike(name: string): boolean {
  return /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr][0-9]*([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name);
}

/**
 * A valid table name from any text: characters other than ASCII letters, digits and underscore
 * become "_", runs of "_" collapse, a leading digit gets a "_" prefix, and a name that reads as a
 * cell reference gets one too. Cut to 255 characters.
 */
export function cleanTableName(raw: string): string {
  let name = raw.replace(/[^A-Za-z0-9_]+/g, "_").replace(/_+/g, "_");
  if (name === "" || name === "_") name = "_Picks";
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (isCellReferenceLike(name)) name = `_${name}`;
  return cutTo(name, TABLE_NAME_MAX_LENGTH);
}

/**
 * `base` (already clean) made unique against the workbook's tables and defined names, which share one
 * namespace: "Base", then "Base_2", "Base_3" ...
 */
export function uniqueTableName(base: string, existing: Iterable<string>): string {
  const taken = new Set<string>();
  for (const name of existing) taken.add(foldCase(name));
  if (!taken.has(foldCase(base))) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${cutTo(base, TABLE_NAME_MAX_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(foldCase(candidate))) return candidate;
  }
}

/**
 * Table headers as Excel requires them: unique (case-insensitively) and not blank. A blank label
 * takes `fallbacks[i]` (the column key); a repeated one becomes "Label (2)", "Label (3)" ...
 */
export function uniqueHeaders(labels: readonly string[], fallbacks: readonly string[]): string[] {
  const taken = new Set<string>();
  const headers: string[] = [];
  labels.forEach((label, i) => {
    const base = label.trim() === "" ? fallbacks[i] ?? `Column${i + 1}` : label;
    let header = base;
    for (let n = 2; taken.has(foldCase(header)); n++) header = `${base} (${n})`;
    taken.add(foldCase(header));
    headers.push(header);
  });
  return headers;
}

/**
 * A header as it must appear inside a structured reference's column specifier: Excel requires the
 * special characters ' [ ] # to be escaped with a leading apostrophe ("Q1 [est]" -> "Q1 '[est']").
 * The result is always used in the bracketed form [@[...]], which tolerates every other character.
 */
export function escapeStructuredReferenceColumn(header: string): string {
  return header.replace(/['[\]#]/g, "'$&");
}

/** `[@[header]]`: this row's cell in the column `header` of the same table. */
export function thisRowReference(header: string): string {
  return `[@[${escapeStructuredReferenceColumn(header)}]]`;
}
