/**
 * Pick lists of any length for the benchmarks: the columns of Huaxin's 重点关注公司及盈利预测 (the bundled
 * catalog list, via test/excel/lists.ts) with its rows cycled, every row given a distinct valid ticker so
 * the list passes validatePickList as any feed must; and the same list a fortnight later, for refresh.
 */
import { syntheticList } from "../test/excel/lists";
import type { PickList } from "../src/picks/types";
import { validatePickList } from "../src/picks/validate";

/** Blocks of 10,000 codes with a stock's prefix on each exchange, then Beijing's 8xxxxx for the rest. */
const BLOCKS: ReadonlyArray<readonly [number, string]> = [
  [600000, "SH"],
  [0, "SZ"],
  [300000, "SZ"],
  [680000, "SH"],
];

/** The i-th distinct ticker: 600000.SH … 609999.SH, 000000.SZ …, 300000.SZ …, 680000.SH …, then 840000.BJ …. */
export function benchTicker(i: number): string {
  const block = Math.floor(i / 10_000);
  if (block < BLOCKS.length) {
    const [base, exchange] = BLOCKS[block];
    return `${String(base + (i % 10_000)).padStart(6, "0")}.${exchange}`;
  }
  return `${800_000 + i}.BJ`;
}

/** A valid list of `rows` rows in the Huaxin columns. */
export function benchList(rows: number): PickList {
  const list = syntheticList(rows, `bench-${rows}`);
  list.rows.forEach((row, i) => (row.ticker = benchTicker(i)));
  const checked = validatePickList(list);
  if (!checked.ok) throw new Error(`bench list of ${rows} rows is invalid: ${checked.errors.slice(0, 3).join("; ")}`);
  return checked.list;
}

/**
 * The list a fortnight later: one row in 50 re-rated, one in 50 with a revised 2024E EPS, two rows
 * dropped and two new ones added (at least one of each for any length), new prices date.
 */
export function revisedList(list: PickList): PickList {
  const next: PickList = JSON.parse(JSON.stringify(list));
  next.rows.forEach((row, i) => {
    if (i % 50 === 0) row.rating = row.rating === "买入" ? "增持" : "买入";
    if (i % 50 === 25 && typeof row.eps_2024 === "number") row.eps_2024 = Math.round(row.eps_2024 * 110) / 100;
  });
  const dropped = Math.min(2, Math.max(1, next.rows.length - 1));
  next.rows.splice(1, dropped);
  for (let k = 0; k < 2; k++) {
    next.rows.push({ ...next.rows[0], ticker: benchTicker(list.rows.length + k), name: `新增${k + 1}`, rating: null });
  }
  next.source.priceDate = "2024-03-01";
  const checked = validatePickList(next);
  if (!checked.ok) throw new Error(`revised bench list is invalid: ${checked.errors.slice(0, 3).join("; ")}`);
  return checked.list;
}
