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
import { fluentButton } from "../../controls";
import { h, replaceContent, type Child } from "../../dom";
import type { MessageArea } from "../../message-bar";
import { errorText } from "../../messages";
import type { PaneKit } from "../../pane";
import { createListPreview } from "../../preview/view";
import { dataText, markData, section } from "../../ui";
import { interpretPastedText, summarisePaste, type ImportFunctions, type PasteOutcome } from "./model";

export interface ImportTab {
  readonly section: HTMLElement;
  readonly messages: MessageArea;
  /** Where the note comes from (the text box; a PDF drop zone goes before it). */
  readonly sourceArea: HTMLElement;
  /** Options of the parse (between the text box and Parse). */
  readonly optionsArea: HTMLElement;
  noteText(): string;
  setNoteText(text: string): void;
  parse(): void;
  /** Every list the last parse found. */
  lists(): PickList[];
  render(): void;
}

export interface ImportTabDeps extends ImportFunctions {
  scroller(): HTMLElement | null;
}

const IDS = { heading: "aic-import-heading", noteText: "aic-note-text", intro: "aic-import-intro" } as const;

export function createImportTab(kit: PaneKit, deps: ImportTabDeps): ImportTab {
  let paste: PasteOutcome | null = null;
  const heading = h("h2", { attrs: { tabindex: -1 } });
  const intro = h("p", { className: "aic-intro", attrs: { id: IDS.intro } });
  const noteLabel = h("label", { className: "aic-label", attrs: { for: IDS.noteText } });
  const noteText = h("textarea", {
    className: "aic-textarea",
    attrs: { id: IDS.noteText, rows: 6, spellcheck: "false", "aria-describedby": IDS.intro },
  });
  const parseButton = fluentButton("", { appearance: "primary", focusKey: "parse", onClick: () => parse() });
  const body = h("div", { className: "aic-import-body" });
  const messages = kit.messageArea("import", () => heading);
  const sourceArea = h("div", { className: "aic-import-source" }, [h("div", { className: "aic-field" }, [noteLabel, noteText])]);
  const optionsArea = h("div", { className: "aic-import-options" });
  const listArea = h("div", { className: "aic-list-area" }, [intro, sourceArea, optionsArea, h("div", { className: "aic-actions" }, [parseButton]), body]);
  const preview = createListPreview(kit, { tab: "import", listArea, messages, scroller: deps.scroller });
  const sectionEl = section(IDS.heading, heading, [messages.element, listArea, preview.element], "aic-section-import");

  function parse() {
    messages.clear();
    try {
      paste = interpretPastedText(noteText.value, deps);
    } catch (err) {
      // A parser bug must not break the page: report it like an unreadable note.
      paste = { kind: "lists", source: "note", lists: [], problems: [{ table: "—", reason: errorText(err, "en") }] };
    }
    preview.closeWhere((origin) => origin.from === "import");
    const outcome = paste;
    messages.show({
      intent: summarisePaste(outcome, kit.lang()).tone === "error" ? "error" : "success",
      topic: "parse",
      body: () => [summarisePaste(outcome, kit.lang()).message],
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
              h("span", { className: "aic-meta" }, [item.rowCountText]),
            ]),
            // Recorded as pasted: a refresh of the table then says it has no source to refresh from.
            preview.listActions(list, item.title, { from: "import", index: item.index }, { kind: "pasted" }),
          ]);
        })),
      );
    if (summary.problems.length > 0)
      children.push(
        h("h3", { className: "aic-subheading" }, [kit.tr("parseProblemsHeading")]),
        // "表3: …: reason": the caption is the note's; the reason is src/picks/parser's, in English only (it
        // often quotes the note). Neither is in the strings table, so both are shown as data, unchanged.
        h("ul", { className: "aic-problem-list" }, summary.problems.map((p) => markData(h("li", {}, [p])))),
      );
    replaceContent(body, children);
  }

  function render() {
    heading.textContent = kit.tr("importHeading");
    intro.textContent = kit.tr("importIntro");
    noteLabel.textContent = kit.tr("importLabel");
    noteText.placeholder = kit.tr("importPlaceholder");
    parseButton.textContent = kit.tr("parseButton");
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
    },
    parse,
    lists: () => (paste?.kind === "lists" ? paste.lists : []),
    render,
  };
}
