/**
 * Refresh as a three-way merge, against the Excel fake: the analyst's edits survive, conflicts are reported
 * and can be resolved with the broker's value, the analyst's own rows are theirs, rows matched by name carry
 * the analyst's cells, a refresh interrupted at any sync changes nothing, old tables get a base.
 *
 * Vectors: Huaxin 重点关注公司及盈利预测 (华鑫证券, 2024-02-18; assets/catalog/huaxin-2024-02-18-focus.json):
 * 浪潮信息 000977.SZ row 13 (EPS 2022 1.57 in D13, rating 买入 in M13), 科大讯飞 002230.SZ row 14 (price
 * 43.55 in C14), 高新发展 000628.SZ row 12 (no EPS 2023E: E12 empty). Huaxin's optical-module theme
 * (huaxin-2024-02-18-theme-optical-modules.json): 中际旭创 300308.SZ, 新易盛 300502.SZ.
 */
import { refreshTables, type ListFetcher, type RefreshConflict, type RefreshReport } from "../../src/excel/refresh";
import { takeTheirs } from "../../src/excel/conflicts";
import { LOG_SHEET_NAMES } from "../../src/excel/logSheet";
import { pickTableSettingKey } from "../../src/excel/workbookRecord";
import { insertPickList } from "../../src/excel/insert";
import type { PickList } from "../../src/picks/types";
import { FakeExcel, FakeExcelError, parseAddress } from "../support/excelFake";
import { huaxinList } from "../excel/lists";
import { HUAXIN_SHEET, HUAXIN_TABLE, REFRESHED_AT, insertHuaxin, recordOf, snapshot, typeInto } from "./support";
import { benchList } from "../../bench/lists";
import * as fs from "node:fs";
import * as path from "node:path";
import { validatePickList } from "../../src/picks/validate";

const LOG = LOG_SHEET_NAMES.zh;

function serve(list: PickList): ListFetcher {
  return async () => list;
}

async function refresh(fake: FakeExcel, list: PickList, budget?: number): Promise<RefreshReport> {
  return refreshTables(fake.requestContext, "all", serve(list), { now: () => REFRESHED_AT, ...(budget ? { payloadBudgetBytes: budget } : {}) });
}

/** The three edits of the issue: a rating of their own, a price as a formula, a missing EPS filled. */
function analystEdits(fake: FakeExcel): void {
  typeInto(fake, HUAXIN_SHEET, "M13", { kind: "text", value: "持有(我的判断)" });
  typeInto(fake, HUAXIN_SHEET, "C14", { kind: "formula", formula: "=43.55*1.01", value: 43.9855 });
  typeInto(fake, HUAXIN_SHEET, "E12", { kind: "number", value: 0.61 });
}

/** Every live custom XML part (the bases), for "unchanged". */
function parts(fake: FakeExcel): string {
  return JSON.stringify(fake.customXmlParts.filter((p) => !p.deleted).map((p) => [p.namespaceUri, p.xml]));
}

function logLines(fake: FakeExcel): unknown[] {
  const sheet = fake.sheet(LOG);
  const lines: unknown[] = [];
  for (let r = 1; ; r++) {
    const cell = fake.getCell(sheet, r, 3);
    if (cell.kind === "empty") return lines;
    lines.push(cell.value);
  }
}

describe("the analyst's edits survive a refresh from the unchanged source", () => {
  let fake: FakeExcel;
  let report: RefreshReport;
  beforeAll(async () => {
    fake = new FakeExcel();
    await insertHuaxin(fake);
    analystEdits(fake);
    report = await refresh(fake, huaxinList());
  });

  it("keeps 持有(我的判断) over 买入, the formula =43.55*1.01, and the EPS 0.61 the analyst filled in", () => {
    expect(report.outcomes[0]).toMatchObject({ status: "refreshed", counts: { updated: 0, added: 0, dropped: 0, conflicts: 0 } });
    expect(fake.cell(HUAXIN_SHEET, "M13")).toMatchObject({ kind: "text", value: "持有(我的判断)" });
    expect(fake.cell(HUAXIN_SHEET, "C14")).toMatchObject({ kind: "formula", formula: "=43.55*1.01" });
    expect(fake.cell(HUAXIN_SHEET, "E12")).toMatchObject({ kind: "number", value: 0.61 });
  });

  it("writes no list cell and blames no one: the log says 无变化", () => {
    const cellWrites = fake.writes.filter((w) => w.sheet === HUAXIN_SHEET && w.sync > 3);
    expect(cellWrites).toEqual([]);
    expect(logLines(fake)).toEqual(["无变化"]);
    expect(report.outcomes[0]!.summary).toEqual(["无变化"]);
  });
});

describe("both sides changed a cell: the analyst's value is kept and the conflict reported", () => {
  let fake: FakeExcel;
  let report: RefreshReport;
  let next: PickList;
  beforeAll(async () => {
    fake = new FakeExcel();
    await insertHuaxin(fake);
    analystEdits(fake);
    typeInto(fake, HUAXIN_SHEET, "D13", { kind: "number", value: 1.6 });
    next = huaxinList();
    const inspur = next.rows.find((r) => r.ticker === "000977.SZ")!;
    inspur.eps_2022 = 1.65;
    inspur.rating = "增持"; // also a conflict: the analyst typed their own rating
    next.rows.find((r) => r.ticker === "300308.SZ")!.eps_2024 = 5.5; // untouched by the analyst: taken
    report = await refresh(fake, next);
  });

  it("keeps 1.60 in D13, takes 5.5 into 中际旭创's untouched EPS 2024E (F18)", () => {
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.6);
    expect(fake.cell(HUAXIN_SHEET, "F18").value).toBe(5.5);
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("持有(我的判断)");
  });

  it("reports the conflicts in both languages, in the summary and the log", () => {
    const conflicts = report.outcomes[0]!.conflicts!;
    expect(conflicts.map((c) => c.text.en)).toEqual(["EPS 2022 浪潮信息: broker 1.57 → 1.65, yours 1.60 kept", "Rating 浪潮信息: broker 买入 → 增持, yours 持有(我的判断) kept"]);
    expect(conflicts.map((c) => c.text.zh)).toEqual(["EPS 2022 浪潮信息：券商 1.57 → 1.65，保留您的 1.60", "投资评级 浪潮信息：券商 买入 → 增持，保留您的 持有(我的判断)"]);
    expect(conflicts.map((c) => c.address)).toEqual([`'${HUAXIN_SHEET}'!D13`, `'${HUAXIN_SHEET}'!M13`]);
    expect(logLines(fake)).toEqual([
      "EPS 2024E 调整：中际旭创 (300308.SZ) 5.01 → 5.5",
      "EPS 2022 浪潮信息：券商 1.57 → 1.65，保留您的 1.60",
      "投资评级 浪潮信息：券商 买入 → 增持，保留您的 持有(我的判断)",
    ]);
    // The broker's revision is not presented as a change from the analyst's figure.
    expect(logLines(fake).join("\n")).not.toContain("1.6 → 1.65");
  });

  it("a second refresh from the same source reports nothing again and keeps the analyst's values", async () => {
    const again = await refresh(fake, next);
    expect(again.outcomes[0]!.conflicts).toEqual([]);
    expect(again.outcomes[0]!.summary).toEqual(["无变化"]);
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.6);
  });
});

describe("taking the broker's value", () => {
  async function conflicted(): Promise<{ fake: FakeExcel; conflicts: RefreshConflict[]; next: PickList }> {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    typeInto(fake, HUAXIN_SHEET, "D13", { kind: "number", value: 1.6 });
    typeInto(fake, HUAXIN_SHEET, "C14", { kind: "formula", formula: "=43.55*1.01", value: 43.9855 });
    const next = huaxinList();
    next.rows.find((r) => r.ticker === "000977.SZ")!.eps_2022 = 1.65;
    next.rows.find((r) => r.ticker === "002230.SZ")!.price = 44.1;
    const report = await refresh(fake, next);
    return { fake, conflicts: report.outcomes[0]!.conflicts!, next };
  }

  it("for one conflict: only that cell takes the broker's value, in 2 syncs; the next refresh is clean", async () => {
    const { fake, conflicts, next } = await conflicted();
    expect(conflicts.map((c) => c.address)).toEqual([`'${HUAXIN_SHEET}'!D13`, `'${HUAXIN_SHEET}'!C14`]);
    const done = await takeTheirs(fake.requestContext, [conflicts[0]!]);
    expect(done).toMatchObject({ syncCount: 2, skipped: [] });
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.65);
    expect(fake.cell(HUAXIN_SHEET, "C14")).toMatchObject({ kind: "formula", formula: "=43.55*1.01" });
    const again = await refresh(fake, next);
    expect(again.outcomes[0]!.conflicts).toEqual([]);
  });

  it("for all: the formula the analyst typed is replaced only because they asked", async () => {
    const { fake, conflicts } = await conflicted();
    const done = await takeTheirs(fake.requestContext, conflicts);
    expect(done.written.length).toBe(2);
    expect(fake.cell(HUAXIN_SHEET, "C14")).toMatchObject({ kind: "number", value: 44.1 });
    expect(fake.cell(HUAXIN_SHEET, "D13")).toMatchObject({ kind: "number", value: 1.65 });
  });

  it("skips a cell the analyst changed again, or a row that moved", async () => {
    const { fake, conflicts } = await conflicted();
    typeInto(fake, HUAXIN_SHEET, "D13", { kind: "number", value: 1.7 });
    typeInto(fake, HUAXIN_SHEET, "A14", { kind: "text", value: "600000.SH" });
    const done = await takeTheirs(fake.requestContext, conflicts);
    expect(done.written).toEqual([]);
    expect(done.skipped.map((s) => s.reason)).toEqual(["changed", "moved"]);
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.7);
  });
});

describe("rows: the analyst's own, and rows matched by name", () => {
  it("a row the analyst added inside the table (600519.SH 贵州茅台) is never struck nor logged", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    typeInto(fake, HUAXIN_SHEET, "A29", { kind: "text", value: "600519.SH", numberFormat: "@" });
    typeInto(fake, HUAXIN_SHEET, "B29", { kind: "text", value: "贵州茅台", numberFormat: "@" });
    typeInto(fake, HUAXIN_SHEET, "C29", { kind: "number", value: 1688, numberFormat: "0.00" });
    fake.resizeTable(fake.table(HUAXIN_TABLE), parseAddress("A11:M29"));
    const next = huaxinList();
    next.rows = next.rows.filter((r) => r.ticker !== "301270.SZ"); // a real drop, for contrast
    const report = await refresh(fake, next);
    expect(report.outcomes[0]!.counts).toMatchObject({ dropped: 1, added: 0 });
    expect(fake.grid(HUAXIN_SHEET, "A29:N29", "strikethrough")[0]!.some((s) => s === true)).toBe(false);
    expect(fake.cell(HUAXIN_SHEET, "N29").kind).toBe("empty");
    expect(fake.cell(HUAXIN_SHEET, "N24").value).toBe("已移出");
    expect(logLines(fake)).toEqual(["移出：汉仪股份 (301270.SZ)"]);
    expect(fake.grid(HUAXIN_SHEET, "A29:C29", "value")).toEqual([["600519.SH", "贵州茅台", 1688]]);
  });

  function opticalModules(): PickList {
    const file = path.resolve(__dirname, "../../assets/catalog/huaxin-2024-02-18-theme-optical-modules.json");
    const checked = validatePickList(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!checked.ok) throw new Error(checked.errors.join("; "));
    return checked.list;
  }

  it("a row without a ticker (新易盛) that the source resolves (300502.SZ) is the same row: ticker written, notes kept", async () => {
    const fake = new FakeExcel();
    const unresolved = opticalModules();
    unresolved.rows[1]!.ticker = null;
    const { sheetName, tableName } = await insertPickList(fake.requestContext, unresolved, { language: "zh" });
    // The table is A11:C13: 中际旭创 row 12, 新易盛 row 13; the analyst adds a note column D.
    typeInto(fake, sheetName, "D11", { kind: "text", value: "笔记" });
    typeInto(fake, sheetName, "D13", { kind: "text", value: "800G 放量" });
    fake.resizeTable(fake.table(tableName), parseAddress("A11:D13"));
    const report = await refresh(fake, opticalModules());
    expect(report.outcomes[0]!.counts).toMatchObject({ dropped: 0, added: 0 });
    expect(fake.grid(sheetName, "A13:D13", "value")).toEqual([["300502.SZ", "新易盛", "光模块", "800G 放量"]]);
    expect(fake.tableAddress(fake.table(tableName))).toBe("A11:D13");
    expect(logLines(fake)).toContain("代码：新易盛 — → 300502.SZ");
  });

  it("a ticker the source corrects (same name, new code) keeps the row, its analyst cells and edits", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    typeInto(fake, HUAXIN_SHEET, "N11", { kind: "text", value: "笔记" });
    typeInto(fake, HUAXIN_SHEET, "N13", { kind: "text", value: "服务器龙头" });
    fake.resizeTable(fake.table(HUAXIN_TABLE), parseAddress("A11:N28"));
    typeInto(fake, HUAXIN_SHEET, "M13", { kind: "text", value: "持有(我的判断)" });
    const next = huaxinList();
    // A made-up correction of 浪潮信息's code, for the rule: same name, new ticker.
    next.rows.find((r) => r.ticker === "000977.SZ")!.ticker = "000978.SZ";
    const report = await refresh(fake, next);
    expect(report.outcomes[0]!.counts).toMatchObject({ dropped: 0, added: 0 });
    expect(fake.grid(HUAXIN_SHEET, "A13:B13", "value")).toEqual([["000978.SZ", "浪潮信息"]]);
    expect(fake.cell(HUAXIN_SHEET, "N13").value).toBe("服务器龙头");
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("持有(我的判断)");
    expect(fake.tableAddress(fake.table(HUAXIN_TABLE))).toBe("A11:N28");
    // The base follows the new code: a later revision of the row is taken, the analyst's rating still kept.
    next.rows.find((r) => r.ticker === "000978.SZ")!.price = 31;
    await refresh(fake, next);
    expect(fake.cell(HUAXIN_SHEET, "C13").value).toBe(31);
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("持有(我的判断)");
  });
});

describe("a refresh interrupted at any sync leaves the table and its base unchanged", () => {
  async function prepared(): Promise<FakeExcel> {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    analystEdits(fake);
    return fake;
  }
  function next(): PickList {
    const list = huaxinList();
    list.rows.find((r) => r.ticker === "000977.SZ")!.eps_2022 = 1.65;
    list.rows = list.rows.filter((r) => r.ticker !== "301270.SZ");
    list.rows.push({ ...list.rows[0]!, ticker: "000066.SZ", name: "中国长城" });
    list.source.priceDate = "2024-03-01";
    return list;
  }

  it.each([2_000_000, 16_000])("fails each sync in turn (budget %i bytes), and every time nothing changed", async (budget) => {
    const probe = await prepared();
    const start = probe.syncCount;
    const ok = await refresh(probe, next(), budget);
    expect(ok.outcomes[0]!.error).toBeNull();
    const total = probe.syncCount - start;
    // The whole write in one request; or, under a small budget, in several (each undone if a later one fails).
    if (budget > 1_000_000) expect(total).toBe(3);
    else expect(total).toBeGreaterThan(3);
    for (let n = 1; n <= total; n++) {
      const fake = await prepared();
      const before = [snapshot(fake, HUAXIN_TABLE), parts(fake)];
      fake.failSync = { n: fake.syncCount + n, error: new FakeExcelError("GeneralException", `sync ${n} dropped`) };
      const result = await refresh(fake, next(), budget);
      expect(result.outcomes[0]?.status ?? "failed").toBe("failed");
      expect([snapshot(fake, HUAXIN_TABLE), parts(fake)]).toEqual(before);
      expect(fake.pendingCount).toBe(0);
      // And the next refresh merges as if nothing had happened: the analyst's edits are still theirs.
      const after = await refresh(fake, next(), budget);
      expect(after.outcomes[0]!.status).toBe("refreshed");
      expect(fake.cell(HUAXIN_SHEET, "C14").formula).toBe("=43.55*1.01");
      expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.65);
    }
  }, 120_000);
});

describe("a table inserted before bases existed", () => {
  it("upgrades on its first refresh: equal cells become base, the analyst's differing cells are kept as conflicts", async () => {
    const fake = new FakeExcel();
    await insertHuaxin(fake);
    // As the previous version left it: no base in the record, no base part.
    const key = pickTableSettingKey(fake.table(HUAXIN_TABLE).id);
    const record = fake.settings.get(key) as Record<string, unknown>;
    delete record.base;
    for (const p of fake.customXmlParts) p.deleted = true;
    analystEdits(fake);
    const next = huaxinList();
    next.rows.find((r) => r.ticker === "300308.SZ")!.eps_2024 = 5.5;
    const report = await refresh(fake, next);
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("持有(我的判断)");
    expect(fake.cell(HUAXIN_SHEET, "C14").formula).toBe("=43.55*1.01");
    expect(fake.cell(HUAXIN_SHEET, "E12").value).toBe(0.61);
    // Without a base a difference cannot be told from a revision: kept, and reported.
    expect(fake.cell(HUAXIN_SHEET, "F18").value).toBe(5.01);
    expect(report.outcomes[0]!.conflicts!.map((c) => c.address.split("!")[1])).toEqual(["E12", "M13", "C14", "F18"].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b)));
    expect(recordOf(fake, HUAXIN_TABLE).base).toMatchObject({ seq: 0, snapshotSeq: 0 });
    // From now on there is a base: a revision of an untouched cell is taken, the edits stay.
    next.rows.find((r) => r.ticker === "000977.SZ")!.eps_2022 = 1.65;
    const second = await refresh(fake, next);
    expect(second.outcomes[0]!.conflicts).toEqual([]);
    expect(fake.cell(HUAXIN_SHEET, "D13").value).toBe(1.65);
    expect(fake.cell(HUAXIN_SHEET, "M13").value).toBe("持有(我的判断)");
  });
});

describe("revisions of whole large lists succeed", () => {
  it.each([12_000, 50_000])("%i rows, every EPS revised: refreshed, the log capped and counted", async (rows) => {
    const list = benchList(rows);
    const next = benchList(rows);
    for (const row of next.rows) {
      for (const key of ["eps_2022", "eps_2023", "eps_2024"]) if (typeof row[key] === "number") row[key] = Math.round((row[key] as number) * 105) / 100;
    }
    const fake = new FakeExcel();
    const { sheetName } = await insertHuaxin(fake, list);
    const start = fake.syncCount;
    const report = await refresh(fake, next);
    const outcome = report.outcomes[0]!;
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe("refreshed");
    expect(outcome.linesOmitted).toBeGreaterThan(0);
    expect(outcome.summary[outcome.summary.length - 1]).toBe(`另有 ${outcome.linesOmitted} 处变化未逐条列出`);
    expect(fake.cell(sheetName, "D13").value).toBe(next.rows[1]!.eps_2022);
    expect(fake.cell(sheetName, `F${11 + rows}`).value).toBe(next.rows[rows - 1]!.eps_2024);
    for (const bytes of fake.syncPayloadBytes.slice(start)) expect(bytes).toBeLessThan(5 * 1024 * 1024);
    for (const bytes of fake.syncResponseBytes.slice(start)) expect(bytes).toBeLessThan(5 * 1024 * 1024);
  }, 180_000);
});
