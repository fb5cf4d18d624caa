/**
 * Validation of pick lists and catalog indexes: the JSON Schema (src/picks/picklist.schema.json,
 * src/picks/catalog.schema.json) checked with Ajv, then the rules a schema cannot express.
 * Every error names where it is: "row 3, column "pe_2022": ...", "column 2 ("eps_2023"): ...".
 *
 * The schemas are compiled ahead of time into standalone code (scripts/build-validators.ts →
 * ./generated/schemaValidators.js): the taskpane's Content-Security-Policy forbids eval, which Ajv's
 * run-time compilation needs. It runs in Node and in the taskpane bundle alike.
 */
import type { ErrorObject } from "ajv";
import { checkCatalogSchema, checkPickListSchema } from "./generated/schemaValidators";
import {
  CATALOG_FORMAT,
  PICKLIST_FORMAT,
  PICKLIST_VERSION,
  type CatalogIndex,
  type PickColumn,
  type PickList,
} from "./types";
import { isNumericKind } from "./columns";
import { isNormalisedTicker } from "./tickers";
import { isValidIsoDate } from "./text";


/** Past this many, errors are summarised: a broken 10 000-row feed should not produce 10 000 lines. */
const MAX_ERRORS = 50;

export type PickListValidation = { ok: true; list: PickList } | { ok: false; errors: string[] };
export type CatalogIndexValidation = { ok: true; index: CatalogIndex } | { ok: false; errors: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return `number ${value}`;
  return typeof value;
}

function capped(errors: string[]): string[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more errors`];
}

/** "/rows/2/pe_2022" → 'row 3, column "pe_2022"'; "/columns/1/kind" → 'column 2 ("eps_2023"), kind'. */
function locate(instancePath: string, doc: unknown): string {
  const parts = instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts.length === 0) return "document";
  if (parts[0] === "rows" && parts.length >= 2) {
    const row = `row ${Number(parts[1]) + 1}`;
    return parts.length >= 3 ? `${row}, column "${parts[2]}"` : row;
  }
  if (parts[0] === "columns" && parts.length >= 2) {
    const index = Number(parts[1]);
    const columns = isRecord(doc) && Array.isArray(doc.columns) ? doc.columns : [];
    const column: unknown = columns[index];
    const key = isRecord(column) && typeof column.key === "string" ? ` ("${column.key}")` : "";
    return `column ${index + 1}${key}${parts.length > 2 ? `, ${parts.slice(2).join(".")}` : ""}`;
  }
  if (parts[0] === "reports" && parts.length >= 2) {
    let where = `report ${Number(parts[1]) + 1}`;
    if (parts[2] === "lists" && parts.length >= 4) {
      where += `, list ${Number(parts[3]) + 1}`;
      if (parts.length > 4) where += `, ${parts.slice(4).join(".")}`;
    } else if (parts.length > 2) where += `, ${parts.slice(2).join(".")}`;
    return where;
  }
  return parts.join(".");
}

function formatAjvError(error: ErrorObject, doc: unknown): string {
  const where = locate(error.instancePath, doc);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${where}: missing "${String(params.missingProperty)}"`;
    case "additionalProperties":
      return `${where}: unknown field "${String(params.additionalProperty)}"`;
    case "const":
      return `${where}: must be ${JSON.stringify(params.allowedValue)}`;
    case "enum":
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

function schemaErrors(errors: ErrorObject[] | null | undefined, doc: unknown): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const error of errors ?? []) {
    // oneOf/if failures repeat what their branches already said.
    if (error.keyword === "oneOf" || error.keyword === "if") continue;
    const text = formatAjvError(error, doc);
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out;
}

function versionError(doc: unknown, format: string): string | null {
  if (!isRecord(doc)) return null;
  if (doc.format === format && typeof doc.version === "number" && doc.version > PICKLIST_VERSION) {
    return `version ${doc.version} of ${format} is newer than this reader understands (${PICKLIST_VERSION})`;
  }
  return null;
}

const TEXT_KINDS = new Set(["ticker", "name", "rating", "theme", "text"]);

/** What a column's cells must hold, decided once per column (not once per cell). */
type CellRule = "number" | "text" | "ticker" | "any";

function cellRule(column: PickColumn): CellRule {
  if (isNumericKind(column.kind)) return "number";
  if (column.kind === "ticker") return "ticker";
  return TEXT_KINDS.has(column.kind) ? "text" : "any";
}

/** What is wrong with one cell, or null. The caller says where: a 100,000-row list has a million cells. */
function cellError(column: PickColumn, rule: CellRule, value: unknown): string | null {
  if (value === null || rule === "any") return null;
  if (rule === "number") {
    return typeof value === "number" && Number.isFinite(value) ? null : `${column.kind} column needs a number or null, got ${describe(value)}`;
  }
  if (typeof value !== "string") return `${column.kind} column needs text or null, got ${describe(value)}`;
  if (rule === "ticker" && !isNormalisedTicker(value)) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `"${shown}" is not a normalised ticker (000977.SZ, 688256.SH, 0700.HK, 830799.BJ)`;
  }
  return null;
}

function semanticPickListErrors(list: PickList): string[] {
  const errors: string[] = [];
  if (list.title.zh === "" && list.title.en === "") errors.push("title: needs zh or en text");
  if (!isValidIsoDate(list.source.reportDate)) errors.push(`source.reportDate: "${list.source.reportDate}" is not a calendar date`);
  if (list.source.priceDate !== null && !isValidIsoDate(list.source.priceDate)) {
    errors.push(`source.priceDate: "${list.source.priceDate}" is not a calendar date`);
  }

  const keys = new Set<string>();
  list.columns.forEach((column, i) => {
    if (keys.has(column.key)) errors.push(`column ${i + 1} ("${column.key}"): duplicate key`);
    keys.add(column.key);
    if (column.label.zh === "" && column.label.en === "") errors.push(`column ${i + 1} ("${column.key}"): label needs zh or en text`);
  });
  const tickerColumns = list.columns.filter((c) => c.kind === "ticker");
  if (tickerColumns.length !== 1) errors.push(`columns: need exactly one ticker column, found ${tickerColumns.length}`);
  const tickerKey = tickerColumns.length === 1 ? tickerColumns[0]!.key : null;
  const nameKey = list.columns.find((c) => c.kind === "name")?.key ?? null;
  const columns = list.columns;
  const rules = columns.map(cellRule);
  const columnKeys = columns.map((c) => c.key);
  const hasOwn = Object.prototype.hasOwnProperty;

  const firstRowOfTicker = new Map<string, number>();
  const rows = list.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const rowNo = r + 1;
    // A row holding exactly the column keys in the columns' order (as the importer builds its rows) has
    // no unknown key and misses none; any other row has each key looked up.
    const own = Object.keys(row);
    let complete = own.length === columns.length;
    for (let c = 0; complete && c < own.length; c++) complete = own[c] === columnKeys[c];
    if (!complete) {
      for (const key of own) if (!keys.has(key)) errors.push(`row ${rowNo}, column "${key}": no such column`);
    }
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      if (!complete && !hasOwn.call(row, column.key)) {
        errors.push(`row ${rowNo}, column "${column.key}": missing (write null for a missing value)`);
        continue;
      }
      const error = cellError(column, rules[c]!, row[column.key]);
      if (error !== null) errors.push(`row ${rowNo}, column "${column.key}": ${error}`);
    }
    if (tickerKey !== null) {
      const ticker = row[tickerKey];
      if (typeof ticker === "string") {
        const first = firstRowOfTicker.get(ticker);
        if (first !== undefined) errors.push(`row ${rowNo}, column "${tickerKey}": ${ticker} already in row ${first}`);
        else firstRowOfTicker.set(ticker, rowNo);
      } else if (ticker === null) {
        const name = nameKey !== null ? row[nameKey] : null;
        if (typeof name !== "string" || name === "") {
          errors.push(`row ${rowNo}, column "${tickerKey}": a row without a ticker needs a name`);
        }
      }
    }
  }
  return errors;
}

/** Checks a parsed JSON document against the pick-list format (schema, then semantics). */
export function validatePickList(doc: unknown): PickListValidation {
  const tooNew = versionError(doc, PICKLIST_FORMAT);
  if (tooNew) return { ok: false, errors: [tooNew] };
  if (!checkPickListSchema(doc)) return { ok: false, errors: capped(schemaErrors(checkPickListSchema.errors, doc)) };
  const list = doc as unknown as PickList;
  const errors = semanticPickListErrors(list);
  return errors.length === 0 ? { ok: true, list } : { ok: false, errors: capped(errors) };
}

function semanticCatalogErrors(index: CatalogIndex): string[] {
  const errors: string[] = [];
  const reportIds = new Map<string, number>();
  const listIds = new Map<string, string>();
  index.reports.forEach((report, r) => {
    const where = `report ${r + 1} ("${report.id}")`;
    const previous = reportIds.get(report.id);
    if (previous !== undefined) errors.push(`${where}: duplicate report id (also report ${previous})`);
    else reportIds.set(report.id, r + 1);
    if (!isValidIsoDate(report.reportDate)) errors.push(`${where}: reportDate "${report.reportDate}" is not a calendar date`);
    report.lists.forEach((entry, l) => {
      const here = `${where}, list ${l + 1} ("${entry.id}")`;
      const seen = listIds.get(entry.id);
      if (seen !== undefined) errors.push(`${here}: duplicate list id (also in ${seen})`);
      else listIds.set(entry.id, `report ${r + 1}`);
    });
  });
  return errors;
}

/** Checks a parsed JSON document against the catalog index format. */
export function validateCatalogIndex(doc: unknown): CatalogIndexValidation {
  const tooNew = versionError(doc, CATALOG_FORMAT);
  if (tooNew) return { ok: false, errors: [tooNew] };
  if (!checkCatalogSchema(doc)) return { ok: false, errors: capped(schemaErrors(checkCatalogSchema.errors, doc)) };
  const index = doc as unknown as CatalogIndex;
  const errors = semanticCatalogErrors(index);
  return errors.length === 0 ? { ok: true, index } : { ok: false, errors: capped(errors) };
}
