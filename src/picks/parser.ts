/**
 * The report importer's public entry points. The importer itself lives in src/picks/importer/ (one
 * module per rule); this module keeps the path other modules have always imported.
 */
export { MAX_NOTE_CHARS, parseReport, parseReportBytes } from "./importer/parse";
export type { ParseOptions, ParseResult, ParsedReport, ReportDateOrigin } from "./importer/parse";
export type { ParseProblem, ProblemDetail, ProblemCode } from "./importer/problems";
export { problemText } from "./importer/problems";
export { namesFromLists, type NameEntry, type NameSource } from "./importer/names";
