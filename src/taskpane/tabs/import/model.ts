/**
 * What the taskpane makes of pasted text: a broker note goes through the report parser; a pick-list
 * JSON document (text starting with "{") goes through the schema validator. Pure: the parser and the
 * validator are passed in, so this is tested without the DOM and the DOM layer without the parser.
 */
import type { PickList } from "../../../picks/types";
import { rowCountText, t, type Lang } from "../../i18n";
import { listTitle } from "../../preview/model";

export interface ParseProblem {
  table: string;
  reason: string;
}

export interface ImportFunctions {
  parseReport: (text: string) => { lists: PickList[]; problems: ParseProblem[] };
  validatePickList: (doc: unknown) => { ok: true; list: PickList } | { ok: false; errors: string[] };
}

export type PasteOutcome =
  | { kind: "empty" }
  | { kind: "json-malformed"; reason: string }
  | { kind: "json-invalid"; errors: string[] }
  | { kind: "lists"; source: "note" | "json"; lists: PickList[]; problems: ParseProblem[] };

/** A broker note never starts with "{"; a JSON pick-list document always does. */
function looksLikeJson(text: string): boolean {
  return text.startsWith("{");
}

export function interpretPastedText(text: string, fns: ImportFunctions): PasteOutcome {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  if (looksLikeJson(trimmed)) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (err) {
      return { kind: "json-malformed", reason: err instanceof Error ? err.message : String(err) };
    }
    const checked = fns.validatePickList(doc);
    if (!checked.ok) return { kind: "json-invalid", errors: checked.errors };
    return { kind: "lists", source: "json", lists: [checked.list], problems: [] };
  }
  const parsed = fns.parseReport(text);
  return { kind: "lists", source: "note", lists: parsed.lists, problems: parsed.problems };
}

export interface ImportedListSummary {
  /** Position in PasteOutcome.lists: how the DOM layer refers back to the list. */
  index: number;
  id: string;
  title: string;
  tableCaption: string;
  rowCount: number;
  rowCountText: string;
}

export interface PasteSummary {
  /** "error" when nothing can be inserted. */
  tone: "info" | "error";
  message: string;
  /** Schema errors, one per line, for an invalid JSON list. */
  errors: string[];
  lists: ImportedListSummary[];
  /** "表3: ...: reason" lines for the tables the parser could not read. */
  problems: string[];
}

/**
 * The parser's problems in two groups: about a table it could not read, and notes — about a table it did
 * read (one of the lists found comes from a table of that caption), or about the text as a whole (the
 * parser names those in parentheses, "(report)", "(note)", not by a caption). Only the first are failures.
 */
export function groupProblems(outcome: PasteOutcome): { unread: ParseProblem[]; notes: ParseProblem[] } {
  if (outcome.kind !== "lists") return { unread: [], notes: [] };
  const read = new Set(outcome.lists.map((l) => l.source.table));
  const isNote = (p: ParseProblem) => read.has(p.table) || /^\(.*\)$/.test(p.table.trim());
  return { unread: outcome.problems.filter((p) => !isNote(p)), notes: outcome.problems.filter(isNote) };
}

export function summarisePaste(outcome: PasteOutcome, lang: Lang): PasteSummary {
  switch (outcome.kind) {
    case "empty":
      return { tone: "error", message: t(lang, "parseEmptyInput"), errors: [], lists: [], problems: [] };
    case "json-malformed":
      return {
        tone: "error",
        message: t(lang, "jsonMalformed", { reason: outcome.reason }),
        errors: [],
        lists: [],
        problems: [],
      };
    case "json-invalid":
      return { tone: "error", message: t(lang, "jsonNotPickList"), errors: outcome.errors, lists: [], problems: [] };
    case "lists": {
      const lists = outcome.lists.map(
        (list, index): ImportedListSummary => ({
          index,
          id: list.id,
          title: listTitle(list.title, lang),
          tableCaption: list.source.table,
          rowCount: list.rows.length,
          rowCountText: rowCountText(lang, list.rows.length),
        }),
      );
      const problems = outcome.problems.map((p) => t(lang, "parseProblem", { table: p.table, reason: p.reason }));
      let message: string;
      if (lists.length === 0) message = t(lang, "parseNoLists");
      else if (outcome.source === "json") message = t(lang, "jsonValidList");
      else if (lists.length === 1) message = t(lang, "parseFoundOne");
      else message = t(lang, "parseFound", { count: lists.length });
      return { tone: lists.length === 0 ? "error" : "info", message, errors: [], lists, problems };
    }
  }
}
