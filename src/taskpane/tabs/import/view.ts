/**
 * The Import tab: paste a broker note (or a pick-list JSON document), Parse, then Preview (in place)
 * and Insert each list found. Parse's outcome is the tab's message; the lists found and the tables
 * that could not be read are listed below the form.
 *
 * Extension points (docs/taskpane.md, "Adding UI to a tab"):
 * - `sourceArea`: where the note comes from. The text box lives here; a PDF picker / drop zone goes here
 *   too (issue 14), before the text box.
 * - `optionsArea`: settings the parse takes (e.g. a report date, issue 10), between the text and Parse.
 * - parse(): the one place the text is turned into lists; a new input (a PDF's text) calls
 *   `setNoteText(text)` and then `parse()`.
 */
import type { PickList } from "../../../picks/types";
import { fluentButton, textField, type FluentTextBox } from "../../controls";
import { h, replaceContent, type Child } from "../../dom";
import { tabSection, type MessageArea } from "../../message-bar";
import { errorText } from "../../messages";
import { problemPlace } from "../../messages/importer-problems";
import type { PaneKit } from "../../pane";
import { createListPreview } from "../../preview/view";
import { dataText, markData, rawDetails } from "../../ui";
import type { ImportClient, ImportProgress } from "../../worker/client";
import { decodeBytes } from "../../../picks/encoding";
import { parseGivenDate } from "../../../picks/importer/dates";
import type { NameEntry, NameSource } from "../../../picks/importer/names";
import type { ParseOptions } from "../../../picks/importer/parse";
import { looksLikePdf } from "../../../picks/pdf/sniff";
import { normaliseTicker } from "../../../picks/tickers";
import {
  classifyFile,
  groupProblems,
  interpretPastedText,
  needsReportDate,
  problemLine,
  summarisePaste,
  unknownNames,
  type ImportFunctions,
  type PasteOutcome,
} from "./model";

export interface ImportTab {
  readonly section: HTMLElement;
  readonly messages: MessageArea;
  /** Where the note comes from (the text box; a PDF drop zone goes before it). */
  readonly sourceArea: HTMLElement;
  /** Options of the parse (between the text box and Parse). */
  readonly optionsArea: HTMLElement;
  noteText(): string;
  setNoteText(text: string): void;
  /** Settles once the outcome is shown (at once for a short text; after the worker for a long one). */
  parse(): Promise<void>;
  /** Reads a dropped or chosen file: a PDF in the worker, a text file into the text box and parsed. */
  importFile(file: Blob & { name: string }): Promise<void>;
  /** Every list the last parse found. */
  lists(): PickList[];
  render(): void;
}

export interface ImportTabDeps extends ImportFunctions {
  scroller(): HTMLElement | null;
  /** The import worker (worker/client.ts); null or absent: every paste is parsed on the page. */
  importClient?: ImportClient | null;
  /** Names → tickers the add-in knows beyond the note and the workbook (the team's feeds, the catalog), most trusted first. */
  knownNames?: () => NameSource[];
  /**
   * Name → ticker pairs of the pick-list tables in the workbook (src/excel/workbookNames.ts), read before
   * each parse; null where there is no workbook. Ranked right after the tickers the analyst typed.
   */
  workbookNames?: () => Promise<readonly NameEntry[]> | null;
  /** Told of the lists each parse found (an empty array when it found none), e.g. to publish them to AIC.PICK. */
  onListsRead?: (lists: readonly PickList[]) => void;
}

/**
 * Pastes at least this long are parsed in the worker, with progress (an 8,000-row note is ~500,000
 * characters; one table of a note ~2,000). Shorter ones are parsed at once on the page: no waiting,
 * and the same outcome.
 */
export const WORKER_MIN_CHARS = 20_000;

/** How long a parse waits for the workbook's names (Excel answers in well under a second unless a cell is being edited). */
export const WORKBOOK_NAMES_WAIT_MS = 3_000;

const IDS = {
  heading: "aic-import-heading",
  noteText: "aic-note-text",
  intro: "aic-import-intro",
  reportDate: "aic-import-report-date",
  reportDateHint: "aic-import-report-date-hint",
  file: "aic-import-file",
  drop: "aic-import-drop-hint",
} as const;

export function createImportTab(kit: PaneKit, deps: ImportTabDeps): ImportTab {
  let paste: PasteOutcome | null = null;
  const heading = h("h2", { attrs: { tabindex: -1 } });
  const intro = h("p", { className: "aic-intro", attrs: { id: IDS.intro } });
  // A Fluent textarea (fluent-field + fluent-textarea, controls.ts textField): typed, pasted, or text dropped into it.
  const note = textField({ id: IDS.noteText, multiline: true, attrs: { "aria-describedby": IDS.intro } });
  const noteLabel = note.label;
  const noteText = note.box;
  const parseButton = fluentButton("", { appearance: "primary", focusKey: "parse", onClick: () => void parse() });
  const body = h("div", { className: "aic-import-body" });
  const messages = kit.messageArea("import", () => heading);
  // A PDF or a text file: dropped anywhere on the source area, or chosen with the button (a hidden file input).
  const dropHint = h("p", { className: "aic-drop-hint", attrs: { id: IDS.drop } });
  const fileInput = h("input", {
    className: "aic-visually-hidden",
    attrs: { id: IDS.file, type: "file", accept: ".pdf,.txt,.text,.md,application/pdf,text/plain", tabindex: -1, "aria-hidden": "true" },
  }) as HTMLInputElement;
  const chooseButton = fluentButton("", { focusKey: "choose-file", attrs: { "aria-describedby": IDS.drop }, onClick: () => fileInput.click() });
  const dropZone = h("div", { className: "aic-drop-zone", attrs: { "data-drop-zone": "import" } }, [dropHint, chooseButton, fileInput]);
  const sourceArea = h("div", { className: "aic-import-source" }, [dropZone, note.field]);
  // The report date the analyst gives, for a note that prints none (the note is read again with it).
  const date = textField({
    id: IDS.reportDate,
    hintId: IDS.reportDateHint,
    attrs: { name: IDS.reportDate, inputmode: "numeric", autocomplete: "off", placeholder: "YYYY-MM-DD" },
  });
  const { label: dateLabel, hint: dateHint, box: dateInput } = date;
  dateInput.addEventListener("change", () => {
    if (paste !== null) void reread();
  });
  const optionsArea = h("div", { className: "aic-import-options" }, [date.field]);
  /** Tickers the analyst typed for names nothing else knew; they win over every other source. */
  let typedNames: NameEntry[] = [];
  /** The ticker boxes of the unknown names shown, by name. */
  let nameInputs = new Map<string, FluentTextBox>();
  const listArea = h("div", { className: "aic-list-area" }, [intro, sourceArea, optionsArea, h("div", { className: "aic-actions" }, [parseButton]), body]);
  const preview = createListPreview(kit, { tab: "import", listArea, messages, scroller: deps.scroller });
  const sectionEl = tabSection(IDS.heading, heading, messages, [listArea, preview.element], "aic-section-import");

  /** Bumped by each parse, so a slow earlier one cannot replace a later one. */
  let parseRequest = 0;
  /**
   * The PDF read last, kept so that a report date or tickers typed afterwards read it again (with the new
   * options) rather than the text box; null once the analyst parses text instead.
   */
  let lastPdf: { bytes: Uint8Array; name: string } | null = null;

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes("Files");
  sourceArea.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return; // dragged text still drops into the text box as usual
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    dropZone.classList.add("aic-drop-active");
  });
  sourceArea.addEventListener("dragleave", (event) => {
    if (event.target === sourceArea || !sourceArea.contains(event.relatedTarget as Node | null)) dropZone.classList.remove("aic-drop-active");
  });
  sourceArea.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dropZone.classList.remove("aic-drop-active");
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length !== 1) {
      messages.show({ intent: "warning", topic: "parse", body: () => [kit.tr("importOneFile")] });
      return;
    }
    void importFile(files[0]!);
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (file) void importFile(file);
  });

  /** A file: a PDF goes to the worker (pdf.js never loads on the page); a text file is decoded into the text box and parsed. */
  async function importFile(file: Blob & { name: string }): Promise<void> {
    messages.clear();
    const request = ++parseRequest;
    const name = file.name;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (request !== parseRequest) return;
    const input = classifyFile(name, bytes, { looksLikePdf, decodeBytes });
    if (input.kind === "text") {
      noteText.value = input.text;
      typedNames = [];
      return parse();
    }
    if (input.kind === "unreadable") {
      const reason = kit.tr(input.reason === "empty" ? "importDecodeEmpty" : input.reason === "binary" ? "importDecodeBinary" : "importDecodeUndecodable");
      messages.show({ intent: "error", topic: "parse", body: () => [kit.tr("importFileNotText", { file: name, reason })] });
      return;
    }
    // A new note: names typed for the last one do not carry over.
    typedNames = [];
    lastPdf = { bytes, name };
    return readPdf(request);
  }

  /** Reads the last PDF in the worker with the current options (report date, names); pdf.js never loads on the page. */
  function readPdf(request: number): Promise<void> {
    return withWorkbookNames(request, (workbook) => readPdfWith(request, workbook));
  }

  async function readPdfWith(request: number, workbook: readonly NameEntry[]): Promise<void> {
    const pdf = lastPdf;
    if (pdf === null) return;
    const { name } = pdf;
    const options = parseOptions(workbook);
    if (options === "invalid-date") return showInvalidDate();
    dateInput.removeAttribute("aria-invalid");
    const client = deps.importClient;
    if (!client?.parsePdf) {
      messages.show({ intent: "error", topic: "parse", body: () => [kit.tr("importPdfNeedsWorker", { file: name })] });
      return;
    }
    body.setAttribute("aria-busy", "true");
    messages.progress({ label: kit.tr("importReadingFile", { file: name }) });
    kit.announce(kit.tr("importReadingFile", { file: name }));
    let outcome: PasteOutcome | null;
    try {
      // The bytes are transferred to the worker: send a copy, so the PDF can be read again.
      const copy = pdf.bytes.slice().buffer as ArrayBuffer;
      outcome = await client.parsePdf(
        copy,
        name,
        (p) => {
          if (request === parseRequest) messages.progress(p.stage === "pdf" ? { label: kit.tr("importReadingPdf") } : progressLabel(p));
        },
        options,
      );
    } catch {
      outcome = null;
    }
    if (request !== parseRequest) return;
    body.setAttribute("aria-busy", "false");
    messages.progress(null);
    if (outcome) showOutcome(outcome);
    else messages.show({ intent: "error", topic: "parse", body: () => [kit.tr("importPdfNeedsWorker", { file: name })] });
  }

  /** Reads again whatever was read last (the PDF, or the text box) after the analyst typed a date or tickers. */
  function reread(): Promise<void> {
    if (lastPdf !== null) {
      messages.clear();
      return readPdf(++parseRequest);
    }
    return parse();
  }

  function showInvalidDate(): void {
    const value = dateInput.value.trim();
    messages.show({ intent: "error", topic: "report-date", body: () => [kit.tr("importDateInvalid", { value })] });
    dateInput.setAttribute("aria-invalid", "true");
  }

  function progressLabel(p: ImportProgress): { label: string; value?: number; max?: number } {
    if (p.stage === "read") return { label: kit.tr("importReading"), value: p.done, max: p.total };
    if (p.stage === "parse") return { label: kit.tr("importParsing", { lines: p.total.toLocaleString("en-US") }) };
    return { label: kit.tr("importChecking", { done: p.done, total: p.total }), value: p.done, max: p.total };
  }

  function parseOnPage(text: string, options?: ParseOptions): PasteOutcome {
    try {
      return interpretPastedText(text, deps, options);
    } catch (err) {
      // A parser bug must not break the page: report it like an unreadable note.
      return { kind: "lists", source: "note", lists: [], problems: [{ table: "—", reason: errorText(err, "en") }] };
    }
  }

  /**
   * Runs `then` with the workbook's names: at once where there is no workbook, after the read in Excel. A
   * read that fails adds nothing and says nothing (the note still imports with the other sources); a
   * parse started meanwhile wins.
   */
  function withWorkbookNames(request: number, then: (workbook: readonly NameEntry[]) => Promise<void>): Promise<void> {
    let pending: Promise<readonly NameEntry[]> | null;
    try {
      pending = deps.workbookNames?.() ?? null;
    } catch {
      pending = null;
    }
    if (pending === null) return then([]);
    // Excel holds requests while a cell is being edited: the parse does not wait for that.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<readonly NameEntry[]>((resolve) => (timer = setTimeout(() => resolve([]), WORKBOOK_NAMES_WAIT_MS)));
    return Promise.race([pending, late]).then(
      (entries) => {
        clearTimeout(timer);
        return request === parseRequest ? then(Array.isArray(entries) ? entries : []) : undefined;
      },
      () => {
        clearTimeout(timer);
        return request === parseRequest ? then([]) : undefined;
      },
    );
  }

  /**
   * What the parse takes besides the text: the typed report date and every name source, most trusted
   * first: the tickers the analyst typed, the workbook's tables (the analyst's own corrections), then
   * `knownNames` (the team's feeds, the bundled catalog).
   */
  function parseOptions(workbook: readonly NameEntry[]): ParseOptions | "invalid-date" {
    const typed = dateInput.value.trim();
    const reportDate = typed === "" ? null : parseGivenDate(typed);
    if (typed !== "" && reportDate === null) return "invalid-date";
    const names: NameSource[] = [];
    if (typedNames.length > 0) names.push({ from: "typed", entries: typedNames });
    if (workbook.length > 0) names.push({ from: "workbook", entries: workbook });
    try {
      names.push(...(deps.knownNames?.() ?? []));
    } catch {
      // A source that cannot answer (a catalog still loading) simply adds nothing.
    }
    return { reportDate, names };
  }

  /** Parses the text: on the page when short, in the worker (with progress) when long. */
  function parse(): Promise<void> {
    messages.clear();
    const request = ++parseRequest;
    const text = noteText.value;
    lastPdf = null;
    return withWorkbookNames(request, (workbook) => parseText(request, text, workbook));
  }

  function parseText(request: number, text: string, workbook: readonly NameEntry[]): Promise<void> {
    const client = deps.importClient;
    const options = parseOptions(workbook);
    if (options === "invalid-date") {
      showInvalidDate();
      return Promise.resolve();
    }
    dateInput.removeAttribute("aria-invalid");
    if (!client || text.length < WORKER_MIN_CHARS) {
      showOutcome(parseOnPage(text, options));
      return Promise.resolve();
    }
    body.setAttribute("aria-busy", "true");
    messages.progress({ label: kit.tr("importReading") });
    kit.announce(kit.tr("importReading"));
    return client
      .parseText(
        text,
        (p) => {
          if (request === parseRequest) messages.progress(progressLabel(p));
        },
        options,
      )
      .then(
        (outcome) => outcome,
        () => parseOnPage(text, options), // the worker failed: the page still reads the text
      )
      .then((outcome) => {
        if (request !== parseRequest) return;
        body.setAttribute("aria-busy", "false");
        messages.progress(null);
        showOutcome(outcome);
      });
  }

  function showOutcome(outcome: PasteOutcome) {
    paste = outcome;
    deps.onListsRead?.(outcome.kind === "lists" ? outcome.lists : []);
    preview.closeWhere((origin) => origin.from === "import");
    messages.show({
      // Lists found but some tables unread: a warning (there is something to insert, and something missed).
      intent:
        summarisePaste(outcome, kit.lang()).tone === "error"
          ? "error"
          : groupProblems(outcome).unread.length > 0 || needsReportDate(outcome)
            ? "warning"
            : "success",
      topic: "parse",
      body: () => [summarisePaste(outcome, kit.lang()).message],
      // A note that prints no date: say so, and where to give it, before anything is inserted.
      items: () =>
        needsReportDate(outcome) && outcome.kind === "lists" && outcome.report
          ? [[kit.tr("importNoDate", { date: outcome.report.reportDate })]]
          : [],
      // Schema errors of a JSON document (src/picks' words, English): raw, under Details.
      details: () => summarisePaste(outcome, kit.lang()).errors,
    });
    kit.keepingFocus(renderBody);
  }

  function renderBody() {
    if (!paste) {
      replaceContent(body, []);
      return;
    }
    const outcome = paste;
    const summary = summarisePaste(outcome, kit.lang());
    const children: Child[] = [];
    if (summary.lists.length > 0 && outcome.kind === "lists")
      children.push(
        h("h3", { className: "aic-subheading" }, [kit.tr("resultsHeading")]),
        h("ul", { className: "aic-list-list" }, summary.lists.map((item) => {
          const list = outcome.lists[item.index]!;
          return h("li", { className: "aic-list-item", attrs: { "data-import-index": item.index } }, [
            h("div", { className: "aic-list-text" }, [
              dataText(item.title, "span", "aic-list-title"),
              dataText(item.tableCaption, "span", "aic-meta"),
              // Where a PDF's list is printed (its file and page): the analyst checks it against the page.
              ...(item.whereText ? [dataText(item.whereText, "span", "aic-meta aic-list-where")] : []),
              h("span", { className: "aic-meta" }, [item.rowCountText]),
            ]),
            // Recorded as pasted: a refresh of the table then says it has no source to refresh from.
            preview.listActions(list, item.title, { from: "import", index: item.index }, { kind: "pasted" }),
          ]);
        })),
      );
    // The parser's problems: the tables it could not read, then notes on tables it did read. The caption
    // is the note's own (data); the reason is src/picks' English (often quoting the note): under Details.
    const names = unknownNames(outcome);
    nameInputs = new Map();
    if (names.length > 0) {
      const rows = names.map((name, i) => {
        const field = textField({
          id: `aic-import-name-${i}`,
          className: "aic-input aic-name-ticker",
          attrs: { autocomplete: "off", "data-name": name, placeholder: "300502.SZ" },
        });
        field.field.classList.add("aic-name-field");
        field.label.textContent = kit.tr("importNameTicker", { name });
        const typed = typedNames.find((e) => e.name === name);
        if (typed) field.box.value = typed.ticker;
        nameInputs.set(name, field.box);
        return field.field;
      });
      children.push(
        h("h3", { className: "aic-subheading" }, [kit.tr("importNamesHeading")]),
        h("p", { className: "aic-hint" }, [kit.tr("importNamesIntro")]),
        h("div", { className: "aic-unknown-names" }, rows),
        h("div", { className: "aic-name-actions" }, [fluentButton(kit.tr("importApplyTickers"), { focusKey: "import:apply-tickers", onClick: () => void applyTypedTickers() })]),
      );
    }
    const groups = groupProblems(outcome);
    for (const [heading, problems, className] of [
      ["parseProblemsHeading", groups.unread, "aic-problem-list"],
      ["importNotesHeading", groups.notes, "aic-problem-list aic-problem-notes"],
    ] as const) {
      if (problems.length === 0) continue;
      const captions = [...new Set(problems.map((p) => p.table))];
      children.push(
        h("h3", { className: "aic-subheading" }, [kit.tr(heading)]),
        // The note's own captions are its words (data); the parser's places ("(report)", "table at line 7") are ours, translated.
        h("ul", { className }, captions.map((c) => {
          const place = problemPlace(c, kit.lang());
          return place === c ? markData(h("li", {}, [c])) : h("li", {}, [place]);
        })),
        // Each problem in the analyst's language (its codes translated; the note's own words quoted as data).
        rawDetails(kit.tr("importProblemsSummary"), problems.map((p) => problemLine(p, kit.lang()))),
      );
    }
    replaceContent(body, children);
  }

  /** The typed tickers, checked; the note is read again with them (its lists keep their ids). */
  function applyTypedTickers(): Promise<void> {
    const entries: NameEntry[] = [...typedNames];
    for (const [name, input] of nameInputs) {
      const value = input.value.trim();
      if (value === "") continue;
      const ticker = normaliseTicker(value, true);
      if (ticker === null) {
        messages.show({ intent: "error", topic: "typed-ticker", body: () => [kit.tr("importTickerInvalid", { value, name })] });
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return Promise.resolve();
      }
      input.removeAttribute("aria-invalid");
      const at = entries.findIndex((e) => e.name === name);
      if (at >= 0) entries.splice(at, 1);
      entries.push({ name, ticker });
    }
    typedNames = entries;
    return reread();
  }

  function render() {
    heading.textContent = kit.tr("importHeading");
    intro.textContent = kit.tr("importIntro");
    noteLabel.textContent = kit.tr("importLabel");
    noteText.setAttribute("placeholder", kit.tr("importPlaceholder"));
    dateLabel.textContent = kit.tr("importDateLabel");
    dateHint!.textContent = kit.tr("importDateHint");
    parseButton.textContent = kit.tr("parseButton");
    dropHint.textContent = kit.tr("importDropHint");
    chooseButton.textContent = kit.tr("importChooseFile");
    fileInput.setAttribute("aria-label", kit.tr("importFileLabel"));
    messages.render();
    renderBody();
    preview.render();
  }

  return {
    section: sectionEl,
    messages,
    sourceArea,
    optionsArea,
    noteText: () => noteText.value,
    setNoteText: (text) => {
      noteText.value = text;
      lastPdf = null;
      // A new note: names typed for the last one do not carry over.
      typedNames = [];
    },
    parse,
    importFile,
    lists: () => (paste?.kind === "lists" ? paste.lists : []),
    render,
  };
}
