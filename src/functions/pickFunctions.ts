/**
 * AIC.PICK, AIC.PICKS and AIC.STOCK: the pick lists as formulas (Bloomberg BDP/BDS, Wind WSS/WSET
 * style), declared like every other AIC function (arguments once, one runner) over the lookup index of
 * src/picks/lookup.ts. Kept apart from ./definitions, which src/excel imports for the model functions'
 * ids, so that the taskpane's bundle does not carry the bundled catalog.
 */
import { listGrid, pickValue, resolveTicker } from "../picks/lookup";
import { NAMESPACE, type FunctionDefinition } from "./definitions";
import { flagArg } from "./arguments";
import { CellOutput, defineFunction, defineTableFunction, type ArgSpec } from "./framework";
import { fieldArg, listArg, nameListArg, sourceArg, tickerArg, yearArg } from "./pickArguments";
import { pickIndex } from "./pickData";
import { entitiesSupported, stockEntity, stockText, type StockEntity } from "./stockEntity";

const PICK_ARGS = [tickerArg("ticker"), fieldArg("field"), yearArg("year"), sourceArg("source")] as const;

export const PICK: FunctionDefinition<string | number> = {
  id: "PICK",
  args: PICK_ARGS as readonly ArgSpec<unknown>[],
  result: "value",
  run: defineFunction(`${NAMESPACE}.PICK`, PICK_ARGS, (ticker, field, year, source) =>
    pickValue(resolveTicker(pickIndex(), ticker), field, year, source).value,
  ),
};

const PICKS_ARGS = [listArg("list"), nameListArg("fields"), flagArg("with_header", true)] as const;

export const PICKS: FunctionDefinition<CellOutput> = {
  id: "PICKS",
  args: PICKS_ARGS as readonly ArgSpec<unknown>[],
  result: "table",
  run: defineTableFunction(`${NAMESPACE}.PICKS`, PICKS_ARGS, [1], (list, fields: string[], withHeader: boolean) =>
    listGrid(pickIndex(), list, fields, withHeader),
  ),
};

const STOCK_ARGS = [tickerArg("ticker")] as const;

export const STOCK: FunctionDefinition<StockEntity | string> = {
  id: "STOCK",
  args: STOCK_ARGS as readonly ArgSpec<unknown>[],
  result: "value",
  run: defineFunction(`${NAMESPACE}.STOCK`, STOCK_ARGS, (ticker): StockEntity | string => {
    const record = resolveTicker(pickIndex(), ticker);
    return entitiesSupported() ? stockEntity(record) : stockText(record);
  }),
};

/** The pick-list functions, in the order of the README's formula reference. */
export const PICK_FUNCTIONS: readonly FunctionDefinition<unknown>[] = [PICK, PICKS, STOCK];
