/**
 * A small, faithful fake of the part of the Excel JavaScript API the insert uses, for tests.
 *
 * Why not office-addin-mock alone (see test/excel/officeAddinMock.test.ts for the evidence): it is a
 * static object tree. It returns an error *string* instead of throwing for an unloaded property (so a
 * missing load can pass unnoticed), cannot load "items/name" on a collection, does not track objects
 * that methods such as worksheets.add() or tables.add() return, has no notion of a request (no queue,
 * no order of operations, no payload), and knows nothing of Excel's rules (sheet and table names,
 * text format, formulas, structured references).
 *
 * What this fake models, as Office.js and Excel do:
 * - a request queue: property sets and method calls are queued and only take effect at
 *   context.sync(), in order; a load is queued too and sees the state at its place in the queue;
 * - reading a property that was not loaded, or loaded but not yet synced, throws PropertyNotLoaded;
 * - the request payload: each sync measures the UTF-8 JSON of what was queued and fails with
 *   RequestPayloadSizeLimitExceeded above 5 MB, the Excel-on-the-web cap;
 * - Excel's input parsing of `values`: "=..." is a formula; "+..."/"-..."/"@..." is a formula unless it is a
 *   number; numeric text becomes a number, ISO dates a date serial; a leading apostrophe keeps the rest as
 *   text; a cell formatted "@" keeps whatever is written as text (formulas included);
 * - Excel's rules for sheet names (31 chars, : \ / ? * [ ], apostrophes at the ends, "History",
 *   case-insensitive uniqueness) and table names (letters/digits/_/./\, not a cell reference, unique
 *   with defined names, case-insensitively); overlapping tables; table headers from the header row;
 * - structured references [@[Header]] (with ' escapes) must name a header of the table they are in;
 *   conditional-format formulas must be A1 formulas (Excel refuses structured references there).
 * Every applied write is logged with its sync number, so tests can assert exact ranges and batching.
 */
import { Buffer } from "node:buffer";

export const FAKE_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
const GRID_COLUMNS = 16_384;
const GRID_ROWS = 1_048_576;

export class PropertyNotLoadedError extends Error {
  readonly code = "PropertyNotLoaded";
  constructor(property: string) {
    super(
      `The property '${property}' is not available. Before reading the property's value, call the load method ` +
        `on the containing object and call "context.sync()" on the associated request context.`,
    );
    this.name = "PropertyNotLoaded";
  }
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "FakeExcelError";
  }
}

export type FakeCellKind = "empty" | "text" | "number" | "boolean" | "formula";

export interface FakeCell {
  kind: FakeCellKind;
  /** Text, number or boolean for a constant; null when empty or a formula (the fake does not calculate). */
  value: string | number | boolean | null;
  formula: string | null;
  numberFormat: string;
  /** Written with a leading apostrophe (Excel's "prefix character"). */
  quotePrefix: boolean;
  bold?: boolean;
}

export interface SheetState {
  id: string;
  name: string;
  cells: Map<number, FakeCell>;
  deleted: boolean;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  top: number;
  left: number;
  rowCount: number;
  columnCount: number;
  headers: string[];
}

export interface ConditionalFormatState {
  sheet: SheetState;
  address: string;
  type: string;
  formula: string | null;
  fillColor: string | null;
  fontColor: string | null;
}

export interface FakeWrite {
  sync: number;
  kind: string;
  sheet: string | null;
  address: string | null;
  data: unknown;
}

interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

interface Pending {
  kind: string;
  bytes: number;
  run: () => FakeWrite | null;
}

export interface FakeExcelInit {
  sheets?: string[];
  /** Existing tables (header row + one body row at `address` on `sheet`). */
  tables?: { name: string; sheet: string; address: string }[];
  /** Existing defined names (workbook scope). */
  names?: string[];
}

const fold = (s: string): string => s.toUpperCase();

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function letters(column: number): string {
  let s = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Parses "B3" or "B3:D10" (no sheet prefix, no whole rows/columns: the insert never uses them). */
export function parseAddress(address: string): Rect {
  const m = /^([A-Z]{1,3})([0-9]+)(?::([A-Z]{1,3})([0-9]+))?$/.exec(address);
  if (!m) throw new FakeExcelError("InvalidArgument", `fake: unsupported address "${address}"`);
  const top = Number(m[2]) - 1;
  const left = letterIndex(m[1]);
  const bottom = m[4] === undefined ? top : Number(m[4]) - 1;
  const right = m[3] === undefined ? left : letterIndex(m[3]);
  if (top < 0 || bottom < top || right < left || bottom >= GRID_ROWS || right >= GRID_COLUMNS) {
    throw new FakeExcelError("InvalidArgument", `fake: bad address "${address}"`);
  }
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

export function formatAddress(r: Rect): string {
  const tl = `${letters(r.left)}${r.top + 1}`;
  if (r.rows === 1 && r.cols === 1) return tl;
  return `${tl}:${letters(r.left + r.cols - 1)}${r.top + r.rows}`;
}

function rectOf(t: TableState): Rect {
  return { top: t.top, left: t.left, rows: t.rowCount, cols: t.columnCount };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.cols && b.left < a.left + a.cols && a.top < b.top + b.rows && b.top < a.top + a.rows;
}

function bytesOf(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data ?? null), "utf8") + 64;
}

function isNumericText(s: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(s.trim());
}

function isoDateSerial(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round((utc - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function isCellReference(name: string): boolean {
  return /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^(R[0-9]*)?(C[0-9]*)?$/i.test(name);
}

/** The request context the insert receives, plus everything a test inspects afterwards. */
export class FakeExcel {
  readonly sheets: SheetState[] = [];
  readonly tables: TableState[] = [];
  readonly names: string[];
  readonly settings = new Map<string, unknown>();
  readonly conditionalFormats: ConditionalFormatState[] = [];
  activeSheet: SheetState | null = null;
  /** Number of context.sync() calls. */
  syncCount = 0;
  /** UTF-8 bytes of the JSON queued for each sync (index 0 = first sync). */
  readonly syncPayloadBytes: number[] = [];
  /** Applied writes, in order. */
  readonly writes: FakeWrite[] = [];
  /** Applied loads, in order: which object type loaded which paths, in which sync. */
  readonly loads: { sync: number; target: string; paths: string[] }[] = [];
  /** Make sync number `n` (1-based) fail before applying anything, as a dropped request does. */
  failSync: { n: number; error: Error } | null = null;

  private queue: Pending[] = [];
  private nextId = 1;
  private nextTableNumber = 1;
  readonly context: FakeRequestContext;

  constructor(init: FakeExcelInit = {}) {
    for (const name of init.sheets ?? ["Sheet1"]) this.createSheet(name);
    this.activeSheet = this.sheets[0] ?? null;
    this.names = [...(init.names ?? [])];
    for (const t of init.tables ?? []) {
      const sheet = this.findSheet(t.sheet);
      if (!sheet) throw new Error(`fake init: no sheet ${t.sheet}`);
      const r = parseAddress(t.address);
      const headers = Array.from({ length: r.cols }, (_, i) => `Column${i + 1}`);
      headers.forEach((h, i) => this.setCell(sheet, r.top, r.left + i, { kind: "text", value: h }));
      this.tables.push({ id: String(this.nextId++), name: t.name, sheet, top: r.top, left: r.left, rowCount: r.rows, columnCount: r.cols, headers });
    }
    this.context = new FakeRequestContext(this);
  }

  /** The fake, typed as what the code under test expects. */
  get requestContext(): Excel.RequestContext {
    return this.context as unknown as Excel.RequestContext;
  }

  // ---- request queue ----

  enqueue(kind: string, data: unknown, run: () => FakeWrite | null): void {
    this.queue.push({ kind, bytes: bytesOf({ kind, data }), run });
  }

  async sync(): Promise<void> {
    this.syncCount++;
    const queue = this.queue;
    this.queue = [];
    const bytes = queue.reduce((sum, p) => sum + p.bytes, 0);
    this.syncPayloadBytes.push(bytes);
    await Promise.resolve();
    if (this.failSync && this.failSync.n === this.syncCount) throw this.failSync.error;
    if (bytes > FAKE_PAYLOAD_LIMIT_BYTES) {
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `request of ${bytes} bytes`);
    }
    for (const pending of queue) {
      const write = pending.run();
      if (write) this.writes.push({ ...write, sync: this.syncCount });
    }
  }

  /** Number of queued but unsent operations (a test can prove nothing was left unsynced). */
  get pendingCount(): number {
    return this.queue.length;
  }

  nextObjectId(): string {
    return String(this.nextId++);
  }

  // ---- state ----

  findSheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => !s.deleted && fold(s.name) === fold(name));
  }

  createSheet(name: string): SheetState {
    if (name.length < 1 || name.length > 31) throw new FakeExcelError("InvalidArgument", `sheet name "${name}" length`);
    if (/[:\\/?*[\]]/.test(name)) throw new FakeExcelError("InvalidArgument", `sheet name "${name}" has a forbidden character`);
    if (name.startsWith("'") || name.endsWith("'")) throw new FakeExcelError("InvalidArgument", `sheet name "${name}" apostrophe`);
    if (fold(name) === "HISTORY") throw new FakeExcelError("InvalidArgument", `sheet name "${name}" is reserved`);
    if (this.findSheet(name)) throw new FakeExcelError("ItemAlreadyExists", `sheet "${name}" exists`);
    const sheet: SheetState = { id: `{sheet-${this.nextObjectId()}}`, name, cells: new Map(), deleted: false };
    this.sheets.push(sheet);
    return sheet;
  }

  deleteSheet(sheet: SheetState): void {
    sheet.deleted = true;
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i].sheet === sheet) this.tables.splice(i, 1);
    for (let i = this.conditionalFormats.length - 1; i >= 0; i--) {
      if (this.conditionalFormats[i].sheet === sheet) this.conditionalFormats.splice(i, 1);
    }
  }

  getCell(sheet: SheetState, row: number, column: number): FakeCell {
    return (
      sheet.cells.get(row * GRID_COLUMNS + column) ?? { kind: "empty", value: null, formula: null, numberFormat: "General", quotePrefix: false }
    );
  }

  setCell(sheet: SheetState, row: number, column: number, patch: Partial<FakeCell>): void {
    const cell = { ...this.getCell(sheet, row, column), ...patch };
    sheet.cells.set(row * GRID_COLUMNS + column, cell);
  }

  tableAt(sheet: SheetState, row: number, column: number): TableState | undefined {
    return this.tables.find((t) => t.sheet === sheet && overlaps(rectOf(t), { top: row, left: column, rows: 1, cols: 1 }));
  }

  validateTableName(name: string, self: TableState | null): void {
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || name.length > 255 || isCellReference(name)) {
      throw new FakeExcelError("InvalidArgument", `"${name}" is not a valid table name`);
    }
    const clash =
      this.tables.some((t) => t !== self && fold(t.name) === fold(name)) || this.names.some((n) => fold(n) === fold(name));
    if (clash) throw new FakeExcelError("InvalidArgument", `a table or name "${name}" exists`);
  }

  addTable(sheet: SheetState, rect: Rect, hasHeaders: boolean): TableState {
    if (!hasHeaders) throw new FakeExcelError("InvalidArgument", "fake: only hasHeaders=true is modelled");
    if (this.tables.some((t) => t.sheet === sheet && overlaps(rectOf(t), rect))) {
      throw new FakeExcelError("InvalidArgument", "a table cannot overlap another table");
    }
    const headers: string[] = [];
    for (let c = 0; c < rect.cols; c++) {
      const cell = this.getCell(sheet, rect.top, rect.left + c);
      let header = cell.kind === "empty" || cell.value === null ? `Column${c + 1}` : String(cell.value);
      // Excel makes repeated headers unique by appending a number.
      for (let n = 2; headers.some((h) => fold(h) === fold(header)); n++) header = `${header}${n}`;
      headers.push(header);
      this.setCell(sheet, rect.top, rect.left + c, { kind: "text", value: header, formula: null });
    }
    let name = `Table${this.nextTableNumber++}`;
    while (this.tables.some((t) => fold(t.name) === fold(name)) || this.names.some((n) => fold(n) === fold(name))) {
      name = `Table${this.nextTableNumber++}`;
    }
    const table: TableState = {
      id: this.nextObjectId(),
      name,
      sheet,
      top: rect.top,
      left: rect.left,
      rowCount: rect.rows,
      columnCount: rect.cols,
      headers,
    };
    this.tables.push(table);
    return table;
  }

  /** Excel's parsing of one written cell. `null` leaves the cell unchanged, as Office.js does. */
  enter(sheet: SheetState, row: number, column: number, input: unknown): void {
    if (input === null || input === undefined) return;
    const cell = this.getCell(sheet, row, column);
    const constant = (patch: Partial<FakeCell>): void =>
      this.setCell(sheet, row, column, { formula: null, quotePrefix: false, ...patch });
    if (typeof input === "number") return constant({ kind: "number", value: input });
    if (typeof input === "boolean") return constant({ kind: "boolean", value: input });
    if (typeof input !== "string") throw new FakeExcelError("InvalidArgument", `fake: cannot write ${typeof input}`);
    if (input === "") return constant({ kind: "empty", value: null });
    if (cell.numberFormat === "@") return constant({ kind: "text", value: input });
    if (input.startsWith("'")) return constant({ kind: "text", value: input.slice(1), quotePrefix: true });
    const formula = input.startsWith("=")
      ? input
      : /^[+\-@]/.test(input) && !isNumericText(input)
        ? `=${input}`
        : null;
    if (formula !== null) {
      this.checkStructuredReferences(sheet, row, column, formula);
      this.setCell(sheet, row, column, { kind: "formula", value: null, formula, quotePrefix: false });
      return;
    }
    if (isNumericText(input)) {
      const pct = input.trim().endsWith("%");
      const n = Number(input.trim().replace(/%$/, ""));
      return constant({ kind: "number", value: pct ? n / 100 : n });
    }
    const serial = isoDateSerial(input);
    if (serial !== null) return constant({ kind: "number", value: serial });
    return constant({ kind: "text", value: input });
  }

  private checkStructuredReferences(sheet: SheetState, row: number, column: number, formula: string): void {
    const pattern = /\[@\[((?:'.|[^'\]])*)\]\]/g;
    const stripped = formula.replace(pattern, "");
    if (stripped.includes("[") || stripped.includes("]")) {
      throw new FakeExcelError("InvalidArgument", `fake: unmodelled or malformed reference in ${formula}`);
    }
    const refs = [...formula.matchAll(pattern)].map((m) => m[1].replace(/'(.)/g, "$1"));
    if (refs.length === 0) return;
    const table = this.tableAt(sheet, row, column);
    if (!table || row === table.top) {
      throw new FakeExcelError("InvalidArgument", `structured reference outside a table body: ${formula}`);
    }
    for (const ref of refs) {
      if (!table.headers.some((h) => fold(h) === fold(ref))) {
        throw new FakeExcelError("InvalidArgument", `table ${table.name} has no column "${ref}" (${formula})`);
      }
    }
  }

  // ---- inspection for tests ----

  sheet(name: string): SheetState {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`no sheet "${name}"; sheets: ${this.sheetNames().join(", ")}`);
    return sheet;
  }

  sheetNames(): string[] {
    return this.sheets.filter((s) => !s.deleted).map((s) => s.name);
  }

  cell(sheetName: string, address: string): FakeCell {
    const r = parseAddress(address);
    return this.getCell(this.sheet(sheetName), r.top, r.left);
  }

  /** A 2-D view of one field of the cells at `address`. */
  grid<K extends keyof FakeCell>(sheetName: string, address: string, field: K): FakeCell[K][][] {
    const sheet = this.sheet(sheetName);
    const r = parseAddress(address);
    return Array.from({ length: r.rows }, (_, i) =>
      Array.from({ length: r.cols }, (_, j) => this.getCell(sheet, r.top + i, r.left + j)[field]),
    );
  }

  table(name: string): TableState {
    const table = this.tables.find((t) => fold(t.name) === fold(name));
    if (!table) throw new Error(`no table "${name}"`);
    return table;
  }

  tableAddress(table: TableState): string {
    return formatAddress(rectOf(table));
  }
}

// ---- proxies: what the code under test holds ----

type LoadArg = string | string[] | { select?: string } | undefined;

function loadPaths(arg: LoadArg): string[] {
  const text = arg === undefined ? undefined : typeof arg === "string" ? arg : Array.isArray(arg) ? arg.join(",") : arg.select;
  if (text === undefined) throw new FakeExcelError("InvalidArgument", "fake: load() without properties is not modelled; name them");
  return text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

abstract class FakeClientObject {
  private readonly loadedValues = new Map<string, unknown>();
  constructor(protected readonly fake: FakeExcel) {}

  load(arg?: LoadArg): this {
    const paths = loadPaths(arg).map((p) => this.normalizePath(p));
    this.fake.enqueue("load", paths, () => {
      this.loadNow(paths);
      this.fake.loads.push({ sync: this.fake.syncCount, target: this.constructor.name, paths });
      return null;
    });
    return this;
  }

  /** Takes the values of `paths` from the state now (called while a sync runs the queue). */
  loadNow(paths: readonly string[]): void {
    for (const path of paths) {
      const [head, ...rest] = path.split("/");
      this.loadedValues.set(head, this.snapshot(head, rest.join("/")));
    }
  }

  protected normalizePath(path: string): string {
    return path;
  }

  /** The value of `property` now (during a sync); `sub` is the rest of a navigation path. */
  protected abstract snapshot(property: string, sub: string): unknown;

  protected loaded<T>(property: string): T {
    if (!this.loadedValues.has(property)) throw new PropertyNotLoadedError(property);
    return this.loadedValues.get(property) as T;
  }
}

abstract class FakeCollection<T extends FakeClientObject> extends FakeClientObject {
  protected abstract itemsNow(): T[];
  get items(): T[] {
    return this.loaded<T[]>("items");
  }
  /** collection.load("name") means the items' name, as collection.load("items/name") does. */
  protected normalizePath(path: string): string {
    return path === "items" || path.startsWith("items/") ? path : `items/${path}`;
  }
  protected snapshot(_property: string, sub: string): unknown {
    const items = this.itemsNow();
    if (sub !== "") for (const item of items) item.loadNow([sub]);
    return items;
  }
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  constructor(private readonly fake: FakeExcel) {
    this.workbook = new FakeWorkbook(fake);
  }
  sync(): Promise<void> {
    return this.fake.sync();
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly settings: FakeSettingCollection;
  constructor(fake: FakeExcel) {
    this.worksheets = new FakeWorksheetCollection(fake);
    this.tables = new FakeTableCollection(fake, null);
    this.names = new FakeNamedItemCollection(fake);
    this.settings = new FakeSettingCollection(fake);
  }
}

type SheetResolver = () => SheetState | null;

class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  protected itemsNow(): FakeWorksheet[] {
    return this.fake.sheets.filter((s) => !s.deleted).map((s) => new FakeWorksheet(this.fake, () => s));
  }
  add(name?: string): FakeWorksheet {
    let created: SheetState | null = null;
    this.fake.enqueue("worksheets.add", { name }, () => {
      created = this.fake.createSheet(name ?? `Sheet${this.fake.sheets.length + 1}`);
      return { sync: 0, kind: "worksheets.add", sheet: created.name, address: null, data: name };
    });
    return new FakeWorksheet(this.fake, () => created);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => {
      const s = this.fake.findSheet(name);
      if (!s) throw new FakeExcelError("ItemNotFound", `sheet "${name}"`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => this.fake.findSheet(name) ?? null, true);
  }
}

class FakeWorksheet extends FakeClientObject {
  readonly tables: FakeTableCollection;
  constructor(
    fake: FakeExcel,
    private readonly resolve: SheetResolver,
    private readonly nullable = false,
  ) {
    super(fake);
    this.tables = new FakeTableCollection(fake, resolve);
  }
  /** The sheet, at execution time; a missing sheet is an error unless read through isNullObject. */
  state(): SheetState {
    const s = this.resolve();
    if (!s) throw new FakeExcelError(this.nullable ? "InvalidOperation" : "ItemNotFound", "the worksheet does not exist");
    return s;
  }
  protected snapshot(property: string): unknown {
    if (property === "isNullObject") return this.resolve() === null;
    const s = this.state();
    if (property === "name") return s.name;
    if (property === "id") return s.id;
    throw new FakeExcelError("InvalidArgument", `fake: Worksheet.${property} is not modelled`);
  }
  get name(): string {
    return this.loaded("name");
  }
  get id(): string {
    return this.loaded("id");
  }
  get isNullObject(): boolean {
    return this.loaded("isNullObject");
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.fake, () => this.state(), address);
  }
  activate(): void {
    this.fake.enqueue("worksheet.activate", null, () => {
      this.fake.activeSheet = this.state();
      return { sync: 0, kind: "worksheet.activate", sheet: this.state().name, address: null, data: null };
    });
  }
  delete(): void {
    this.fake.enqueue("worksheet.delete", null, () => {
      const s = this.state();
      this.fake.deleteSheet(s);
      return { sync: 0, kind: "worksheet.delete", sheet: s.name, address: null, data: null };
    });
  }
}

class FakeRange extends FakeClientObject {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  constructor(
    fake: FakeExcel,
    readonly sheetOf: () => SheetState,
    readonly address: string,
  ) {
    super(fake);
    this.format = new FakeRangeFormat(fake, this);
    this.conditionalFormats = new FakeConditionalFormatCollection(fake, this);
  }
  rect(): Rect {
    return parseAddress(this.address);
  }
  protected snapshot(property: string): unknown {
    const sheet = this.sheetOf();
    const r = this.rect();
    const grid = (f: (c: FakeCell) => unknown): unknown[][] =>
      Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => f(this.fake.getCell(sheet, r.top + i, r.left + j))));
    if (property === "values") return grid((c) => (c.kind === "formula" ? 0 : c.value ?? ""));
    if (property === "formulas") return grid((c) => c.formula ?? c.value ?? "");
    if (property === "numberFormat") return grid((c) => c.numberFormat);
    if (property === "address") return `${sheet.name}!${this.address}`;
    throw new FakeExcelError("InvalidArgument", `fake: Range.${property} is not modelled`);
  }
  private write(kind: "values" | "formulas" | "numberFormat", data: unknown): void {
    this.fake.enqueue(`range.${kind}`, { address: this.address, data }, () => {
      const sheet = this.sheetOf();
      const r = this.rect();
      if (!Array.isArray(data) || data.length !== r.rows || data.some((row) => !Array.isArray(row) || row.length !== r.cols)) {
        throw new FakeExcelError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${this.address}).`,
        );
      }
      const rows = data as unknown[][];
      for (let i = 0; i < r.rows; i++) {
        for (let j = 0; j < r.cols; j++) {
          const input = rows[i][j];
          if (kind === "numberFormat") {
            if (typeof input !== "string") throw new FakeExcelError("InvalidArgument", "number format must be text");
            this.fake.setCell(sheet, r.top + i, r.left + j, { numberFormat: input });
          } else {
            this.fake.enter(sheet, r.top + i, r.left + j, input);
          }
        }
      }
      return { sync: 0, kind: `range.${kind}`, sheet: sheet.name, address: this.address, data };
    });
  }
  set values(data: unknown[][]) {
    this.write("values", data);
  }
  get values(): unknown[][] {
    return this.loaded("values");
  }
  set formulas(data: unknown[][]) {
    this.write("formulas", data);
  }
  get formulas(): unknown[][] {
    return this.loaded("formulas");
  }
  set numberFormat(data: unknown[][]) {
    this.write("numberFormat", data);
  }
  get numberFormat(): unknown[][] {
    return this.loaded("numberFormat");
  }
}

class FakeRangeFormat {
  readonly font: FakeRangeFont;
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
  ) {
    this.font = new FakeRangeFont(fake, range);
  }
  autofitColumns(): void {
    this.fake.enqueue("format.autofitColumns", { address: this.range.address }, () => ({
      sync: 0,
      kind: "format.autofitColumns",
      sheet: this.range.sheetOf().name,
      address: this.range.address,
      data: null,
    }));
  }
}

class FakeRangeFont {
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
  ) {}
  set bold(value: boolean) {
    this.fake.enqueue("font.bold", { address: this.range.address, value }, () => {
      const sheet = this.range.sheetOf();
      const r = this.range.rect();
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.fake.setCell(sheet, r.top + i, r.left + j, { bold: value });
      return { sync: 0, kind: "font.bold", sheet: sheet.name, address: this.range.address, data: value };
    });
  }
}

class FakeConditionalFormatCollection {
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
  ) {}
  add(type: string): FakeConditionalFormat {
    const holder: { state: ConditionalFormatState | null } = { state: null };
    this.fake.enqueue("conditionalFormats.add", { address: this.range.address, type }, () => {
      if (type !== "Custom") throw new FakeExcelError("InvalidArgument", `fake: conditional format type ${type} is not modelled`);
      const sheet = this.range.sheetOf();
      this.range.rect();
      holder.state = { sheet, address: this.range.address, type, formula: null, fillColor: null, fontColor: null };
      this.fake.conditionalFormats.push(holder.state);
      return { sync: 0, kind: "conditionalFormats.add", sheet: sheet.name, address: this.range.address, data: type };
    });
    return new FakeConditionalFormat(this.fake, holder);
  }
}

class FakeConditionalFormat {
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  };
  constructor(fake: FakeExcel, holder: { state: ConditionalFormatState | null }) {
    const setter = (kind: string, apply: (s: ConditionalFormatState, v: string) => void) => ({
      set(this: unknown, value: string) {
        fake.enqueue(kind, { value }, () => {
          const s = holder.state;
          if (!s) throw new FakeExcelError("InvalidOperation", "conditional format was not created");
          apply(s, value);
          return { sync: 0, kind, sheet: s.sheet.name, address: s.address, data: value };
        });
      },
      get(): string {
        throw new PropertyNotLoadedError(kind);
      },
    });
    const rule = {};
    Object.defineProperty(
      rule,
      "formula",
      setter("conditionalFormat.rule.formula", (s, v) => {
        if (!v.startsWith("=")) throw new FakeExcelError("InvalidArgument", "a rule formula starts with =");
        if (/[[\]]/.test(v)) throw new FakeExcelError("InvalidArgument", "structured references are not allowed in conditional formats");
        s.formula = v;
      }),
    );
    const fill = {};
    Object.defineProperty(fill, "color", setter("conditionalFormat.fill.color", (s, v) => (s.fillColor = v)));
    const font = {};
    Object.defineProperty(font, "color", setter("conditionalFormat.font.color", (s, v) => (s.fontColor = v)));
    this.custom = { rule, format: { fill, font } } as FakeConditionalFormat["custom"];
  }
}

class FakeTableCollection extends FakeCollection<FakeTable> {
  constructor(
    fake: FakeExcel,
    private readonly sheetScope: SheetResolver | null,
  ) {
    super(fake);
  }
  protected itemsNow(): FakeTable[] {
    const scope = this.sheetScope ? this.sheetScope() : null;
    return this.fake.tables.filter((t) => scope === null || t.sheet === scope).map((t) => new FakeTable(this.fake, () => t));
  }
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: TableState | null = null;
    const where = typeof address === "string" ? address : address.address;
    this.fake.enqueue("tables.add", { address: where, hasHeaders }, () => {
      let sheet: SheetState;
      let rect: Rect;
      if (typeof address === "string") {
        if (!this.sheetScope) throw new FakeExcelError("InvalidArgument", "fake: pass a Range to workbook.tables.add");
        sheet = this.sheetScope() as SheetState;
        rect = parseAddress(address);
      } else {
        sheet = address.sheetOf();
        rect = address.rect();
        if (this.sheetScope && this.sheetScope() !== sheet) throw new FakeExcelError("InvalidArgument", "range on another sheet");
      }
      created = this.fake.addTable(sheet, rect, hasHeaders);
      return { sync: 0, kind: "tables.add", sheet: sheet.name, address: where, data: { hasHeaders } };
    });
    return new FakeTable(this.fake, () => created);
  }
}

class FakeTable extends FakeClientObject {
  constructor(
    fake: FakeExcel,
    private readonly resolve: () => TableState | null,
  ) {
    super(fake);
  }
  private state(): TableState {
    const t = this.resolve();
    if (!t) throw new FakeExcelError("ItemNotFound", "the table does not exist");
    return t;
  }
  protected snapshot(property: string): unknown {
    const t = this.state();
    if (property === "name") return t.name;
    if (property === "id") return t.id;
    throw new FakeExcelError("InvalidArgument", `fake: Table.${property} is not modelled`);
  }
  get id(): string {
    return this.loaded("id");
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.fake.enqueue("table.name", { value }, () => {
      const t = this.state();
      this.fake.validateTableName(value, t);
      t.name = value;
      return { sync: 0, kind: "table.name", sheet: t.sheet.name, address: null, data: value };
    });
  }
}

class FakeNamedItem extends FakeClientObject {
  constructor(
    fake: FakeExcel,
    private readonly itemName: string,
  ) {
    super(fake);
  }
  protected snapshot(property: string): unknown {
    if (property === "name") return this.itemName;
    throw new FakeExcelError("InvalidArgument", `fake: NamedItem.${property} is not modelled`);
  }
  get name(): string {
    return this.loaded("name");
  }
}

class FakeNamedItemCollection extends FakeCollection<FakeNamedItem> {
  protected itemsNow(): FakeNamedItem[] {
    return this.fake.names.map((n) => new FakeNamedItem(this.fake, n));
  }
}

class FakeSetting extends FakeClientObject {
  constructor(
    fake: FakeExcel,
    private readonly key: string,
  ) {
    super(fake);
  }
  protected snapshot(property: string): unknown {
    if (property === "isNullObject") return !this.fake.settings.has(this.key);
    if (property === "value") return this.fake.settings.get(this.key);
    if (property === "key") return this.key;
    throw new FakeExcelError("InvalidArgument", `fake: Setting.${property} is not modelled`);
  }
  get value(): unknown {
    return this.loaded("value");
  }
  get isNullObject(): boolean {
    return this.loaded("isNullObject");
  }
}

class FakeSettingCollection extends FakeClientObject {
  protected snapshot(property: string): unknown {
    throw new FakeExcelError("InvalidArgument", `fake: SettingCollection.${property} is not modelled`);
  }
  add(key: string, value: unknown): FakeSetting {
    this.fake.enqueue("settings.add", { key, value }, () => {
      // Settings are stored as JSON: what comes back is a copy, never the caller's object.
      this.fake.settings.set(key, JSON.parse(JSON.stringify(value)));
      return { sync: 0, kind: "settings.add", sheet: null, address: null, data: { key } };
    });
    return new FakeSetting(this.fake, key);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.fake, key);
  }
}
