/** Notes as files: GBK/GB18030, UTF-16 and UTF-8 bytes, and input that is not a note (importer/parse.ts with src/picks/encoding.ts). */
import { parseReport, parseReportBytes } from "../../../src/picks/parser";
import { encodeGb18030 } from "./gb18030";

const NOTE = "民生证券 行业周报 2025年03月09日\n\n表1：重点推荐\n代码\t名称\t股价\t评级\n000977.SZ\t浪潮信息\t30.38\t买入\n002230.SZ\t科大讯飞\t43.55\t买入\n";

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[(bom ? 2 : 0) + 2 * i] = c & 0xff;
    out[(bom ? 2 : 0) + 2 * i + 1] = c >> 8;
  }
  return out;
}

describe("a note's bytes", () => {
  const expected = parseReport(NOTE);

  it("reads the same in GBK as in UTF-8, and says it decoded GB18030", () => {
    const bytes = encodeGb18030(NOTE);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const r = parseReportBytes(bytes);
    expect(r.encoding).toBe("GB18030");
    expect(r.lists).toEqual(expected.lists);
    expect(r.lists[0]!.rows[1]).toEqual({ ticker: "002230.SZ", name: "科大讯飞", price: 43.55, rating: "买入" });
  });

  it("UTF-16 with a byte-order mark, and UTF-8 with one", () => {
    expect(parseReportBytes(utf16le(NOTE, true))).toMatchObject({ encoding: "UTF-16LE", lists: expected.lists });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(NOTE)]);
    expect(parseReportBytes(bom)).toMatchObject({ encoding: "UTF-8", lists: expected.lists });
  });

  it.each([
    ["empty", new Uint8Array(), "empty"],
    ["blank", new TextEncoder().encode(" \n \n"), "empty"],
    ["binary", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 4, 5]), "binary"],
  ])("%s input is refused with a reason, not parsed", (_, bytes, failure) => {
    const r = parseReportBytes(bytes);
    expect(r.lists).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "not-text", failure, table: "(note)" })]);
  });
});
