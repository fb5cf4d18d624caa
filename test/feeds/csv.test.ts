/** parseCsv: RFC 4180 as spreadsheets export it. Rows are from Minsheng 表5 重点关注个股 (民生证券, 2024-02-25). */
import { detectDelimiter, parseCsv } from "../../src/picks/csv";

describe("parseCsv", () => {
  it("reads quoted fields holding commas, doubled quotes and line breaks; numbers rows from the first data row", () => {
    const text = 'code,name,note\r\n002230.SZ,科大讯飞,"AI, 语音"\r\n300308.SZ,中际旭创,"say ""800G""\nnext line"\r\n';
    const result = parseCsv(text);
    expect(result).toEqual({
      ok: true,
      table: {
        delimiter: ",",
        header: ["code", "name", "note"],
        rows: [
          { row: 1, fields: ["002230.SZ", "科大讯飞", "AI, 语音"] },
          { row: 2, fields: ["300308.SZ", "中际旭创", 'say "800G"\nnext line'] },
        ],
      },
    });
  });

  it("drops a byte-order mark, reads tab-separated text, and skips blank lines", () => {
    const text = "\uFEFF代码\t名称\t股价\n\n002230.SZ\t科大讯飞\t46.33\n\n";
    const result = parseCsv(text);
    expect(result.ok && result.table).toEqual({
      delimiter: "\t",
      header: ["代码", "名称", "股价"],
      rows: [{ row: 1, fields: ["002230.SZ", "科大讯飞", "46.33"] }],
    });
  });

  it("keeps empty fields, including a trailing one", () => {
    const result = parseCsv("a,b,c\n1,,\n");
    expect(result.ok && result.table.rows).toEqual([{ row: 1, fields: ["1", "", ""] }]);
  });

  it("says which row is wrong: a field count off, a quote not closed, text after a closing quote", () => {
    expect(parseCsv("a,b\n1,2\n3\n")).toEqual({ ok: false, errors: ["row 2: 1 fields, the header has 2"] });
    expect(parseCsv('a,b\n1,"open\n')).toEqual({ ok: false, errors: ['row 1: a quoted field is not closed (missing ")'] });
    expect(parseCsv('a,b\n"x"y,2\n')).toEqual({ ok: false, errors: ["row 1: text after the closing quote of a quoted field"] });
    expect(parseCsv("")).toEqual({ ok: false, errors: ["the file is empty: no header row"] });
  });

  it("detects the delimiter from the header line only", () => {
    expect(detectDelimiter("a\tb\tc\n1,2,3,4,5")).toBe("\t");
    expect(detectDelimiter('"a\tb",c')).toBe(",");
  });
});
