/**
 * Bytes from outside (a dropped or opened note, a feed body) to text, the one way every reader does it.
 * Pure; TextDecoder exists in every browser Excel uses and in Node (full ICU since Node 13), and it knows
 * GB18030, which also reads GBK and GB2312 (GB18030 is their superset).
 *
 * Order of evidence: a byte-order mark decides; otherwise valid UTF-8 is UTF-8 (GB18030 text that happens
 * to be valid UTF-8 is vanishingly rare past a few characters); otherwise GB18030, the encoding of Chinese
 * notes saved by Windows tools. Text that still holds control bytes or replacement characters is refused
 * rather than imported as mojibake.
 */

export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";

export type DecodeFailure = "empty" | "binary" | "undecodable";

export type DecodedText =
  | { ok: true; text: string; encoding: TextEncodingName; bom: boolean }
  | { ok: false; reason: DecodeFailure };

/** Share of control or replacement characters above which decoded text is taken for binary data. */
const MAX_JUNK_SHARE = 0.01;

function strict(label: string): TextDecoder {
  return new TextDecoder(label, { fatal: true, ignoreBOM: true });
}

function tryDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return strict(label).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Control characters other than tab, newline, carriage return and form feed, plus U+FFFD. */
function junkShare(text: string): number {
  if (text.length === 0) return 0;
  let junk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) junk++;
  }
  return junk / text.length;
}

function accept(text: string, encoding: TextEncodingName, bom: boolean): DecodedText {
  if (text.trim() === "") return { ok: false, reason: "empty" };
  if (junkShare(text) > MAX_JUNK_SHARE) return { ok: false, reason: "binary" };
  return { ok: true, text, encoding, bom };
}

/** Decodes a note or feed body; says which encoding it used, or why it cannot. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode("utf-8", bytes.subarray(3));
    return text === undefined ? { ok: false, reason: "undecodable" } : accept(text, "UTF-8", true);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode("utf-16le", bytes.subarray(2));
    return text === undefined ? { ok: false, reason: "undecodable" } : accept(text, "UTF-16LE", true);
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode("utf-16be", bytes.subarray(2));
    return text === undefined ? { ok: false, reason: "undecodable" } : accept(text, "UTF-16BE", true);
  }
  // NUL and other control bytes are valid UTF-8 but never text: accept() refuses them as binary (BOM-less
  // UTF-16 lands there too; the tools analysts use write UTF-16 with a mark).
  const utf8 = tryDecode("utf-8", bytes);
  if (utf8 !== undefined) return accept(utf8, "UTF-8", false);
  const gb = tryDecode("gb18030", bytes);
  if (gb !== undefined) return accept(gb, "GB18030", false);
  return { ok: false, reason: "undecodable" };
}

/** English one-liners for the CLI and logs; the taskpane renders the reason in the analyst's language. */
export const DECODE_FAILURE_TEXT: Record<DecodeFailure, string> = {
  empty: "the file is empty: there is no text to read",
  binary: "the file is not text (binary data); save the note as text or import the PDF",
  undecodable: "the file's bytes are neither UTF-8, UTF-16 nor GB18030/GBK text",
};
