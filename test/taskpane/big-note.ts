/**
 * A long pasted note for the worker tests (jest and the browser suite): one table in the layout of the
 * Huaxin note's "重点关注公司及盈利预测" (caption, two-line header, rows, source line) with `rows` rows of
 * distinct tickers 600000.SH, 600001.SH …
 */
export function bigNote(rows: number): string {
  const lines = ["重点关注公司及盈利预测", "", "公司代码\t名称\t2024-02-18 股价\tEPS\t\t\tPE\t\t\t投资评级", "\t\t\t2022\t2023E\t2024E\t2022\t2023E\t2024E\t"];
  for (let i = 0; i < rows; i++) {
    const code = String(600000 + i).padStart(6, "0");
    lines.push(`${code}.SH\t公司${i}\t${(10 + (i % 90)).toFixed(2)}\t0.57\t0.61\t0.70\t30\t28\t25\t买入`);
  }
  lines.push("", "资料来源: Wind, 华鑫证券研究");
  return lines.join("\n");
}

