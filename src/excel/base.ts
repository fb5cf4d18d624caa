/**
 * Where the base of each table lives: what the add-in last wrote into each list cell, the "base" of
 * the three-way merge (src/picks/merge.ts). Stored in the workbook's custom XML parts (ExcelApi 1.5),
 * which are saved inside the .xlsx, travel with the file and survive closing Excel, are invisible to the
 * analyst (no sheet to unhide, sort or break) and are read and written without touching any cell. Why not
 * a very hidden sheet: its cells cap text at 32,767 characters, and it is copied, recalculated and shown
 * to other add-ins as part of the grid (docs/refresh.md).
 *
 * Compact, so it costs little next to the values themselves: a snapshot of every base cell, column by
 * column, deflated (fflate) and base64-encoded, written once at insert; then each refresh appends an
 * overlay part holding only the base rows it changed (also deflated). When the overlays together grow past
 * half the snapshot, the refresh writes a fresh snapshot instead and the older parts become garbage.
 *
 * Each part's namespace names its table's base and its sequence number:
 *   urn:aic-compute-desk:base:<base id>/<seq>
 * so one cheap load of every part's namespace (with the records, in a refresh's first sync) tells which
 * parts to read. The workbook record (a setting, workbookRecord.ts) says which sequence is committed: parts
 * above it were left by a refresh that failed, parts below its snapshot are superseded; both are ignored
 * and deleted by the next refresh's write. The record is written in the same request as the new part, so
 * a base is never half-updated.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { matchKey } from "../picks/diff";
import type { BaseCells, TableBase } from "../picks/merge";
import type { CellValue } from "../picks/types";
import { jsonBytes } from "./chunks";

export const BASE_NAMESPACE_PREFIX = "urn:aic-compute-desk:base:";
const FORMAT_VERSION = 1;

/** What the workbook record holds about its table's base. */
export interface BaseRef {
  /** Names the base's parts (random at insert; survives renames of the table and its sheet). */
  id: string;
  /** The committed sequence: parts id/snapshotSeq .. id/seq make the base. */
  seq: number;
  snapshotSeq: number;
  /** Base64 characters of the snapshot and of the overlays since: decides when to write a new snapshot. */
  snapshotChars: number;
  overlayChars: number;
  /** Rows of the base and average JSON bytes of a row's list cells as written: sizes a refresh's reads. */
  rows: number;
  rowBytes: number;
}

export interface BasePart {
  id: string;
  baseId: string;
  seq: number;
}

export function baseNamespace(baseId: string, seq: number): string {
  return `${BASE_NAMESPACE_PREFIX}${baseId}/${seq}`;
}

/** The base id and sequence a namespace names, or null for any other part. */
export function parseBaseNamespace(namespaceUri: string): { baseId: string; seq: number } | null {
  if (!namespaceUri.startsWith(BASE_NAMESPACE_PREFIX)) return null;
  const m = /^([A-Za-z0-9-]+)\/(\d+)$/.exec(namespaceUri.slice(BASE_NAMESPACE_PREFIX.length));
  return m ? { baseId: m[1]!, seq: Number(m[2]) } : null;
}

/** A new base id: 16 hex digits from the platform's random source. */
export function newBaseId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function pack(data: unknown): string {
  return toBase64(deflateSync(strToU8(JSON.stringify(data)), { level: 6 }));
}

function unpack(text: string): unknown {
  return JSON.parse(strFromU8(inflateSync(fromBase64(text.trim()))));
}

function partXml(baseId: string, seq: number, kind: "snapshot" | "overlay", payload: string): string {
  return `<base xmlns="${baseNamespace(baseId, seq)}" kind="${kind}" v="${FORMAT_VERSION}">${payload}</base>`;
}

interface Packed {
  v: number;
  /** Column keys, and the ticker and name keys row keys are made from. */
  columns: string[];
  ticker: string;
  name: string | null;
  /** Snapshot: one array per column (column-major compresses far better). Overlay: one array per row. */
  cells: CellValue[][];
  /** Overlay only: [old key, new key] of rows whose ticker was resolved or corrected. */
  renamed?: [string, string][];
}

function keyOfCells(cells: BaseCells, ticker: string, name: string | null): string {
  return matchKey(cells, ticker, name ?? undefined);
}

/** The snapshot part of `base`: every row, columns `columns`. */
export function encodeSnapshot(baseId: string, seq: number, base: TableBase, columns: readonly string[], ticker: string, name: string | null): string {
  const rows = [...base.values()];
  const packed: Packed = {
    v: FORMAT_VERSION,
    columns: [...columns],
    ticker,
    name,
    cells: columns.map((c) => rows.map((r) => r[c] ?? null)),
  };
  return partXml(baseId, seq, "snapshot", pack(packed));
}

/** An overlay part: the rows that changed (under their new keys) and the keys renamed. */
export function encodeOverlay(
  baseId: string,
  seq: number,
  changes: { rows: ReadonlyMap<string, BaseCells>; renamed: readonly [string, string][] },
  columns: readonly string[],
  ticker: string,
  name: string | null,
): string {
  const packed: Packed = {
    v: FORMAT_VERSION,
    columns: [...columns],
    ticker,
    name,
    cells: [...changes.rows.values()].map((r) => columns.map((c) => r[c] ?? null)),
    renamed: [...changes.renamed],
  };
  return partXml(baseId, seq, "overlay", pack(packed));
}

/**
 * The base from its parts' XML, snapshot first then overlays in sequence order. Throws on a part this
 * version cannot read (the caller treats the table as having no base: every difference is a conflict).
 */
export function decodeBase(xmls: readonly string[]): TableBase {
  const base: TableBase = new Map();
  xmls.forEach((xml, i) => {
    const m = /^<base xmlns="[^"]*" kind="(snapshot|overlay)" v="(\d+)">([A-Za-z0-9+/=\s]*)<\/base>$/.exec(xml.replace(/^<\?xml[^>]*\?>\s*/, "").trim());
    if (!m) throw new Error("a base part is not in this version's format");
    if (Number(m[2]) !== FORMAT_VERSION) throw new Error(`base format ${m[2]} is not known`);
    if ((m[1] === "snapshot") !== (i === 0)) throw new Error("a base must start with its one snapshot");
    const packed = unpack(m[3]!) as Packed;
    if (!Array.isArray(packed.columns) || !Array.isArray(packed.cells) || typeof packed.ticker !== "string") throw new Error("a base part is damaged");
    const { columns, ticker, name } = packed;
    if (m[1] === "snapshot") {
      const count = packed.cells[0]?.length ?? 0;
      for (let r = 0; r < count; r++) {
        const cells: BaseCells = {};
        columns.forEach((c, j) => (cells[c] = packed.cells[j]?.[r] ?? null));
        base.set(keyOfCells(cells, ticker, name), cells);
      }
    } else {
      for (const [from] of packed.renamed ?? []) base.delete(from);
      for (const row of packed.cells) {
        const cells: BaseCells = {};
        columns.forEach((c, j) => (cells[c] = row[j] ?? null));
        base.set(keyOfCells(cells, ticker, name), cells);
      }
    }
  });
  return base;
}

// ---- Office.js ----

/** Queues the load of every custom XML part's id and namespace; the reader lists the base parts, by base id. */
export function queueBasePartList(context: Excel.RequestContext): () => Map<string, BasePart[]> {
  const parts = context.workbook.customXmlParts;
  parts.load("items/id,items/namespaceUri");
  return () => {
    const byBase = new Map<string, BasePart[]>();
    for (const item of parts.items) {
      const parsed = parseBaseNamespace(item.namespaceUri);
      if (!parsed) continue;
      const list = byBase.get(parsed.baseId) ?? [];
      list.push({ id: item.id, ...parsed });
      byBase.set(parsed.baseId, list);
    }
    return byBase;
  };
}

/** The parts making the committed base of `ref`, in order; null when one is missing (the base is lost). */
export function committedParts(ref: BaseRef, parts: readonly BasePart[]): BasePart[] | null {
  const chosen: BasePart[] = [];
  for (let seq = ref.snapshotSeq; seq <= ref.seq; seq++) {
    const part = parts.find((p) => p.seq === seq);
    if (!part) return null;
    chosen.push(part);
  }
  return chosen;
}

/** Parts of this base that the committed record does not use: superseded, or left by a failed write. */
export function garbageParts(ref: BaseRef | null, parts: readonly BasePart[]): BasePart[] {
  if (!ref) return [...parts];
  return parts.filter((p) => p.seq < ref.snapshotSeq || p.seq > ref.seq);
}

/** Queues getXml of each part; the reader returns their XML in order. */
export function queueBaseRead(context: Excel.RequestContext, parts: readonly BasePart[]): () => string[] {
  const results = parts.map((p) => context.workbook.customXmlParts.getItem(p.id).getXml());
  return () => results.map((r) => r.value);
}

export function queueBasePartAdd(context: Excel.RequestContext, xml: string): void {
  context.workbook.customXmlParts.add(xml);
}

export function queueBasePartDelete(context: Excel.RequestContext, parts: readonly BasePart[]): void {
  for (const p of parts) context.workbook.customXmlParts.getItem(p.id).delete();
}

/** What a refresh writes for the base: an overlay, or a fresh snapshot once overlays outgrow half of it. */
export function nextBaseWrite(
  ref: BaseRef | null,
  merged: { base: TableBase; baseChanges: { rows: ReadonlyMap<string, BaseCells>; renamed: readonly [string, string][] } },
  columns: readonly string[],
  ticker: string,
  name: string | null,
  newId: () => string = newBaseId,
): { xml: string | null; ref: BaseRef } {
  const rowBytes = ref?.rowBytes ?? 0;
  const rows = merged.base.size;
  if (ref && merged.baseChanges.rows.size === 0 && merged.baseChanges.renamed.length === 0) return { xml: null, ref: { ...ref, rows } };
  if (ref) {
    const seq = ref.seq + 1;
    const overlay = encodeOverlay(ref.id, seq, merged.baseChanges, columns, ticker, name);
    if (ref.overlayChars + overlay.length <= ref.snapshotChars / 2) {
      return { xml: overlay, ref: { ...ref, seq, overlayChars: ref.overlayChars + overlay.length, rows } };
    }
    const snapshot = encodeSnapshot(ref.id, seq, merged.base, columns, ticker, name);
    return { xml: snapshot, ref: { ...ref, seq, snapshotSeq: seq, snapshotChars: snapshot.length, overlayChars: 0, rows } };
  }
  const id = newId();
  const snapshot = encodeSnapshot(id, 0, merged.base, columns, ticker, name);
  const sample = [...merged.base.values()].slice(0, 200);
  const avg = sample.length ? sample.reduce((s, r) => s + jsonBytes(columns.map((c) => r[c] ?? null)), 0) / sample.length : rowBytes;
  return { xml: snapshot, ref: { id, seq: 0, snapshotSeq: 0, snapshotChars: snapshot.length, overlayChars: 0, rows, rowBytes: Math.ceil(avg) } };
}
