/**
 * Text → GB18030 (GBK) bytes for tests. Node's TextEncoder writes only UTF-8, so the two-byte table is
 * read back from TextDecoder("gb18030") itself: every lead/trail pair decoded once, reversed.
 */
let table: Map<string, [number, number]> | null = null;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

export function encodeGb18030(text: string): Uint8Array {
  const map = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = map.get(ch);
      if (!pair) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(pair[0], pair[1]);
    }
  }
  return new Uint8Array(out);
}
