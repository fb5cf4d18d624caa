/**
 * The argument types of the pick-list functions (AIC.PICK, AIC.PICKS, AIC.STOCK). Fields, sources and
 * lists are resolved against the current lists as the argument is read, so a constant field against a
 * column of tickers is resolved once per call, not once per cell. Kept apart from ./arguments so the
 * modules that need only the model functions (src/excel, through ./definitions) do not pull the bundled
 * catalog into the taskpane's bundle.
 */
import { ModelError } from "../model/errors";
import { parseYear, resolveField, resolveList, resolveSource, type IndexedList, type PickField, type PickSource } from "../picks/lookup";
import { ANY_FINITE } from "./arguments";
import type { ArgSpec, NumberRange } from "./framework";
import { argSpec, showValue } from "./framework";
import { pickIndex } from "./pickData";

/** Text (NFKC-normalised by the runner) read by `parse`, which throws a ModelError for text it cannot take. */
function textArg<T>(name: string, accepts: string, optional: boolean, parse: (text: string) => T, defaultValue?: T): ArgSpec<T> {
  return argSpec({
    name,
    optional,
    default: defaultValue,
    accepts,
    missing: { code: "VALUE", message: `${name} is required: ${accepts}` },
    coerce(value) {
      if (typeof value !== "string" || value.trim() === "") throw new ModelError("VALUE", `must be ${accepts}, got ${showValue(value)}`);
      return parse(value.trim());
    },
  });
}

/** A ticker in any form the importer accepts, a code typed as a number, or a company's name; the core resolves it. */
export function tickerArg(name: string): ArgSpec<string | number> {
  const accepts = 'a ticker (000977.SZ, SZ000977, 000977, 0700.HK) or a company name as a list prints it ("浪潮信息")';
  return argSpec({
    name,
    optional: false,
    accepts,
    missing: { code: "VALUE", message: `${name} is required: ${accepts}` },
    range: ANY_FINITE,
    coerce(value) {
      if (typeof value === "string" && value.trim() !== "") return value.trim();
      if (typeof value === "number" && Number.isFinite(value)) return value;
      throw new ModelError("VALUE", `must be ${accepts}, got ${showValue(value)}`);
    },
  });
}

/** A field of the pick lists (price, eps, "EPS 2023E", 股价, 评级 …), resolved against the current lists. */
export function fieldArg(name: string): ArgSpec<PickField> {
  return textArg(name, 'a pick-list field: name, price, change, eps, pe, pb, rating, theme … (or 股价, 评级, 市盈率 …)', false, (text) =>
    resolveField(pickIndex(), text),
  );
}

/** A fiscal year: 2023, "2023", "2023E"; empty means the default year (see lookup.ts). */
export function yearArg(name: string): ArgSpec<number | null> {
  const accepts = 'a year such as 2023 or "2023E", or empty';
  const range: NumberRange = { min: 1900, minExclusive: false, max: 2100, integer: true };
  return argSpec({
    name,
    optional: true,
    default: null,
    accepts,
    range,
    coerce(value) {
      const year = typeof value === "boolean" ? null : parseYear(value);
      if (year === null) throw new ModelError("VALUE", `must be ${accepts}, got ${showValue(value)}`);
      return year;
    },
  });
}

/** A list id, report id or broker (华鑫证券, Huaxin); empty: the newest report. */
export function sourceArg(name: string): ArgSpec<PickSource | null> {
  return textArg(
    name,
    "a list id, a report id or a broker (华鑫证券, Huaxin), or empty",
    true,
    (text): PickSource | null => resolveSource(pickIndex(), text),
    null,
  );
}

/** A list id (huaxin-2024-02-18-focus), resolved against the current lists. */
export function listArg(name: string): ArgSpec<IndexedList> {
  return textArg(name, "a list id, e.g. huaxin-2024-02-18-focus", false, (text) => resolveList(pickIndex(), text));
}

/** One name of a range of names (the PICKS fields row); the core resolves each against its list. */
export function nameListArg(name: string): ArgSpec<string> {
  return textArg(name, "a row of field names, or empty for every column", true, (text) => text);
}
