import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { buildCatalogIndex, loadCatalog, resolveCatalogHref } from "../../src/picks/catalog";
import type { PickList } from "../../src/picks/types";
import { CATALOG_DIR, catalogIndex, catalogList } from "./support";

/** What the taskpane's fetch does, on the file system: URL → parsed JSON, or a rejection. */
const fetchFile = async (url: string): Promise<unknown> => JSON.parse(readFileSync(url, "utf8")) as unknown;

describe("loadCatalog", () => {
  it("loads and validates the bundled catalog", async () => {
    const result = await loadCatalog(fetchFile, path.join(CATALOG_DIR, "index.json"));
    expect(result.ok).toBe(true);
    expect(result.lists.map((l) => l.id)).toEqual(catalogIndex().reports.flatMap((r) => r.lists.map((e) => e.id)));
    // Minsheng 表5: 科大讯飞 周涨跌幅 6.38%
    const table5 = result.lists.find((l) => l.id === "minsheng-2024-02-25-table5-focus")!;
    expect(table5.rows[0]).toMatchObject({ ticker: "002230.SZ", change_1w: 0.0638 });
  });

  it("resolves hrefs against http(s) index URLs", async () => {
    const requested: string[] = [];
    const fetchHttp = async (url: string): Promise<unknown> => {
      requested.push(url);
      const file = url.replace("https://feed.example/aic/catalog/", `${CATALOG_DIR}/`);
      return fetchFile(file);
    };
    const result = await loadCatalog(fetchHttp, "https://feed.example/aic/catalog/index.json");
    expect(result.ok).toBe(true);
    expect(requested).toContain("https://feed.example/aic/catalog/huaxin-2024-02-18-focus.json");
    expect(resolveCatalogHref("catalog/index.json", "a.json")).toBe("catalog/a.json");
    expect(resolveCatalogHref("index.json", "a.json")).toBe("a.json");
  });

  describe("on a broken copy of the catalog", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "aic-catalog-"));
      cpSync(CATALOG_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const edit = (file: string, change: (doc: PickList) => void) => {
      const full = path.join(dir, file);
      const doc = JSON.parse(readFileSync(full, "utf8")) as PickList;
      change(doc);
      writeFileSync(full, JSON.stringify(doc));
    };

    it("reports a bad row with its list, URL, row and column, and still returns the good lists", async () => {
      edit("minsheng-2024-02-25-table4-losers.json", (doc) => {
        doc.rows[1]!.price = "18.45"; // 新大陆's 收盘价, as text
      });
      const result = await loadCatalog(fetchFile, path.join(dir, "index.json"));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const url = path.join(dir, "minsheng-2024-02-25-table4-losers.json");
      expect(result.errors).toEqual([
        `list "minsheng-2024-02-25-table4-losers" (${url}): row 2, column "price": price column needs a number or null, got text "18.45"`,
      ]);
      expect(result.lists).toHaveLength(11);
      expect(result.index).not.toBeNull();
    });

    it("reports a list that disagrees with its index entry", async () => {
      edit("huaxin-2024-02-18-theme-optical-modules.json", (doc) => {
        doc.rows.pop();
      });
      const result = await loadCatalog(fetchFile, path.join(dir, "index.json"));
      expect(result.ok ? [] : result.errors).toEqual([
        `list "huaxin-2024-02-18-theme-optical-modules" (${path.join(dir, "huaxin-2024-02-18-theme-optical-modules.json")}): the index announces 2 rows, the document has 1`,
      ]);
    });

    it("reports a list that cannot be fetched", async () => {
      rmSync(path.join(dir, "minsheng-2024-02-25-theme-ai-devices.json"));
      const result = await loadCatalog(fetchFile, path.join(dir, "index.json"));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatch(/^list "minsheng-2024-02-25-theme-ai-devices" \(.*\): could not be fetched: ENOENT/);
    });

    it("reports an invalid index and loads nothing", async () => {
      const indexFile = path.join(dir, "index.json");
      const index = JSON.parse(readFileSync(indexFile, "utf8")) as { reports: { lists: { rowCount: unknown }[] }[] };
      index.reports[1]!.lists[0]!.rowCount = -1;
      writeFileSync(indexFile, JSON.stringify(index));
      const result = await loadCatalog(fetchFile, indexFile);
      expect(result).toEqual({
        ok: false,
        index: null,
        lists: [],
        errors: [`${indexFile}: report 2, list 1, rowCount: must be >= 0`],
      });
    });
  });

  it("reports an index that cannot be fetched", async () => {
    const result = await loadCatalog(async () => {
      throw new Error("HTTP 404");
    }, "https://feed.example/index.json");
    expect(result).toEqual({ ok: false, index: null, lists: [], errors: ["https://feed.example/index.json: could not be fetched: HTTP 404"] });
  });
});

describe("buildCatalogIndex", () => {
  it("groups lists by report in first-seen order", () => {
    const lists = [catalogList("minsheng-2024-02-25-table3-gainers"), catalogList("huaxin-2024-02-18-focus"), catalogList("minsheng-2024-02-25-table4-losers")];
    const index = buildCatalogIndex(lists);
    expect(index.reports.map((r) => [r.id, r.lists.map((l) => [l.id, l.rowCount, l.href])])).toEqual([
      ["minsheng-2024-02-25", [["minsheng-2024-02-25-table3-gainers", 5, "minsheng-2024-02-25-table3-gainers.json"], ["minsheng-2024-02-25-table4-losers", 4, "minsheng-2024-02-25-table4-losers.json"]]],
      ["huaxin-2024-02-18", [["huaxin-2024-02-18-focus", 17, "huaxin-2024-02-18-focus.json"]]],
    ]);
  });
});
