/**
 * What every Excel action shares: counting its round trips (each reports them, and tests assert them),
 * the message of what a failed request threw, reading the names a new sheet or table must not take, and
 * removing a sheet it created when a later request fails, so a failure never leaves a half-written sheet;
 * and, for the actions that add a sheet (insert.ts, compareSheet.ts, computeSheet.ts), choosing its names
 * and writing it with that rollback.
 */
import { cleanSheetName, cleanTableName, uniqueSheetName, uniqueTableName } from "./names";

/** context.sync() with a count. `sync` is a bound arrow, so it can be handed to helpers as is. */
export class SyncCounter {
  count = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  readonly sync = async (): Promise<void> => {
    this.count++;
    await this.context.sync();
  };
}

/** An error's message (anything thrown with a string `message`, with its cause's), else the thrown value as text. */
export { messageOf } from "../picks/boundedFetch";

export interface TakenNames {
  sheetNames: string[];
  tableNames: string[];
  /** Workbook-scoped defined names with their type (a broken name's type is "Error"). */
  definedNames: { name: string; type: string }[];
}

/**
 * Queues the loads of every sheet, table and defined name (tables and defined names share one namespace);
 * the returned reader is valid after the next sync.
 */
export function queueTakenNames(workbook: Excel.Workbook): () => TakenNames {
  workbook.worksheets.load("items/name");
  workbook.tables.load("items/name");
  workbook.names.load("items/name,items/type");
  return () => ({
    sheetNames: workbook.worksheets.items.map((s) => s.name),
    tableNames: workbook.tables.items.map((t) => t.name),
    definedNames: workbook.names.items.map((n) => ({ name: n.name, type: String(n.type) })),
  });
}

/** Best effort: deletes `sheetName` if it exists; swallows errors so the caller's original error surfaces. */
export async function removeSheetIfPresent(context: Excel.RequestContext, sheetName: string): Promise<void> {
  try {
    const leftover = context.workbook.worksheets.getItemOrNullObject(sheetName);
    leftover.load("isNullObject");
    await context.sync();
    if (!leftover.isNullObject) {
      leftover.delete();
      await context.sync();
    }
  } catch {
    // The original error is what the caller needs to see.
  }
}

/** What a new sheet is to be called: its title, cleaned into a sheet name (`sheetFallback` when it cleans to nothing). */
export interface NewSheetRequest {
  sheetTitle: string;
  sheetFallback?: string;
}

/** The same, with the table the sheet holds: its name before cleaning (made unique against tables and defined names). */
export interface NewSheetTableRequest extends NewSheetRequest {
  tableName: string;
}

export interface NewSheetNames {
  /** What the workbook held when read (a caller may need the defined names' types). */
  taken: TakenNames;
  sheetName: string;
}

/**
 * One sync (counted by `sync`): reads the taken names, then chooses the new sheet's unique name and, when
 * asked, its table's unique name (tables and defined names share one namespace).
 */
export async function chooseNewSheetNames(workbook: Excel.Workbook, sync: () => Promise<void>, request: NewSheetTableRequest): Promise<NewSheetNames & { tableName: string }>;
export async function chooseNewSheetNames(workbook: Excel.Workbook, sync: () => Promise<void>, request: NewSheetRequest): Promise<NewSheetNames>;
export async function chooseNewSheetNames(
  workbook: Excel.Workbook,
  sync: () => Promise<void>,
  request: NewSheetRequest | NewSheetTableRequest,
): Promise<NewSheetNames & { tableName?: string }> {
  const readTaken = queueTakenNames(workbook);
  await sync();
  const taken = readTaken();
  const sheetName = uniqueSheetName(cleanSheetName(request.sheetTitle, request.sheetFallback), taken.sheetNames);
  if (!("tableName" in request)) return { taken, sheetName };
  const tableName = uniqueTableName(cleanTableName(request.tableName), [...taken.tableNames, ...taken.definedNames.map((n) => n.name)]);
  return { taken, sheetName, tableName };
}

/**
 * Runs `write` (the requests that build the new sheet `sheetName`); when it fails, removes the sheet, then
 * runs `undo` for anything else it may have added, and rethrows: a failed insert leaves the workbook as it was.
 */
export async function writeNewSheet<T>(
  context: Excel.RequestContext,
  sheetName: string,
  write: () => Promise<T>,
  undo?: () => Promise<void>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    await removeSheetIfPresent(context, sheetName);
    if (undo) await undo();
    throw error;
  }
}
