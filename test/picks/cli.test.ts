/** The feed maintainer's command line, run end to end as a child process. */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import type { PickList } from "../../src/picks/types";
import { describeWithSeeds } from "../support/seeds";
import { encodeGb18030 } from "./importer/gb18030";
import { CATALOG_DIR, HUAXIN_SEED, MINSHENG_SEED, REPO, catalogIndex, catalogList } from "./support";

const TSX = path.join(REPO, "node_modules/tsx/dist/cli.mjs");

function picks(...args: string[]) {
  const run = spawnSync(process.execPath, [TSX, "scripts/picks.ts", ...args], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

jest.setTimeout(120_000);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "aic-picks-cli-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describeWithSeeds("picks parse on the seed notes", () => {
  it.each([
    ["huaxin-2024-02-18", HUAXIN_SEED],
    ["minsheng-2024-02-25", MINSHENG_SEED],
  ])("reproduces the catalog's %s lists from the seed note", (reportId, seed) => {
    const run = picks("parse", seed);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { lists: PickList[]; problems: unknown[] };
    const report = catalogIndex().reports.find((r) => r.id === reportId)!;
    expect(out.lists).toEqual(report.lists.map((e) => catalogList(e.id)));
    expect(Array.isArray(out.problems)).toBe(true);
  });
});

describe("picks parse", () => {
  it("reads a GBK note, says it decoded GB18030, and prints each problem in English on stderr", () => {
    const file = path.join(tmp, "gbk-note.txt");
    writeFileSync(file, encodeGb18030("某某证券 行业周报 2025年03月09日\n\n表1：重点推荐\n代码\t名称\t股价\n000977.SZ\t浪潮信息\t30.38\n002230.SZ\t科大讯飞\t43.55\n\n投资建议\n建议关注：光模块：新易盛、无名光电等。\n"));
    const run = picks("parse", file);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { lists: PickList[]; encoding: string };
    expect(out.encoding).toBe("GB18030");
    expect(out.lists.map((l) => l.id)).toEqual(["report-2025-03-09-table1-picks", "report-2025-03-09-theme-optical-modules"]);
    // 新易盛 comes from the bundled catalog (Huaxin's focus table); 无名光电 from nowhere.
    expect(out.lists[1]!.rows.map((r) => r.ticker)).toEqual(["300502.SZ", null]);
    expect(run.stderr.split("\n").filter((l) => l !== "")).toEqual([
      `${file}: decoded as GB18030`,
      `${file}: 投资建议: 光模块: "无名光电" is in neither the note's tables nor any list or directory the add-in knows; its ticker is left null`,
    ]);
  });

  it("dates a note that prints no date with --date, marked as given", () => {
    const file = path.join(tmp, "undated.txt");
    writeFileSync(file, "表1：重点推荐\n代码\t名称\t股价\n000977.SZ\t浪潮信息\t30.38\n002230.SZ\t科大讯飞\t43.55\n");
    const run = picks("parse", file, "--date", "2025-03-09");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { lists: PickList[] };
    expect(out.lists[0]!.source).toMatchObject({ reportDate: "2025-03-09", reportDateOrigin: "given" });
    expect(picks("parse", file, "--date", "2025-02-30")).toMatchObject({ status: 2, stderr: "--date 2025-02-30: not a date; give it as YYYY-MM-DD (2025-03-09)\n" });
  });

  it.each([
    ["empty", new Uint8Array(), "the file is empty: there is no text to read"],
    ["binary", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), "the file is not text (binary data); save the note as text or import the PDF"],
  ])("exits 1 with one line on stderr for %s input", (name, bytes, reason) => {
    const file = path.join(tmp, `${name}.txt`);
    writeFileSync(file, bytes);
    const run = picks("parse", file);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 1, stdout: "", stderr: `${file}: ${reason}\n` });
  });

  it("fails with a message on a missing file", () => {
    const run = picks("parse", path.join(tmp, "nope.txt"));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot read .*nope\.txt/);
  });
});

describe("picks validate", () => {
  it("prints ok for a catalog list and for the index", () => {
    for (const file of ["huaxin-2024-02-18-focus.json", "index.json"]) {
      const run = picks("validate", path.join(CATALOG_DIR, file));
      expect({ file, status: run.status, stdout: run.stdout }).toEqual({ file, status: 0, stdout: "ok\n" });
    }
  });

  it("exits 1 with the reasons for a broken list", () => {
    const list = catalogList("minsheng-2024-02-25-table5-focus");
    list.rows[8]!.pe_2022 = "1483"; // 易华录's 2022 PE, as text
    list.rows[10]!.ticker = "002153";
    const file = path.join(tmp, "broken.json");
    writeFileSync(file, JSON.stringify(list));
    const run = picks("validate", file);
    expect(run.status).toBe(1);
    // Issue 10: the reasons go to stderr, as parse's do.
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      [
        'row 9, column "pe_2022": pe column needs a number or null, got text "1483"',
        'row 11, column "ticker": "002153" is not a normalised ticker (000977.SZ, 688256.SH, 0700.HK, 830799.BJ)',
        "",
      ].join("\n"),
    );
  });

  it("exits 1 on a file that is not JSON", () => {
    const file = path.join(tmp, "note.json");
    writeFileSync(file, "资料来源: Wind");
    const run = picks("validate", file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^note\.json: not JSON|\/note\.json: not JSON/);
    expect(run.stdout).toBe("");
  });
});

describe("picks catalog without the seed notes", () => {
  it("stops with a message naming the folder it looked in", () => {
    const run = picks("catalog", "--seeds", path.join(tmp, "no-seeds"), "--check");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no seed directory at .*no-seeds/);
  });
});

describeWithSeeds("picks catalog --check", () => {
  it("confirms the bundled catalog is what the seeds produce", () => {
    const run = picks("catalog", "--check");
    expect(run.stdout).toBe("ok: 13 files match\n");
    expect(run.status).toBe(0);
  });

  it("writes a catalog that a later --check accepts, and flags a changed file", () => {
    const out = path.join(tmp, "catalog");
    expect(picks("catalog", "--out", out).status).toBe(0);
    expect(picks("catalog", "--out", out, "--check").status).toBe(0);
    writeFileSync(path.join(out, "huaxin-2024-02-18-focus.json"), "{}\n");
    const run = picks("catalog", "--out", out, "--check");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("differs: huaxin-2024-02-18-focus.json\n");
  });
});

describe("npm run picks", () => {
  it("is wired in package.json", () => {
    const run = spawnSync("npm", ["run", "--silent", "picks", "--", "validate", path.join(CATALOG_DIR, "index.json")], {
      cwd: REPO,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stdout).toBe("ok\n");
    expect(run.status).toBe(0);
  });
});
