import { validateCatalogIndex, validatePickList } from "../../src/picks/validate";
import type { PickList } from "../../src/picks/types";
import { catalogIndex, catalogList } from "./support";

function huaxinFocus(): PickList {
  return catalogList("huaxin-2024-02-18-focus");
}

function errorsOf(doc: unknown): string[] {
  const result = validatePickList(doc);
  if (result.ok) throw new Error("expected the document to be rejected");
  return result.errors;
}

describe("validatePickList", () => {
  it("accepts every catalog list", () => {
    for (const report of catalogIndex().reports) {
      for (const entry of report.lists) {
        const result = validatePickList(catalogList(entry.id));
        expect(result).toMatchObject({ ok: true });
      }
    }
  });

  it("rejects what is not a pick list at all", () => {
    expect(errorsOf(null)).toEqual(["document: must be object"]);
    expect(errorsOf({})).toContain('document: missing "columns"');
    expect(errorsOf({ ...huaxinFocus(), format: "other" })).toContain('format: must be "aic-picklist"');
  });

  it("names a newer version rather than listing schema noise", () => {
    expect(errorsOf({ ...huaxinFocus(), version: 2 })).toEqual([
      "version 2 of aic-picklist is newer than this reader understands (1)",
    ]);
  });

  it("names the row (1-based) and the column of a wrongly typed value", () => {
    const list = huaxinFocus();
    list.rows[2]!.pe_2022 = "181.46"; // 科大讯飞's P/E 2022, as text
    expect(errorsOf(list)).toEqual(['row 3, column "pe_2022": pe column needs a number or null, got text "181.46"']);
  });

  it("rejects a missing value written as something other than null", () => {
    const list = huaxinFocus();
    delete list.rows[0]!.eps_2023; // 高新发展 has no 2023 EPS: it must be null, not absent
    expect(errorsOf(list)).toEqual(['row 1, column "eps_2023": missing (write null for a missing value)']);
  });

  it("rejects a text column holding a number and a value under no column", () => {
    const list = huaxinFocus();
    list.rows[0]!.rating = 5;
    list.rows[1]!.target = 40;
    expect(errorsOf(list)).toEqual([
      'row 1, column "rating": rating column needs text or null, got number 5',
      'row 2, column "target": no such column',
    ]);
  });

  it("finds a missing column in a row that has as many keys as columns, one of them unknown", () => {
    const list = huaxinFocus();
    delete list.rows[1]!.eps_2023; // 浪潮信息's 2023 EPS moved under a key no column has
    list.rows[1]!.eps2023 = 2.07;
    expect(errorsOf(list)).toEqual([
      'row 2, column "eps2023": no such column',
      'row 2, column "eps_2023": missing (write null for a missing value)',
    ]);
  });

  it("rejects tickers that are not normalised, and duplicates", () => {
    const list = huaxinFocus();
    list.rows[0]!.ticker = "000628";
    list.rows[2]!.ticker = "000977.SZ";
    expect(errorsOf(list)).toEqual([
      'row 1, column "ticker": "000628" is not a normalised ticker (000977.SZ, 688256.SH, 0700.HK, 830799.BJ)',
      'row 3, column "ticker": 000977.SZ already in row 2',
    ]);
  });

  it("needs exactly one ticker column and unique keys", () => {
    const list = huaxinFocus();
    list.columns[1] = { ...list.columns[1]!, kind: "ticker" };
    list.columns[3] = { ...list.columns[3]!, key: "price" };
    const errors = errorsOf(list);
    expect(errors).toContain('column 4 ("price"): duplicate key');
    expect(errors).toContain("columns: need exactly one ticker column, found 2");
  });

  it("needs a year and an estimate flag on EPS and P/E columns", () => {
    const list = huaxinFocus();
    const { year: _year, ...noYear } = list.columns[4]!;
    list.columns[4] = noYear;
    expect(errorsOf(list)).toEqual(['column 5 ("eps_2023"): missing "year"']);
  });

  it("allows a null ticker only on a named row", () => {
    const list = catalogList("minsheng-2024-02-25-theme-ai-devices");
    list.rows[0]!.ticker = null;
    expect(validatePickList(list)).toMatchObject({ ok: true });
    list.rows[0]!.name = null;
    expect(errorsOf(list)).toEqual(['row 1, column "ticker": a row without a ticker needs a name']);
  });

  it("checks calendar dates and unknown fields, but allows x- extensions", () => {
    const list = huaxinFocus();
    list.source.reportDate = "2024-02-30";
    expect(errorsOf(list)).toEqual(['source.reportDate: "2024-02-30" is not a calendar date']);
    expect(errorsOf({ ...huaxinFocus(), extra: 1 })).toEqual(['document: unknown field "extra"']);
    expect(validatePickList({ ...huaxinFocus(), "x-feed": { fetched: "2024-02-19" } })).toMatchObject({ ok: true });
  });

  it("caps a flood of errors", () => {
    const list = huaxinFocus();
    for (const row of list.rows) for (const key of ["eps_2022", "eps_2023", "eps_2024", "pe_2022"]) row[key] = "x";
    const errors = errorsOf(list);
    expect(errors).toHaveLength(51);
    expect(errors[50]).toBe("… and 18 more errors");
  });
});

describe("validateCatalogIndex", () => {
  it("accepts the bundled index", () => {
    expect(validateCatalogIndex(catalogIndex())).toMatchObject({ ok: true });
  });

  it("rejects duplicate list ids and hrefs that leave the catalog", () => {
    const index = catalogIndex();
    const huaxin = index.reports[0]!;
    huaxin.lists[1] = { ...huaxin.lists[1]!, id: huaxin.lists[0]!.id };
    const dup = validateCatalogIndex(index);
    expect(dup).toEqual({
      ok: false,
      errors: [`report 1 ("huaxin-2024-02-18"), list 2 ("${huaxin.lists[0]!.id}"): duplicate list id (also in report 1)`],
    });
    for (const href of ["../secret.json", "https://example.com/a.json", "/etc/a.json", "a/../../b.json"]) {
      const bad = catalogIndex();
      bad.reports[0]!.lists[0]!.href = href;
      const result = validateCatalogIndex(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatch(/^report 1, list 1, href: must match pattern/);
    }
  });
});
