/**
 * The Feeds tab's form for adding a feed: its URL and name, and for a CSV the list's title, broker, dates
 * and header mapping (shown when "CSV" is ticked). Built once, so what is typed survives a language switch
 * (renderText words it again) and a reload (values/setValues, kept by the app); each problem the form's
 * check (model.ts: checkFeedForm) finds is shown at its field. What submitting does is the pane's
 * (view.ts), passed in.
 */
import { setFieldProblems, textField, type TextField } from "../../controls";
import { h, replaceContent } from "../../dom";
import type { PaneKit } from "../../pane";
import { HEADER_EXAMPLES, type FeedFormField, type FeedFormValues, type Msg } from "./model";

export interface FeedForm {
  element: HTMLFormElement;
  values(): FeedFormValues;
  setValues(values: FeedFormValues): void;
  /** The labels, hints and button in the page's language. */
  renderText(): void;
  /** Each problem the form's check found, at its field. */
  showProblems(problems: readonly { field: FeedFormField; msg: Msg }[]): void;
  focusField(field: FeedFormField): void;
}

const IDS = {
  url: "aic-feed-url",
  urlHint: "aic-feed-url-hint",
  name: "aic-feed-name",
  csv: "aic-feed-csv",
  csvFields: "aic-feed-csv-fields",
  title: "aic-feed-title",
  broker: "aic-feed-broker",
  reportDate: "aic-feed-report-date",
  priceDate: "aic-feed-price-date",
  mapping: "aic-feed-mapping",
  mappingHint: "aic-feed-mapping-hint",
} as const;

/** The form; `submit` runs on the Add button, on Enter in a field and on the form's submit. */
export function createFeedForm(kit: PaneKit, submit: () => void): FeedForm {
  // Fluent fields (fluent-field + fluent-text-input / fluent-textarea, controls.ts textField).
  const textBox = (id: string, type: "text" | "url" | "date", extra: { hintId?: string; attrs?: Record<string, string | boolean> } = {}) =>
    textField({ id, type, hintId: extra.hintId, errorId: `${id}-error`, attrs: { name: id, autocomplete: "off", ...extra.attrs } });

  const url = textBox(IDS.url, "url", { hintId: IDS.urlHint, attrs: { inputmode: "url", required: true } });
  const { label: urlLabel, box: urlInput } = url;
  const urlHint = url.hint!;
  const name = textBox(IDS.name, "text");
  const { label: nameLabel, box: nameInput } = name;
  const csvBox = h("input", { attrs: { id: IDS.csv, type: "checkbox", "aria-controls": IDS.csvFields, "aria-expanded": "false" } });
  const csvLabel = h("label", { className: "aic-check-label", attrs: { for: IDS.csv } });
  const title = textBox(IDS.title, "text");
  const { label: titleLabel, box: titleInput } = title;
  const broker = textBox(IDS.broker, "text");
  const { label: brokerLabel, box: brokerInput } = broker;
  const reportDate = textBox(IDS.reportDate, "date");
  const { label: reportDateLabel, box: reportDateInput } = reportDate;
  const priceDate = textBox(IDS.priceDate, "date");
  const { label: priceDateLabel, box: priceDateInput } = priceDate;
  const mapping = textField({ id: IDS.mapping, multiline: true, hintId: IDS.mappingHint, errorId: `${IDS.mapping}-error`, className: "aic-textarea aic-textarea-short", attrs: { name: IDS.mapping } });
  const { label: mappingLabel, box: mappingInput } = mapping;
  const mappingHint = mapping.hint!;
  const csvFields = h("div", { className: "aic-csv-fields", attrs: { id: IDS.csvFields, hidden: true } }, [
    title.field,
    broker.field,
    h("div", { className: "aic-field-row" }, [reportDate.field, priceDate.field]),
    mapping.field,
  ]);
  csvBox.addEventListener("change", () => {
    csvFields.hidden = !csvBox.checked;
    csvBox.setAttribute("aria-expanded", String(csvBox.checked));
  });
  /** The fields the form's check can find a problem in. */
  const checkedFields: Record<FeedFormField, TextField> = { url, reportDate, priceDate, mapping };

  // A submit button: the form's submit handler adds the feed (Enter in a field submits too). Feeds run
  // in the background: adding or fetching one never holds up an insert or a tool (no workbook lock).
  const addButton = kit.actionButton("", {
    focusKey: "feed:add",
    primary: true,
    needs: null,
    workbook: false,
    type: "submit",
    onClick: () => {
      // A fluent-button submits its form itself in the browser; where it cannot (an undefined element) submit here.
      if (!customElements.get("fluent-button")) submit();
    },
  });
  const formEl = h("form", { className: "aic-feed-form", attrs: { novalidate: true } }, [
    url.field,
    name.field,
    h("div", { className: "aic-check" }, [csvBox, csvLabel]),
    csvFields,
    h("div", { className: "aic-actions" }, [addButton]),
  ]);
  // Enter in a text box adds the feed: fluent-text-input submits its form itself (it clicks the submit button);
  // where it is not defined (jsdom) the form does it here.
  formEl.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement | null;
    if (event.key !== "Enter" || target?.localName !== "fluent-text-input" || customElements.get("fluent-text-input")) return;
    event.preventDefault();
    submit();
  });
  formEl.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });

  function values(): FeedFormValues {
    return {
      url: urlInput.value,
      name: nameInput.value,
      csv: csvBox.checked,
      title: titleInput.value,
      broker: brokerInput.value,
      reportDate: reportDateInput.value,
      priceDate: priceDateInput.value,
      mapping: mappingInput.value,
    };
  }

  function setValues(values: FeedFormValues) {
    urlInput.value = values.url;
    nameInput.value = values.name;
    csvBox.checked = values.csv;
    csvFields.hidden = !values.csv;
    csvBox.setAttribute("aria-expanded", String(values.csv));
    titleInput.value = values.title;
    brokerInput.value = values.broker;
    reportDateInput.value = values.reportDate;
    priceDateInput.value = values.priceDate;
    mappingInput.value = values.mapping;
  }

  function renderText() {
    urlLabel.textContent = kit.tr("feedUrlLabel");
    urlHint.textContent = kit.tr("feedUrlHint");
    nameLabel.textContent = kit.tr("feedNameLabel");
    csvLabel.textContent = kit.tr("feedCsvLabel");
    titleLabel.textContent = kit.tr("csvTitleLabel");
    brokerLabel.textContent = kit.tr("csvBrokerLabel");
    reportDateLabel.textContent = kit.tr("csvReportDateLabel");
    priceDateLabel.textContent = kit.tr("csvPriceDateLabel");
    mappingLabel.textContent = kit.tr("csvMappingLabel");
    // The example headers are the reports' own (Chinese whatever the page's language): data.
    replaceContent(mappingHint, kit.msg({ key: "csvMappingHint", params: { examples: HEADER_EXAMPLES.join(", ") }, data: ["examples"] }));
    addButton.textContent = kit.tr("addFeedButton");
  }

  /** Fluent field validation: each field's message slot and aria-invalid. */
  function showProblems(problems: readonly { field: FeedFormField; msg: Msg }[]) {
    for (const [field, textField] of Object.entries(checkedFields) as [FeedFormField, TextField][])
      setFieldProblems(textField, problems.filter((p) => p.field === field).map((p) => kit.msg(p.msg)));
  }

  return { element: formEl, values, setValues, renderText, showProblems, focusField: (field) => checkedFields[field].box.focus() };
}
