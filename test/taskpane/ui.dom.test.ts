/**
 * @jest-environment jsdom
 */
/**
 * The taskpane's building blocks (src/taskpane/ui.ts) and what the page shows while something slow runs:
 * progress while the catalog or a list is fetched, and data (stock names, titles) marked apart from
 * the UI's own words so the language switch and a page translator leave it alone.
 */
import { parseReport } from "../../src/picks/parser";
import type { PickList } from "../../src/picks/types";
import { validatePickList } from "../../src/picks/validate";
import { mountTaskpane, type CatalogData } from "../../src/taskpane/app";
import { STRINGS, t, tParts, type StringKey } from "../../src/taskpane/i18n";
import { dataText, progressBar, sentence } from "../../src/taskpane/ui";
import { fakeIndex, huaxinFocusList } from "./fixtures";

describe("tParts", () => {
  it("splits a string at its placeholders and reads exactly as t() when joined, in both languages", () => {
    const params = { broker: "华鑫证券", reportTitle: "Sora 开启视频生成领域新篇章", reportDate: "2024-02-18" };
    for (const lang of ["en", "zh"] as const) {
      const parts = tParts(lang, "previewSource", params);
      expect(parts.map((p) => p.text).join("")).toBe(t(lang, "previewSource", params));
      expect(parts.filter((p) => p.param).map((p) => p.param)).toEqual(["broker", "reportTitle", "reportDate"]);
    }
    for (const key of Object.keys(STRINGS.en) as StringKey[])
      expect(tParts("zh", key, {}).map((p) => p.text).join("")).toBe(STRINGS.zh[key]);
  });
});

describe("data text", () => {
  it("marks data translate=no, and Chinese data lang=zh-CN", () => {
    const name = dataText("浪潮信息");
    expect([name.getAttribute("translate"), name.getAttribute("lang"), name.textContent]).toEqual(["no", "zh-CN", "浪潮信息"]);
    const ticker = dataText("000977.SZ");
    expect([ticker.getAttribute("translate"), ticker.hasAttribute("lang")]).toEqual(["no", false]);
  });

  it("keeps markup in data as text", () => {
    const el = dataText("<img src=x onerror=alert(1)>");
    expect(el.childNodes).toHaveLength(1);
    expect(el.firstChild!.nodeType).toBe(Node.TEXT_NODE);
  });

  it("fills a sentence with data spans, the words around them plain text", () => {
    const p = document.createElement("p");
    p.append(...sentence("en", "previewTableSource", { table: "表5: 重点关注个股" }, ["table"]).map((c) => c as Node | string));
    expect(p.textContent).toBe("Table: 表5: 重点关注个股");
    expect(p.querySelector('[translate="no"]')!.textContent).toBe("表5: 重点关注个股");
  });
});

describe("progress", () => {
  it("a determinate bar has its value, maximum and accessible name; an indeterminate one has neither value", () => {
    const done = progressBar({ label: "Insert progress", value: 2, max: 4, detail: "Writing rows: 2 of 4", showLabel: false });
    const bar = done.querySelector(".aic-progress-bar")!;
    expect([bar.getAttribute("value"), bar.getAttribute("max"), bar.getAttribute("aria-label")]).toEqual(["2", "4", "Insert progress"]);
    expect(done.textContent).toBe("Writing rows: 2 of 4");
    const waiting = progressBar({ label: "Loading the catalog…" });
    expect(waiting.querySelector(".aic-progress-bar")!.hasAttribute("value")).toBe(false);
    expect(waiting.textContent).toBe("Loading the catalog…");
  });

  it("shows a progress bar while the catalog and then a list are fetched", async () => {
    document.body.replaceChildren();
    const root = document.createElement("div");
    document.body.appendChild(root);
    let finishCatalog: (data: CatalogData) => void = () => undefined;
    let finishList: (list: PickList) => void = () => undefined;
    const app = mountTaskpane(root, {
      language: "en",
      host: { kind: "outside" },
      loadCatalog: () => new Promise<CatalogData>((resolve) => (finishCatalog = resolve)),
      parseReport,
      validatePickList,
    });
    const catalogBody = root.querySelector(".aic-catalog-body")!;
    expect(catalogBody.getAttribute("aria-busy")).toBe("true");
    expect(catalogBody.querySelector(".aic-progress-bar")?.getAttribute("aria-label")).toBe("Loading the catalog…");

    finishCatalog({
      index: fakeIndex(),
      problems: [],
      getList: () => new Promise<PickList>((resolve) => (finishList = resolve)),
    });
    await app.catalogLoaded;
    expect(catalogBody.querySelector(".aic-progress-bar")).toBeNull();
    expect(catalogBody.getAttribute("aria-busy")).toBe("false");

    root.querySelector<HTMLButtonElement>('[data-list-id="huaxin-2024-02-18-focus"] fluent-button')!.click();
    const previewBody = root.querySelector(".aic-preview-body")!;
    expect(previewBody.querySelector(".aic-progress-bar")?.getAttribute("aria-label")).toBe(
      "Loading “Huaxin Securities: companies in focus and earnings forecasts”…",
    );
    finishList(huaxinFocusList());
    await new Promise((r) => setTimeout(r, 0));
    expect(previewBody.querySelector(".aic-progress-bar")).toBeNull();
    expect(previewBody.querySelector("table")).not.toBeNull();
  });
});
