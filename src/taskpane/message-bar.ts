/**
 * A tab's messages: the outcome of the action the person took in that tab, shown as a Fluent
 * MessageBar (fluent-message-bar) at the top of the tab, with the running action's progress above it.
 *
 * Rules (docs/taskpane.md, "Messages"):
 * - One message per tab; showing a new one replaces the old, and starting an action clears it
 *   (MessageArea.clear), so an old "Inserted…" never sits beside a new error. A tab with two sections
 *   (Tools) has an area in each, and a tool that starts clears both.
 * - Intent success | warning | error | info; every bar can be dismissed (its × button); a Retry button
 *   where running the action again can help (pass `retry`).
 * - The sentence comes from the strings table, rebuilt in the chosen language on each render. Raw text
 *   from outside (an Office error's message, src/picks' English reasons, a server's status text) goes
 *   only under a "Details" disclosure, marked as data (translate="no").
 * - It is not a live region (a language switch re-renders it): show() announces the sentence once
 *   through the app's announcer. Focus stays where the person is; the bar sits in the tab's flow
 *   (never fixed or sticky), so nothing it shows can cover a focused control.
 */
import { fluentButton, icon, ICONS } from "./controls";
import { fl, h, replaceContent, type Child } from "./dom";
import type { Lang, StringKey, StringParams } from "./i18n";
import { progressBar, section, type ProgressOptions } from "./ui";

export type MessageIntent = "success" | "warning" | "error" | "info";

export interface MessageSpec {
  intent: MessageIntent;
  /** The message in the current language (called again after a language switch). */
  body: () => Child[];
  /** Lines under the sentence (each table refreshed, each problem found), in the current language. */
  items?: () => Child[][];
  /** Raw text from outside, shown under "Details" exactly as received. */
  details?: () => readonly string[];
  /** Run the failed action again. The bar offers a Retry button only when this is given. */
  retry?: () => void;
  /** Marks what the message is about, for tests and styling (e.g. "insert", "parse", "refresh"). */
  topic?: string;
}

export interface MessageArea {
  readonly element: HTMLElement;
  show(spec: MessageSpec): void;
  /** Removes the message (a new action starts, or the person dismissed it). */
  clear(): void;
  /** Progress of the running action, above the message; null removes it. */
  progress(options: ProgressOptions | null): void;
  /** The shown message, if any. */
  current(): MessageSpec | null;
  /** Re-render in the current language. */
  render(): void;
}

export interface MessageAreaDeps {
  lang(): Lang;
  tr(key: StringKey, params?: StringParams): string;
  announce(text: string): void;
  /** Where focus goes when the bar it was in is dismissed (the tab's heading). */
  focusAfterDismiss(): HTMLElement | null;
}

const INTENT_KEY: Record<MessageIntent, StringKey> = {
  success: "messageSuccess",
  warning: "messageWarning",
  error: "messageError",
  info: "messageInfo",
};

function textOf(children: Child[]): string {
  return children.map((c) => (typeof c === "string" ? c : c ? (c.textContent ?? "") : "")).join("");
}

/**
 * A tab's section with its message bar: the section's heading (h2), the bar directly under it, then the rest.
 * The one placement rule for every tab: the outcome is the first thing after the heading of the section whose
 * buttons produced it (Tools has two sections, each with its own bar). The heading takes focus
 * (tabindex -1) so dismissing a focused bar can put focus back on it.
 */
export function tabSection(headingId: string, heading: HTMLElement, messages: MessageArea, children: Child[], className = ""): HTMLElement {
  heading.tabIndex = -1;
  return section(headingId, heading, [messages.element, ...children], className);
}

export function createMessageArea(deps: MessageAreaDeps, name: string): MessageArea {
  let spec: MessageSpec | null = null;
  let progressOptions: ProgressOptions | null = null;
  const progressSlot = h("div", { className: "aic-message-progress" });
  const barSlot = h("div", { className: "aic-message-slot" });
  const element = h("div", { className: "aic-messages", attrs: { "data-messages": name } }, [progressSlot, barSlot]);

  function renderProgress() {
    replaceContent(progressSlot, progressOptions ? [progressBar(progressOptions)] : []);
    progressSlot.hidden = progressOptions === null;
  }

  function renderBar() {
    if (!spec) {
      replaceContent(barSlot, []);
      barSlot.hidden = true;
      return;
    }
    const s = spec;
    const items = s.items?.() ?? [];
    const details = s.details?.() ?? [];
    const intentName = deps.tr(INTENT_KEY[s.intent]);
    const bar = fl("fluent-message-bar", {
      className: `aic-message aic-message-${s.intent}`,
      attrs: {
        intent: s.intent,
        layout: "multiline",
        // Not live (see above); a group named by its intent ("Error"), so a screen reader says what it is.
        role: "group",
        "aria-label": intentName,
        "data-intent": s.intent,
        "data-topic": s.topic ?? null,
      },
    }, [
      h("span", { className: "aic-message-icon", attrs: { slot: "icon" } }, [icon(ICONS[s.intent])]),
      h("div", { className: "aic-message-text" }, [
        h("p", { className: "aic-message-body" }, s.body()),
        items.length > 0 ? h("ul", { className: "aic-message-items" }, items.map((item) => h("li", {}, item))) : null,
        details.length > 0
          ? h("details", { className: "aic-details" }, [
              h("summary", {}, [deps.tr("detailsSummary")]),
              // Exactly as received (often English, sometimes a server's text): data, not UI words.
              h("pre", { className: "aic-details-text", attrs: { translate: "no" } }, [details.join("\n")]),
            ])
          : null,
      ]),
      s.retry
        ? fluentButton(deps.tr("retryButton"), {
            size: "small",
            focusKey: `message:${name}:retry`,
            attrs: { slot: "actions" },
            onClick: () => s.retry?.(),
          })
        : null,
      fluentButton([icon(ICONS.dismiss)], {
        appearance: "transparent",
        size: "small",
        label: deps.tr("dismissLabel"),
        focusKey: `message:${name}:dismiss`,
        className: "aic-message-dismiss",
        attrs: { slot: "dismiss", title: deps.tr("dismissButton") },
        onClick: () => dismiss(),
      }),
    ]);
    replaceContent(barSlot, [bar]);
    barSlot.hidden = false;
  }

  function dismiss() {
    const hadFocus = barSlot.contains(barSlot.ownerDocument.activeElement);
    spec = null;
    renderBar();
    if (hadFocus) deps.focusAfterDismiss()?.focus();
  }

  return {
    element,
    show(next) {
      spec = next;
      renderBar();
      // "Error: …" / "Warning: …" say what kind of message it is; success and info need no label.
      const body = textOf(next.body());
      deps.announce(next.intent === "error" || next.intent === "warning" ? `${deps.tr(INTENT_KEY[next.intent])}: ${body}` : body);
    },
    clear() {
      spec = null;
      renderBar();
    },
    progress(options) {
      progressOptions = options;
      renderProgress();
    },
    current: () => spec,
    render() {
      renderProgress();
      renderBar();
    },
  };
}
