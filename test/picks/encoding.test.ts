import { decodeBytes } from "../../src/picks/encoding";

/** Bytes of a short note, written by hand in each encoding analysts' tools save. */
const NOTE = "华鑫证券 行业周报 2025年03月09日\n浪潮信息 000977.SZ 34.56 买入\n";

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) { out[o++] = 0xff; out[o++] = 0xfe; }
  for (let i = 0; i < text.length; i++) { const c = text.charCodeAt(i); out[o++] = c & 0xff; out[o++] = c >> 8; }
  return out;
}

describe("decodeBytes", () => {
  it("reads UTF-8 with and without a BOM", () => {
    const plain = new TextEncoder().encode(NOTE);
    expect(decodeBytes(plain)).toEqual({ ok: true, text: NOTE, encoding: "UTF-8", bom: false });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeBytes(withBom)).toEqual({ ok: true, text: NOTE, encoding: "UTF-8", bom: true });
  });

  it("reads UTF-16 little- and big-endian with a BOM", () => {
    expect(decodeBytes(utf16le(NOTE, true))).toEqual({ ok: true, text: NOTE, encoding: "UTF-16LE", bom: true });
    const le = utf16le(NOTE, false);
    const be = new Uint8Array(le.length + 2);
    be[0] = 0xfe; be[1] = 0xff;
    for (let i = 0; i < le.length; i += 2) { be[i + 2] = le[i + 1]; be[i + 3] = le[i]; }
    expect(decodeBytes(be)).toEqual({ ok: true, text: NOTE, encoding: "UTF-16BE", bom: true });
  });

  it("reads GBK bytes as GB18030 (浪潮信息 = C0CB B3B1 D0C5 CFA2 in GBK)", () => {
    const gbk = new Uint8Array([0xc0, 0xcb, 0xb3, 0xb1, 0xd0, 0xc5, 0xcf, 0xa2, 0x20, 0x33, 0x34, 0x2e, 0x35, 0x36]);
    expect(decodeBytes(gbk)).toEqual({ ok: true, text: "浪潮信息 34.56", encoding: "GB18030", bom: false });
  });

  it("refuses empty, blank and binary input with a reason", () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(decodeBytes(new TextEncoder().encode(" \n\t "))).toEqual({ ok: false, reason: "empty" });
    const binary = new Uint8Array(4096);
    let seed = 7;
    for (let i = 0; i < binary.length; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; binary[i] = seed >> 16; }
    const result = decodeBytes(binary);
    expect(result.ok).toBe(false);
    const nuls = new Uint8Array(100); // a run of NUL bytes is valid UTF-8 but not text
    expect(decodeBytes(nuls)).toEqual({ ok: false, reason: "binary" });
  });
});
