/**
 * The taskpane's building blocks, each a native element styled as its Fluent 2 component in
 * taskpane.css: a section with its heading, a ProgressBar with its label, and data text. New panes
 * (refresh, feeds, compare, freeze) are built from these, so they look and behave like the rest.
 */
import { append, fl, h, type Child } from "./dom";
import { tParts, type Lang, type StringKey, type StringParams } from "./i18n";

const HAN = /[\u3400-\u9fff]/;

/**
 * Text that comes from the data (a stock name, a report title, a table caption), not from the strings
 * table. Marked translate="no": the language switch does not change it, nor should a browser's page
 * translator; tests use the mark to tell data from UI words. Chinese data also gets lang="zh-CN", so a
 * screen reader on the English page reads 浪潮信息 as Chinese.
 */
export function dataText(text: string, tag: "span" | "p" = "span", className?: string): HTMLElement {
  return h(tag, { className, attrs: { translate: "no", lang: HAN.test(text) ? "zh-CN" : null } }, [text]);
}

/**
 * Marks an existing element as holding data (see dataText). `chineseLang` false: text written in the
 * page's language around data (a describeDiff line), which keeps the page's lang.
 */
export function markData<E extends HTMLElement>(el: E, chineseLang = true): E {
  el.setAttribute("translate", "no");
  if (chineseLang && HAN.test(el.textContent ?? "")) el.setAttribute("lang", "zh-CN");
  return el;
}

/**
 * A sentence from the strings table with data filled in: the words are plain text, each parameter
 * named in `dataParams` becomes a dataText span. "Table: 表5: 重点关注个股" → "Table: " + <span>表5…</span>.
 */
export function sentence(lang: Lang, key: StringKey, params: StringParams, dataParams: readonly string[]): Child[] {
  return tParts(lang, key, params).map((part) =>
    part.param !== undefined && dataParams.includes(part.param) ? dataText(part.text) : part.text,
  );
}

/** A page section (a landmark with its h2 heading): the unit the taskpane is assembled from. */
export function section(headingId: string, heading: HTMLElement, children: Child[], className = ""): HTMLElement {
  heading.id = headingId;
  const el = h("section", { className: `aic-section ${className}`.trim(), attrs: { "aria-labelledby": headingId } }, [heading]);
  append(el, children);
  return el;
}

export interface ProgressOptions {
  /** What is happening, shown above the bar and used as its accessible name. */
  label: string;
  /** Done so far and the total; leave both out when how long it takes is unknown (a fetch). */
  value?: number;
  max?: number;
  /** Shown under the bar (e.g. "Writing rows: 2 of 4"). */
  detail?: string;
  /** False when the label is already on screen nearby (the status bar): then it only names the bar. */
  showLabel?: boolean;
}

/**
 * A Fluent ProgressBar (fluent-progress-bar: role progressbar, its value and range through
 * ElementInternals) with a label; indeterminate when no value is given. For anything slower than a
 * moment: a fetch, an insert, a refresh.
 */
export function progressBar(options: ProgressOptions): HTMLElement {
  const determinate = options.value !== undefined;
  const bar = fl("fluent-progress-bar", {
    className: "aic-progress-bar",
    attrs: {
      "aria-label": options.label,
      min: determinate ? 0 : null,
      max: determinate ? Math.max(options.max ?? 1, 1) : null,
      value: determinate ? options.value : null,
    },
  });
  return h("div", { className: "aic-progress", attrs: { "data-progress": determinate ? "determinate" : "indeterminate" } }, [
    options.showLabel === false ? null : h("span", { className: "aic-progress-label" }, [options.label]),
    bar,
    options.detail ? h("span", { className: "aic-meta" }, [options.detail]) : null,
  ]);
}

/**
 * Raw text from outside (an Office error's message, src/picks' or a server's English reason) under a
 * "Details" disclosure, marked as data: the sentence around it comes from the strings table, so the
 * Chinese page shows no English sentence, and the exact words are still there for whoever needs them.
 */
export function rawDetails(summary: string, lines: readonly (string | null | undefined)[]): HTMLElement | null {
  const shown = lines.filter((l): l is string => typeof l === "string" && l.trim() !== "");
  if (shown.length === 0) return null;
  return h("details", { className: "aic-details" }, [
    h("summary", {}, [summary]),
    h("pre", { className: "aic-details-text", attrs: { translate: "no" } }, [shown.join("\n")]),
  ]);
}
