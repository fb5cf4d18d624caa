/** The format document's examples are valid documents of the format they describe. */
import * as path from "path";
import { validateCatalogIndex, validatePickList } from "../../src/picks/validate";
import { REPO, catalogList, readText } from "./support";

const doc = readText(path.join(REPO, "docs/picklist-format.md"));
const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

describe("docs/picklist-format.md", () => {
  it("has a pick-list example that validates and agrees with the catalog", () => {
    const example = jsonBlocks.find((b) => b.format === "aic-picklist")!;
    expect(validatePickList(example)).toMatchObject({ ok: true });
    // Its two rows are the catalog's (Huaxin 重点关注公司及盈利预测: 高新发展, 浪潮信息), restricted to its columns.
    const full = catalogList("huaxin-2024-02-18-focus");
    const rows = example.rows as Record<string, unknown>[];
    for (const row of rows) {
      const catalogRow = full.rows.find((r) => r.ticker === row.ticker)!;
      for (const [key, value] of Object.entries(row)) expect({ key, value }).toEqual({ key, value: catalogRow[key] });
    }
    expect(example.source).toEqual(full.source);
  });

  it("has a catalog-index example that validates", () => {
    const example = jsonBlocks.find((b) => b.format === "aic-catalog")!;
    expect(validateCatalogIndex(example)).toMatchObject({ ok: true });
  });
});
