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
 * - the response: each sync also counts the UTF-8 JSON of what its loads return (`syncResponseBytes`:
 *   values, formulas, number formats, cell properties, custom XML, object properties) and fails with
 *   ResponsePayloadSizeLimitExceeded above 5 MB, as Excel on the web does;
 * - one value assigned to a multi-cell range's values, formulas or numberFormat sets every cell to it;
 * - custom XML parts (workbook.customXmlParts: add, getItem(OrNullObject), getByNamespace, getXml, setXml,
 *   delete), stored with the workbook.
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
  /**
   * Text, number or boolean for a constant; null when empty. For a formula, null (the fake does not
   * calculate) unless a test set the result with fake.setFormulaResults (an error as its text, "#N/A").
   */
  value: string | number | boolean | null;
  formula: string | null;
  numberFormat: string;
  /** Written with a leading apostrophe (Excel's "prefix character"). */
  quotePrefix: boolean;
  bold?: boolean;
  /** format.fill.color, when set. */
  fill?: string;
  /** format.font.strikethrough (set by font.strikethrough or setCellProperties). */
  strikethrough?: boolean;
}

/** A defined name added through names.add (workbook) or worksheet.names.add (sheet scope). */
export interface FakeDefinedName {
  name: string;
  /** As given: "='Sheet name'!$B$6". */
  reference: string;
  comment: string;
  /** null: workbook scope. */
  sheet: SheetState | null;
  /** NamedItem.type: "Range", or "Error" once the sheet it points to is gone (a test sets it). */
  type: string;
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
  /** Names added through the API, with their reference and scope (workbook names also stay in `names`). */
  readonly definedNames: FakeDefinedName[] = [];
  /** Dynamic-array spills: "<sheet id>!<anchor>" → the spill range's address (set by tests, see setSpill). */
  readonly spills = new Map<string, string>();
  activeSheet: SheetState | null = null;
  /** The active cell on the active sheet (workbook.getActiveCell()); tests set it to "select" a cell. */
  activeCellAddress = "A1";
  /** Number of context.sync() calls. */
  syncCount = 0;
  /** UTF-8 bytes of the JSON queued for each sync (index 0 = first sync). */
  readonly syncPayloadBytes: number[] = [];
  /** UTF-8 bytes of the JSON each sync's loads returned (index 0 = first sync). */
  readonly syncResponseBytes: number[] = [];
  /** Custom XML parts, in the order added. */
  readonly customXmlParts: FakeCustomXmlPartState[] = [];
  /** Bytes returned by the loads of the sync that is running. */
  private responding = 0;
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
      this.syncResponseBytes.push(0);
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `request of ${bytes} bytes`);
    }
    this.responding = 0;
    try {
      for (const pending of queue) {
        const write = pending.run();
        if (write) this.writes.push({ ...write, sync: this.syncCount });
      }
    } finally {
      this.syncResponseBytes.push(this.responding);
    }
    // Excel on the web ran the request, but the answer is too large to return.
    if (this.responding > FAKE_PAYLOAD_LIMIT_BYTES) {
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `response of ${this.responding} bytes`);
    }
  }

  /** Counts `value` in the response of the sync that is running (its JSON, as UTF-8). */
  respond(value: unknown): void {
    if (value instanceof FakeClientObject) return;
    if (Array.isArray(value) && value.some((v) => v instanceof FakeClientObject)) return;
    this.responding += Buffer.byteLength(JSON.stringify(value ?? null), "utf8");
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

  // ---- calculation and spills, set by tests (the fake does not calculate) ----

  /** Sets the result of every formula cell of `sheetName` to what `evaluate` returns for it. */
  setFormulaResults(sheetName: string, evaluate: (formula: string, row: number, column: number) => string | number | boolean): void {
    const sheet = this.sheet(sheetName);
    for (const [key, cell] of sheet.cells) {
      if (cell.kind !== "formula" || cell.formula === null) continue;
      const row = Math.floor(key / GRID_COLUMNS);
      const column = key % GRID_COLUMNS;
      this.setCell(sheet, row, column, { value: evaluate(cell.formula, row, column) });
    }
  }

  /**
   * Makes the formula at `anchor` spill over `spillAddress` (which starts at the anchor): the anchor
   * shows values[0][0], the other cells hold the spilled values as Excel reports them (no formula of
   * their own: range.formulas gives their value).
   */
  setSpill(sheetName: string, anchor: string, spillAddress: string, values: (string | number | boolean)[][]): void {
    const sheet = this.sheet(sheetName);
    const a = parseAddress(anchor);
    const r = parseAddress(spillAddress);
    if (r.top !== a.top || r.left !== a.left) throw new Error(`fake: spill ${spillAddress} does not start at ${anchor}`);
    if (this.getCell(sheet, a.top, a.left).kind !== "formula") throw new Error(`fake: ${anchor} holds no formula`);
    for (let i = 0; i < r.rows; i++) {
      for (let j = 0; j < r.cols; j++) {
        const value = values[i][j];
        if (i === 0 && j === 0) this.setCell(sheet, a.top, a.left, { value });
        else {
          const kind: FakeCellKind = typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "text";
          this.setCell(sheet, r.top + i, r.left + j, { kind, value, formula: null });
        }
      }
    }
    this.spills.set(`${sheet.id}!${anchor}`, spillAddress);
  }

  /** The name as Excel resolves it in a formula on `sheet`: the sheet-scoped one first, then the workbook's. */
  resolveName(name: string, sheet: SheetState | null): FakeDefinedName | undefined {
    const local = sheet ? this.definedNames.find((n) => n.sheet === sheet && fold(n.name) === fold(name)) : undefined;
    return local ?? this.definedNames.find((n) => n.sheet === null && fold(n.name) === fold(name));
  }

  /** Checks a name and its reference as names.add does; `sheet` is the scope (null: workbook). */
  addDefinedName(name: string, reference: string, comment: string, sheet: SheetState | null): void {
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || name.length > 255 || isCellReference(name)) {
      throw new FakeExcelError("InvalidArgument", `"${name}" is not a valid name`);
    }
    const clash =
      sheet === null
        ? this.names.some((n) => fold(n) === fold(name)) || this.tables.some((t) => fold(t.name) === fold(name))
        : this.definedNames.some((n) => n.sheet === sheet && fold(n.name) === fold(name));
    if (clash) throw new FakeExcelError("ItemAlreadyExists", `the name "${name}" exists in this scope`);
    const m = /^='((?:[^']|'')+)'!(\$?[A-Z]{1,3}\$?[0-9]+(?::\$?[A-Z]{1,3}\$?[0-9]+)?)$/.exec(reference);
    if (!m) throw new FakeExcelError("InvalidArgument", `fake: unmodelled name reference ${reference}`);
    if (!this.findSheet(m[1].replace(/''/g, "'"))) throw new FakeExcelError("InvalidArgument", `reference ${reference}: no such sheet`);
    parseAddress(m[2].replace(/\$/g, ""));
    if (sheet === null) this.names.push(name);
    this.definedNames.push({ name, reference, comment, sheet, type: "Range" });
  }

  /**
   * table.resize (ExcelApi 1.13): the header row stays in its row and the new range overlaps the old one.
   * Columns the table keeps keep their headers; a new column takes its header from the cell (ColumnN when
   * empty), made unique as Excel does. Cells are not moved: rows and columns the table gains keep what
   * they hold (Excel absorbs them), and cells it loses stay on the sheet as plain cells.
   */
  resizeTable(table: TableState, rect: Rect): void {
    if (rect.top !== table.top) throw new FakeExcelError("InvalidArgument", "the table's header row must stay in the same row");
    if (!overlaps(rectOf(table), rect)) throw new FakeExcelError("InvalidArgument", "the new range must overlap the table");
    if (rect.rows < 2) throw new FakeExcelError("InvalidArgument", "a table needs a header row and one row of data");
    if (this.tables.some((t) => t !== table && t.sheet === table.sheet && overlaps(rectOf(t), rect))) {
      throw new FakeExcelError("InvalidArgument", "a table cannot overlap another table");
    }
    const headers: string[] = [];
    for (let c = 0; c < rect.cols; c++) {
      const column = rect.left + c;
      const kept = column >= table.left && column < table.left + table.columnCount ? table.headers[column - table.left] : undefined;
      const cell = this.getCell(table.sheet, rect.top, column);
      let header = kept ?? (cell.kind === "empty" || cell.value === null ? `Column${c + 1}` : String(cell.value));
      for (let n = 2; headers.some((h) => fold(h) === fold(header)); n++) header = `${kept ?? header}${n}`;
      headers.push(header);
      this.setCell(table.sheet, rect.top, column, { kind: "text", value: header, formula: null });
    }
    table.left = rect.left;
    table.rowCount = rect.rows;
    table.columnCount = rect.cols;
    table.headers = headers;
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
      const value = this.snapshot(head, rest.join("/"));
      this.fake.respond(value);
      this.loadedValues.set(head, value);
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
  /** load("items/id,items/name") loads both on the same items, as Office.js does (not one list per path). */
  loadNow(paths: readonly string[]): void {
    super.loadNow(["items"]);
    const subs = paths.map((p) => p.split("/").slice(1).join("/")).filter((sub) => sub !== "");
    for (const item of this.loaded<T[]>("items")) item.loadNow(subs);
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
  readonly customXmlParts: FakeCustomXmlPartCollection;
  constructor(fake: FakeExcel) {
    this.worksheets = new FakeWorksheetCollection(fake);
    this.tables = new FakeTableCollection(fake, null);
    this.names = new FakeNamedItemCollection(fake);
    this.settings = new FakeSettingCollection(fake);
    this.customXmlParts = new FakeCustomXmlPartCollection(fake, null);
  }
  getActiveCell(): FakeRange {
    return this.worksheets.activeCell();
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
  /** Excel's key is the sheet's name or its id (an id still finds a sheet renamed since it was read). */
  private find(key: string): SheetState | null {
    return this.fake.findSheet(key) ?? this.fake.sheets.find((s) => !s.deleted && s.id === key) ?? null;
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => {
      const s = this.find(key);
      if (!s) throw new FakeExcelError("ItemNotFound", `sheet "${key}"`);
      return s;
    });
  }
  /** A null object when there is no such sheet: its isNullObject reads true; any other load or method on it fails the sync. */
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => this.find(key), true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => this.fake.activeSheet);
  }
  /** workbook.getActiveCell(), reached through here because the workbook proxy keeps no reference to the fake. */
  activeCell(): FakeRange {
    return new FakeRange(this.fake, () => this.getActiveWorksheet().state(), this.fake.activeCellAddress);
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
  getUsedRange(valuesOnly?: boolean): FakeUsedRange {
    return new FakeUsedRange(this.fake, () => this.state(), valuesOnly === true);
  }
  get names(): FakeSheetNamedItemCollection {
    return new FakeSheetNamedItemCollection(this.fake, this.resolve);
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
    if (property === "values") return grid((c) => (c.kind === "formula" ? c.value ?? 0 : c.value ?? ""));
    if (property === "formulas") return grid((c) => c.formula ?? c.value ?? "");
    if (property === "numberFormat") return grid((c) => c.numberFormat);
    if (property === "address") return `${sheet.name}!${this.address}`;
    throw new FakeExcelError("InvalidArgument", `fake: Range.${property} is not modelled`);
  }
  /** ExcelApi 1.12: the range this cell's formula spills into (a null object when it does not spill). */
  getSpillingToRangeOrNullObject(): FakeSpillRange {
    return new FakeSpillRange(this.fake, () => {
      const r = this.rect();
      if (r.rows !== 1 || r.cols !== 1) throw new FakeExcelError("InvalidArgument", "fake: spill of a single cell only");
      const spill = this.fake.spills.get(`${this.sheetOf().id}!${this.address}`);
      return spill === undefined ? null : `${this.sheetOf().name}!${spill}`;
    });
  }
  /** The range grown (or shrunk) by rows and columns at its bottom right, resolved when the request runs. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeResolvedRange(this.fake, this.sheetOf, () => {
      const r = this.rect();
      const grown = { top: r.top, left: r.left, rows: r.rows + deltaRows, cols: r.cols + deltaColumns };
      if (grown.rows < 1 || grown.cols < 1 || grown.top + grown.rows > GRID_ROWS || grown.left + grown.cols > GRID_COLUMNS) {
        throw new FakeExcelError("InvalidArgument", "the resized range is outside the grid");
      }
      return grown;
    });
  }
  /** The cells this range shares with `other` (same sheet), resolved when the request runs; an error when none. */
  getIntersection(other: FakeRange): FakeRange {
    return new FakeResolvedRange(this.fake, this.sheetOf, () => {
      const a = this.rect();
      const b = other.rect();
      if (other.sheetOf() !== this.sheetOf() || !overlaps(a, b)) throw new FakeExcelError("InvalidArgument", "the ranges do not intersect");
      const top = Math.max(a.top, b.top);
      const left = Math.max(a.left, b.left);
      return { top, left, rows: Math.min(a.top + a.rows, b.top + b.rows) - top, cols: Math.min(a.left + a.cols, b.left + b.cols) - left };
    });
  }
  /** A block of this range (0-based, relative), resolved when the request runs; Excel's getCell/getRow/getColumn. */
  private relative(name: string, f: (r: Rect) => Rect): FakeRange {
    return new FakeResolvedRange(this.fake, this.sheetOf, () => {
      const out = f(this.rect());
      if (out.rows < 1 || out.cols < 1 || out.top < 0 || out.left < 0 || out.top + out.rows > GRID_ROWS || out.left + out.cols > GRID_COLUMNS) {
        throw new FakeExcelError("InvalidArgument", `${name}: the range is outside the grid`);
      }
      return out;
    });
  }
  /** The cell at (row, column) of this range; Excel allows positions outside it (they are on the sheet). */
  getCell(row: number, column: number): FakeRange {
    return this.relative("getCell", (r) => ({ top: r.top + row, left: r.left + column, rows: 1, cols: 1 }));
  }
  getRow(row: number): FakeRange {
    return this.relative("getRow", (r) => ({ top: r.top + row, left: r.left, rows: 1, cols: r.cols }));
  }
  getColumn(column: number): FakeRange {
    return this.relative("getColumn", (r) => ({ top: r.top, left: r.left + column, rows: r.rows, cols: 1 }));
  }
  getLastRow(): FakeRange {
    return this.relative("getLastRow", (r) => ({ top: r.top + r.rows - 1, left: r.left, rows: 1, cols: r.cols }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.relative("getOffsetRange", (r) => ({ ...r, top: r.top + rowOffset, left: r.left + columnOffset }));
  }
  /** ExcelApi 1.2: `count` rows (default 1) right below this range, as wide as it. */
  getRowsBelow(count = 1): FakeRange {
    return this.relative("getRowsBelow", (r) => ({ top: r.top + r.rows, left: r.left, rows: count, cols: r.cols }));
  }
  /** ExcelApi 1.2: `count` columns (default 1) right of this range, as tall as it. */
  getColumnsAfter(count = 1): FakeRange {
    return this.relative("getColumnsAfter", (r) => ({ top: r.top, left: r.left + r.cols, rows: r.rows, cols: count }));
  }
  /** ExcelApi 1.9: the tables that overlap this range (or lie inside it, with fullyContained). */
  getTables(fullyContained?: boolean): FakeTableScopedCollection {
    return new FakeTableScopedCollection(this.fake, () => ({ sheet: this.sheetOf(), rect: this.rect() }), fullyContained === true);
  }
  /** ExcelApi 1.9, modelling format.font.strikethrough only. */
  getCellProperties(options: { format?: { font?: { strikethrough?: boolean } } }): FakeClientResult<unknown[][]> {
    const keys = JSON.stringify(options);
    if (keys !== JSON.stringify({ format: { font: { strikethrough: true } } })) {
      throw new FakeExcelError("InvalidArgument", `fake: getCellProperties(${keys}) is not modelled`);
    }
    const result = new FakeClientResult<unknown[][]>();
    this.fake.enqueue("load", { cellProperties: keys }, () => {
      const sheet = this.sheetOf();
      const r = this.rect();
      const props = Array.from({ length: r.rows }, (_, i) =>
        Array.from({ length: r.cols }, (_, j) => ({ format: { font: { strikethrough: this.fake.getCell(sheet, r.top + i, r.left + j).strikethrough === true } } })),
      );
      this.fake.respond(props);
      result.set(props);
      this.fake.loads.push({ sync: this.fake.syncCount, target: "FakeRange", paths: ["cellProperties/format/font/strikethrough"] });
      return null;
    });
    return result;
  }
  /** ExcelApi 1.9, modelling format.font.strikethrough; an empty object leaves its cell as it is. */
  setCellProperties(data: { format?: { font?: { strikethrough?: boolean } } }[][]): void {
    this.fake.enqueue("range.setCellProperties", { address: this.address, data }, () => {
      const sheet = this.sheetOf();
      const r = this.rect();
      if (!Array.isArray(data) || data.length !== r.rows || data.some((row) => !Array.isArray(row) || row.length !== r.cols)) {
        throw new FakeExcelError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size of the range (${formatAddress(r)}).`);
      }
      data.forEach((row, i) =>
        row.forEach((props, j) => {
          const extra = Object.keys(props).filter((k) => k !== "format");
          const format = props.format ?? {};
          if (extra.length > 0 || Object.keys(format).some((k) => k !== "font") || Object.keys(format.font ?? {}).some((k) => k !== "strikethrough")) {
            throw new FakeExcelError("InvalidArgument", `fake: setCellProperties(${JSON.stringify(props)}) is not modelled`);
          }
          const strike = format.font?.strikethrough;
          if (strike !== undefined) this.fake.setCell(sheet, r.top + i, r.left + j, { strikethrough: strike });
        }),
      );
      return { sync: 0, kind: "range.setCellProperties", sheet: sheet.name, address: formatAddress(r), data };
    });
  }
  private write(kind: "values" | "formulas" | "numberFormat", data: unknown): void {
    this.fake.enqueue(`range.${kind}`, { address: this.address, data }, () => {
      const sheet = this.sheetOf();
      const r = this.rect();
      // One value (not an array) sets every cell of the range to it, as Excel does.
      const single = !Array.isArray(data);
      if (!single && ((data as unknown[]).length !== r.rows || (data as unknown[]).some((row) => !Array.isArray(row) || row.length !== r.cols))) {
        throw new FakeExcelError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${this.address}).`,
        );
      }
      const rows = single ? Array.from({ length: r.rows }, () => Array.from({ length: r.cols }, () => data)) : (data as unknown[][]);
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
  set values(data: unknown[][] | unknown) {
    this.write("values", data);
  }
  get values(): unknown[][] {
    return this.loaded("values");
  }
  set formulas(data: unknown[][] | unknown) {
    this.write("formulas", data);
  }
  get formulas(): unknown[][] {
    return this.loaded("formulas");
  }
  set numberFormat(data: unknown[][] | unknown) {
    this.write("numberFormat", data);
  }
  get numberFormat(): unknown[][] {
    return this.loaded("numberFormat");
  }
}

class FakeRangeFormat {
  readonly font: FakeRangeFont;
  readonly fill: FakeRangeFill;
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
  ) {
    this.font = new FakeRangeFont(fake, range);
    this.fill = new FakeRangeFill(fake, range);
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
  set strikethrough(value: boolean) {
    this.fake.enqueue("font.strikethrough", { address: this.range.address, value }, () => {
      const sheet = this.range.sheetOf();
      const r = this.range.rect();
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.fake.setCell(sheet, r.top + i, r.left + j, { strikethrough: value });
      return { sync: 0, kind: "font.strikethrough", sheet: sheet.name, address: formatAddress(r), data: value };
    });
  }
}

class FakeRangeFill {
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
  ) {}
  set color(value: string) {
    this.fake.enqueue("fill.color", { address: this.range.address, value }, () => {
      const sheet = this.range.sheetOf();
      const r = this.range.rect();
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.fake.setCell(sheet, r.top + i, r.left + j, { fill: value });
      return { sync: 0, kind: "fill.color", sheet: sheet.name, address: this.range.address, data: value };
    });
  }
}

/** A spill range as getSpillingToRangeOrNullObject returns it: address (sheet-qualified) and isNullObject. */
class FakeSpillRange extends FakeClientObject {
  constructor(
    fake: FakeExcel,
    private readonly resolve: () => string | null,
  ) {
    super(fake);
  }
  protected snapshot(property: string): unknown {
    const address = this.resolve();
    if (property === "isNullObject") return address === null;
    // Excel loads a null object's properties without error; they are null.
    if (address === null) return null;
    if (property === "address") return address;
    throw new FakeExcelError("InvalidArgument", `fake: spill Range.${property} is not modelled`);
  }
  get isNullObject(): boolean {
    return this.loaded("isNullObject");
  }
  /** Sheet-qualified, as Excel gives it: "Sheet1!C3:E6". */
  get address(): string {
    return this.loaded("address");
  }
}

/**
 * worksheet.getUsedRange(): the smallest block holding every non-empty cell (A1 on an empty sheet),
 * decided when the request runs. Models address, rowIndex, columnIndex, rowCount, columnCount,
 * values and formulas.
 */
class FakeUsedRange extends FakeClientObject {
  constructor(
    fake: FakeExcel,
    private readonly sheetOf: () => SheetState,
    private readonly valuesOnly: boolean,
  ) {
    super(fake);
  }
  private rect(sheet: SheetState): Rect {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of sheet.cells) {
      const used = this.valuesOnly ? cell.kind !== "empty" : cell.kind !== "empty" || cell.numberFormat !== "General";
      if (!used) continue;
      const row = Math.floor(key / GRID_COLUMNS);
      const column = key % GRID_COLUMNS;
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    if (bottom < 0) return { top: 0, left: 0, rows: 1, cols: 1 };
    return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }
  protected snapshot(property: string): unknown {
    const sheet = this.sheetOf();
    const r = this.rect(sheet);
    const grid = (f: (c: FakeCell) => unknown): unknown[][] =>
      Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => f(this.fake.getCell(sheet, r.top + i, r.left + j))));
    if (property === "values") return grid((c) => (c.kind === "formula" ? c.value ?? 0 : c.value ?? ""));
    if (property === "formulas") return grid((c) => c.formula ?? c.value ?? "");
    if (property === "address") return `${sheet.name}!${formatAddress(r)}`;
    if (property === "rowIndex") return r.top;
    if (property === "columnIndex") return r.left;
    if (property === "rowCount") return r.rows;
    if (property === "columnCount") return r.cols;
    throw new FakeExcelError("InvalidArgument", `fake: used Range.${property} is not modelled`);
  }
  get values(): unknown[][] {
    return this.loaded("values");
  }
  get formulas(): unknown[][] {
    return this.loaded("formulas");
  }
  get address(): string {
    return this.loaded("address");
  }
  get rowIndex(): number {
    return this.loaded("rowIndex");
  }
  get columnIndex(): number {
    return this.loaded("columnIndex");
  }
  get rowCount(): number {
    return this.loaded("rowCount");
  }
  get columnCount(): number {
    return this.loaded("columnCount");
  }
}

/** worksheet.names: names scoped to one sheet (add only). */
class FakeSheetNamedItemCollection {
  constructor(
    private readonly fake: FakeExcel,
    private readonly sheetOf: SheetResolver,
  ) {}
  add(name: string, reference: string, comment?: string): void {
    this.fake.enqueue("worksheet.names.add", { name, reference, comment }, () => {
      const sheet = this.sheetOf();
      if (!sheet) throw new FakeExcelError("ItemNotFound", "the worksheet does not exist");
      this.fake.addDefinedName(name, reference, comment ?? "", sheet);
      return { sync: 0, kind: "worksheet.names.add", sheet: sheet.name, address: null, data: { name, reference } };
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
  /** By name or id (Office.js takes either), within this collection's sheet when it has one. */
  private find(key: string): TableState | null {
    const scope = this.sheetScope ? this.sheetScope() : null;
    return this.fake.tables.find((t) => (scope === null || t.sheet === scope) && (t.id === key || fold(t.name) === fold(key))) ?? null;
  }
  getItem(key: string): FakeTable {
    return new FakeTable(this.fake, () => {
      const t = this.find(key);
      if (!t) throw new FakeExcelError("ItemNotFound", `table "${key}"`);
      return t;
    });
  }
  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.fake, () => this.find(key));
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
  protected snapshot(property: string, sub = ""): unknown {
    if (property === "isNullObject") return this.resolve() === null;
    const t = this.state();
    if (property === "name") return t.name;
    if (property === "id") return t.id;
    // The fake has no totals row.
    if (property === "showTotals") return false;
    if (property === "worksheet") {
      if (sub !== "") this.worksheet.loadNow([sub]);
      return this.worksheet;
    }
    throw new FakeExcelError("InvalidArgument", `fake: Table.${property} is not modelled`);
  }
  private sheetProxy: FakeWorksheet | undefined;
  /** Navigation property: load("worksheet/name") or table.worksheet.load(...) reads it. */
  get worksheet(): FakeWorksheet {
    this.sheetProxy ??= new FakeWorksheet(this.fake, () => this.state().sheet);
    return this.sheetProxy;
  }
  get isNullObject(): boolean {
    return this.loaded("isNullObject");
  }
  get showTotals(): boolean {
    return this.loaded("showTotals");
  }
  /** Header row and body, where the table is when the request runs. */
  getRange(): FakeRange {
    return new FakeResolvedRange(this.fake, () => this.state().sheet, () => rectOf(this.state()));
  }
  getHeaderRowRange(): FakeRange {
    return new FakeResolvedRange(this.fake, () => this.state().sheet, () => ({ ...rectOf(this.state()), rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return new FakeResolvedRange(this.fake, () => this.state().sheet, () => {
      const r = rectOf(this.state());
      return { ...r, top: r.top + 1, rows: r.rows - 1 };
    });
  }
  resize(newRange: FakeRange | string): void {
    const where = typeof newRange === "string" ? newRange : newRange.address;
    this.fake.enqueue("table.resize", { address: where }, () => {
      const t = this.state();
      const rect = typeof newRange === "string" ? parseAddress(newRange) : newRange.rect();
      if (typeof newRange !== "string" && newRange.sheetOf() !== t.sheet) throw new FakeExcelError("InvalidArgument", "range on another sheet");
      this.fake.resizeTable(t, rect);
      return { sync: 0, kind: "table.resize", sheet: t.sheet.name, address: formatAddress(rect), data: null };
    });
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
    if (property === "isNullObject") return !this.fake.names.some((n) => fold(n) === fold(this.itemName));
    const detail = this.fake.definedNames.find((n) => n.sheet === null && fold(n.name) === fold(this.itemName));
    // Names given to the constructor have no detail: treat them as valid range names.
    if (property === "type") return detail?.type ?? "Range";
    if (property === "formula") return detail?.reference ?? null;
    throw new FakeExcelError("InvalidArgument", `fake: NamedItem.${property} is not modelled`);
  }
  get name(): string {
    return this.loaded("name");
  }
  get type(): string {
    return this.loaded("type");
  }
  get formula(): string | null {
    return this.loaded("formula");
  }
  get isNullObject(): boolean {
    return this.loaded("isNullObject");
  }
  delete(): void {
    this.fake.enqueue("names.delete", { name: this.itemName }, () => {
      const i = this.fake.names.findIndex((n) => fold(n) === fold(this.itemName));
      if (i < 0) throw new FakeExcelError("ItemNotFound", `no name "${this.itemName}"`);
      this.fake.names.splice(i, 1);
      const d = this.fake.definedNames.findIndex((n) => n.sheet === null && fold(n.name) === fold(this.itemName));
      if (d >= 0) this.fake.definedNames.splice(d, 1);
      return { sync: 0, kind: "names.delete", sheet: null, address: null, data: this.itemName };
    });
  }
}

class FakeNamedItemCollection extends FakeCollection<FakeNamedItem> {
  protected itemsNow(): FakeNamedItem[] {
    return this.fake.names.map((n) => new FakeNamedItem(this.fake, n));
  }
  add(name: string, reference: string, comment?: string): FakeNamedItem {
    this.fake.enqueue("names.add", { name, reference, comment }, () => {
      this.fake.addDefinedName(name, reference, comment ?? "", null);
      return { sync: 0, kind: "names.add", sheet: null, address: null, data: { name, reference } };
    });
    return new FakeNamedItem(this.fake, name);
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.fake, name);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.fake, name);
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
  delete(): void {
    this.fake.enqueue("settings.delete", { key: this.key }, () => {
      if (!this.fake.settings.has(this.key)) throw new FakeExcelError("ItemNotFound", `no setting "${this.key}"`);
      this.fake.settings.delete(this.key);
      return { sync: 0, kind: "settings.delete", sheet: null, address: null, data: { key: this.key } };
    });
  }
}

class FakeSettingCollection extends FakeClientObject {
  protected snapshot(property: string): unknown {
    if (property === "items") return [...this.fake.settings.keys()].map((key) => new FakeSetting(this.fake, key));
    throw new FakeExcelError("InvalidArgument", `fake: SettingCollection.${property} is not modelled`);
  }
  get items(): FakeSetting[] {
    return this.loaded("items");
  }
  /** load("items/key,items/value"): every setting, with the named properties. */
  loadNow(paths: readonly string[]): void {
    super.loadNow(["items"]);
    const subs = paths.map((p) => p.split("/").slice(1).join("/")).filter((sub) => sub !== "");
    for (const item of this.loaded<FakeSetting[]>("items")) item.loadNow(subs);
  }
  getItem(key: string): FakeSetting {
    return new FakeSetting(this.fake, key);
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

// ---- added for refresh (src/excel/refresh.ts) ----

/** A Range whose rectangle is decided when the request runs (table.getRange(), getResizedRange ...). */
class FakeResolvedRange extends FakeRange {
  constructor(
    fake: FakeExcel,
    sheetOf: () => SheetState,
    private readonly resolveRect: () => Rect,
  ) {
    // The address shown in the write log is the rectangle as it is now, when known.
    let now = "A1";
    try {
      now = formatAddress(resolveRect());
    } catch {
      // Not resolvable yet (e.g. the table is added in this request).
    }
    super(fake, sheetOf, now);
  }
  rect(): Rect {
    return this.resolveRect();
  }
  protected snapshot(property: string): unknown {
    const r = this.rect();
    if (property === "address") return `${this.sheetOf().name}!${formatAddress(r)}`;
    if (property === "rowIndex") return r.top;
    if (property === "columnIndex") return r.left;
    if (property === "rowCount") return r.rows;
    if (property === "columnCount") return r.cols;
    return super.snapshot(property);
  }
  /** Read these, not `address`: the inherited `address` field is fixed when the proxy is made. */
  get rowIndex(): number {
    return this.loaded("rowIndex");
  }
  get columnIndex(): number {
    return this.loaded("columnIndex");
  }
  get rowCount(): number {
    return this.loaded("rowCount");
  }
  get columnCount(): number {
    return this.loaded("columnCount");
  }
}

/** range.getTables(): a TableScopedCollection (items only). */
class FakeTableScopedCollection extends FakeCollection<FakeTable> {
  constructor(
    fake: FakeExcel,
    private readonly area: () => { sheet: SheetState; rect: Rect },
    private readonly fullyContained: boolean,
  ) {
    super(fake);
  }
  protected itemsNow(): FakeTable[] {
    const { sheet, rect } = this.area();
    const inside = (t: TableState): boolean =>
      t.top >= rect.top && t.left >= rect.left && t.top + t.rowCount <= rect.top + rect.rows && t.left + t.columnCount <= rect.left + rect.cols;
    return this.fake.tables
      .filter((t) => t.sheet === sheet && (this.fullyContained ? inside(t) : overlaps(rectOf(t), rect)))
      .map((t) => new FakeTable(this.fake, () => t));
  }
}

/** OfficeExtension.ClientResult: `value` is readable only after the sync that fills it. */
class FakeClientResult<T> {
  private filled = false;
  private result: T | undefined;
  set(value: T): void {
    this.result = value;
    this.filled = true;
  }
  get value(): T {
    if (!this.filled) throw new PropertyNotLoadedError("value");
    return this.result as T;
  }
}

// ---- added for the refresh merge's base (src/excel/base.ts): custom XML parts ----

export interface FakeCustomXmlPartState {
  id: string;
  namespaceUri: string;
  xml: string;
  deleted: boolean;
}

/**
 * The root element's namespace of a well-formed XML fragment, as Excel reads it when a part is added;
 * Excel refuses what is not XML. Modelled: an optional declaration, one root element with a default
 * xmlns, text content without "<" or "&" other than entities, and the matching end tag.
 */
function xmlNamespaceOf(xml: string): string {
  const m = /^(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<&]*")*)\s*(\/>|>([\s\S]*)<\/\1>)\s*$/.exec(xml);
  if (!m) throw new FakeExcelError("InvalidArgument", "fake: the custom XML part is not well-formed XML");
  const body = m[4] ?? "";
  if (/<|&(?!(?:amp|lt|gt|quot|apos);)/.test(body)) throw new FakeExcelError("InvalidArgument", "fake: only text content is modelled in a custom XML part");
  const ns = /\sxmlns="([^"]*)"/.exec(m[2] ?? "");
  return ns ? ns[1]! : "";
}

class FakeCustomXmlPart extends FakeClientObject {
  constructor(
    fake: FakeExcel,
    private readonly resolve: () => FakeCustomXmlPartState | null,
  ) {
    super(fake);
  }
  private state(): FakeCustomXmlPartState {
    const p = this.resolve();
    if (!p || p.deleted) throw new FakeExcelError("ItemNotFound", "the custom XML part does not exist");
    return p;
  }
  protected snapshot(property: string): unknown {
    if (property === "isNullObject") {
      const p = this.resolve();
      return p === null || p.deleted;
    }
    const p = this.state();
    if (property === "id") return p.id;
    if (property === "namespaceUri") return p.namespaceUri;
    throw new FakeExcelError("InvalidArgument", `fake: CustomXmlPart.${property} is not modelled`);
  }
  get id(): string {
    return this.loaded("id");
  }
  get namespaceUri(): string {
    return this.loaded("namespaceUri");
  }
  get isNullObject(): boolean {
    return this.loaded("isNullObject");
  }
  getXml(): FakeClientResult<string> {
    const result = new FakeClientResult<string>();
    this.fake.enqueue("customXmlPart.getXml", null, () => {
      const xml = this.state().xml;
      this.fake.respond(xml);
      result.set(xml);
      this.fake.loads.push({ sync: this.fake.syncCount, target: "FakeCustomXmlPart", paths: ["xml"] });
      return null;
    });
    return result;
  }
  setXml(xml: string): void {
    this.fake.enqueue("customXmlPart.setXml", { xml }, () => {
      const p = this.state();
      p.namespaceUri = xmlNamespaceOf(xml);
      p.xml = xml;
      return { sync: 0, kind: "customXmlPart.setXml", sheet: null, address: null, data: { id: p.id, bytes: xml.length } };
    });
  }
  delete(): void {
    this.fake.enqueue("customXmlPart.delete", null, () => {
      const p = this.state();
      p.deleted = true;
      return { sync: 0, kind: "customXmlPart.delete", sheet: null, address: null, data: { id: p.id } };
    });
  }
}

/** workbook.customXmlParts, or getByNamespace(ns) of it (a scoped collection: no add). */
class FakeCustomXmlPartCollection extends FakeCollection<FakeCustomXmlPart> {
  constructor(
    fake: FakeExcel,
    private readonly namespaceUri: string | null,
  ) {
    super(fake);
  }
  private live(): FakeCustomXmlPartState[] {
    return this.fake.customXmlParts.filter((p) => !p.deleted && (this.namespaceUri === null || p.namespaceUri === this.namespaceUri));
  }
  protected itemsNow(): FakeCustomXmlPart[] {
    return this.live().map((p) => new FakeCustomXmlPart(this.fake, () => p));
  }
  add(xml: string): FakeCustomXmlPart {
    if (this.namespaceUri !== null) throw new FakeExcelError("InvalidOperation", "fake: a scoped collection has no add");
    let created: FakeCustomXmlPartState | null = null;
    this.fake.enqueue("customXmlParts.add", { xml }, () => {
      created = { id: `{${this.fake.nextObjectId().padStart(8, "0")}-AIC0-4000-8000-000000000000}`, namespaceUri: xmlNamespaceOf(xml), xml, deleted: false };
      this.fake.customXmlParts.push(created);
      return { sync: 0, kind: "customXmlParts.add", sheet: null, address: null, data: { id: created.id, bytes: xml.length } };
    });
    return new FakeCustomXmlPart(this.fake, () => created);
  }
  getByNamespace(namespaceUri: string): FakeCustomXmlPartCollection {
    return new FakeCustomXmlPartCollection(this.fake, namespaceUri);
  }
  getItem(id: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.fake, () => {
      const p = this.live().find((x) => x.id === id);
      if (!p) throw new FakeExcelError("ItemNotFound", `custom XML part ${id}`);
      return p;
    });
  }
  getItemOrNullObject(id: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.fake, () => this.live().find((x) => x.id === id) ?? null);
  }
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.fake.enqueue("load", { count: this.namespaceUri }, () => {
      const n = this.live().length;
      this.fake.respond(n);
      result.set(n);
      return null;
    });
    return result;
  }
}
