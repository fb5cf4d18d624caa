/**
 * The Fluent UI web components the views use, built in one place: a button (fluent-button) and its
 * enabled state. Every tab builds its buttons here, so they look and behave alike and the shell can
 * change them for all at once.
 *
 * A fluent-button is a custom element (role button through ElementInternals, in the tab order, Enter
 * and Space click it). Disabled is set as the attribute AND the property: FAST reflects one to the
 * other in the browser, and under jsdom (where the element stays undefined) both read back as set.
 */
import { fl, h, replaceContent, type Child } from "./dom";

export type ButtonAppearance = "primary" | "secondary" | "subtle" | "transparent";

export interface ButtonOptions {
  appearance?: ButtonAppearance;
  size?: "small" | "medium";
  /** The accessible name when the text alone is not enough ("Insert “表5” into Excel"). */
  label?: string | null;
  /** Keeps focus on the equivalent button across a re-render (see PaneKit.keepingFocus). */
  focusKey?: string;
  type?: "button" | "submit";
  className?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  onClick?: (event: Event) => void;
}

export function fluentButton(content: string | Child[], o: ButtonOptions = {}): HTMLElement {
  return fl("fluent-button", {
    className: o.className,
    attrs: {
      appearance: o.appearance && o.appearance !== "secondary" ? o.appearance : null,
      size: o.size && o.size !== "medium" ? o.size : null,
      type: o.type ?? "button",
      "aria-label": o.label ?? null,
      "data-focus-key": o.focusKey ?? null,
      // As fluent-button sets it (see setDisabled); explicit so focus() works before the element upgrades.
      tabindex: 0,
      // The role fluent-button gives itself through ElementInternals, also as an attribute: tools that read
      // only attributes (axe-core, jsdom) then see a button too.
      role: "button",
      ...o.attrs,
    },
    onClick: o.onClick,
  }, typeof content === "string" ? [content] : content);
}

/**
 * Disabled: out of the tab order, not clickable. The tabindex follows as fluent-button sets it itself
 * (0 when enabled, none when disabled), so focus() behaves the same where the element is not defined.
 */
export function setDisabled(el: HTMLElement, disabled: boolean): void {
  el.toggleAttribute("disabled", disabled);
  (el as HTMLElement & { disabled?: boolean }).disabled = disabled;
  if (disabled) el.removeAttribute("tabindex");
  else el.setAttribute("tabindex", "0");
}

export function isDisabled(el: HTMLElement): boolean {
  return el.hasAttribute("disabled");
}

/** A Fluent text box (fluent-text-input or fluent-textarea): its value as a property, as the native ones have. */
export type FluentTextBox = HTMLElement & { value: string };

export interface TextFieldOptions {
  id: string;
  /** fluent-textarea (several lines) instead of fluent-text-input. */
  multiline?: boolean;
  /** fluent-text-input's type: text, url, or date (passed to the input inside it). */
  type?: "text" | "url" | "date";
  /** The hint's id: the hint shows under the box, as the field's message. */
  hintId?: string;
  /** The id of the field's validation message (setFieldProblems): under the hint, hidden while the box is valid. */
  errorId?: string;
  className?: string;
  /** Attributes of the box (name, autocomplete, inputmode, placeholder, data-*). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
}

export interface TextField {
  /** fluent-field: the box, its hint under it. */
  readonly field: HTMLElement;
  readonly box: FluentTextBox;
  /** The label (its text is set by the view's render). */
  readonly label: HTMLLabelElement;
  readonly hint: HTMLElement | null;
  /** The field's validation message (errorId given), shown by setFieldProblems. */
  readonly error: HTMLElement | null;
}

/**
 * A labelled text box as a Fluent Field (fluent-field) holding a fluent-text-input or fluent-textarea, with
 * an optional hint as the field's message.
 *
 * The label is inside the box, in the slot its template wraps in the <label> of its inner <input> or
 * <textarea>: that is what names the control a screen reader and axe see (an aria-labelledby from outside
 * cannot reach into a shadow root). It is also `for` the box, which is labelable (form-associated), so
 * a click on it focuses the box. Nothing else goes in the box: fluent-textarea takes the text of its
 * other children as its value.
 *
 * Under jsdom (nothing defined) the box is a plain element whose `value` is an ordinary property,
 * initialised to "" here, and focusable, so the views read and focus it the same way everywhere.
 */
export function textField(o: TextFieldOptions): TextField {
  const label = h("label", { className: "aic-label", attrs: { for: o.id, slot: o.multiline ? "label" : null } });
  const box = fl(o.multiline ? "fluent-textarea" : "fluent-text-input", {
    className: o.className ?? (o.multiline ? "aic-textarea" : "aic-input"),
    attrs: {
      id: o.id,
      slot: "input",
      type: o.multiline ? null : (o.type ?? "text"),
      resize: o.multiline ? "vertical" : null,
      "aria-describedby": o.hintId ?? null,
      ...o.attrs,
    },
  }, [label]) as FluentTextBox;
  if (!customElements.get(box.localName)) {
    // Not defined (jsdom): a plain element, made to hold a value and take focus as a native box would.
    box.value = "";
    box.tabIndex = 0;
  }
  const hint = o.hintId ? h("p", { className: "aic-hint", attrs: { id: o.hintId, slot: "message" } }) : null;
  const error = o.errorId ? h("div", { className: "aic-field-error", attrs: { id: o.errorId, slot: "message", hidden: true } }) : null;
  const field = fl("fluent-field", { className: "aic-field", attrs: { "label-position": "above" } }, [box, hint, error]);
  followHostAria(box, [hint, error]);
  return { field, box, label, hint, error };
}

/** The ARIA a text box's host carries that its inner control needs: what describes it, whether it is invalid. */
const MIRRORED_ARIA = ["aria-describedby", "aria-invalid"];

/** What a FAST element (every Fluent component) exposes of its controller: connected, and a change notifier for it. */
interface FastController {
  readonly isConnected: boolean;
  subscribe(subscriber: { handleChange(subject: unknown, key: unknown): void }, key: string): void;
}

/**
 * A Fluent text box delegates focus to the <input>/<textarea> inside its open shadow root (both templates
 * give it id="control"): that is the control a screen reader is on, and an id reference or aria-invalid on
 * the host does not reach it. So the host's `aria-describedby` and `aria-invalid` (what the views and
 * setFieldProblems set, what the CSS and axe read) are mirrored onto the inner control:
 * - the description by ARIA element reflection, `control.ariaDescribedByElements = [hint, error]`: a
 *   shadow-tree element may reference elements of the page around it (Chromium 135+, so Edge/WebView2,
 *   Safari 16.4+, Firefox 136+); the elements are resolved by id, the field's own hint and error first;
 * - where reflection is missing, their text as `aria-description` (taken again at each focus, so a
 *   language switch is read);
 * - `aria-invalid` as the attribute, as on the host. Fluent itself sets none of these on the control (its
 *   ElementInternals carry validity, required and read-only only), so nothing is fought over.
 *
 * When: the control exists once the element is defined, connected and its template rendered (FAST renders
 * on first connect, then notifies `isConnected`); then again whenever the host's attributes change, and at
 * each focus. Where the element is not defined yet, from when it is; under jsdom (never defined) nothing.
 */
function followHostAria(box: HTMLElement, own: readonly (HTMLElement | null)[]): void {
  const link = () => mirrorHostAria(box, own);
  const start = () => {
    const controller = (box as HTMLElement & { $fastController?: FastController }).$fastController;
    if (!controller) return;
    controller.subscribe({ handleChange: () => { if (controller.isConnected) link(); } }, "isConnected");
    new MutationObserver(link).observe(box, { attributes: true, attributeFilter: MIRRORED_ARIA });
    box.addEventListener("focusin", link);
    link();
  };
  if (customElements.get(box.localName)) start();
  else
    void customElements.whenDefined(box.localName).then(() => {
      customElements.upgrade(box);
      start();
    });
}

function mirrorHostAria(box: HTMLElement, own: readonly (HTMLElement | null)[]): void {
  const control = box.shadowRoot?.getElementById("control");
  if (!control) return;
  const invalid = box.getAttribute("aria-invalid");
  if (invalid === null) control.removeAttribute("aria-invalid");
  else control.setAttribute("aria-invalid", invalid);
  const root = box.getRootNode();
  const byId = (id: string) =>
    own.find((el) => el?.id === id) ?? (root instanceof Document || root instanceof ShadowRoot ? root.getElementById(id) : null);
  const described = (box.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean).map(byId).filter((el) => el !== null);
  if (Reflect.has(control, "ariaDescribedByElements")) {
    control.ariaDescribedByElements = described.length > 0 ? described : null;
  } else {
    const text = described.map((el) => el.textContent?.trim() ?? "").filter(Boolean).join(" ");
    if (text) control.setAttribute("aria-description", text);
    else control.removeAttribute("aria-description");
  }
}

/**
 * A field's validation: its problems (sentences, each a line) in the field's message slot under the
 * box, the box marked aria-invalid and described by its hint and then the problems; none clears it.
 * Set on the host, mirrored onto the control inside its shadow root by textField (followHostAria).
 * The form's own check (before anything is fetched) decides; the box's native validity is not used.
 */
export function setFieldProblems(field: TextField, problems: readonly Child[][]): void {
  const { box, hint, error } = field;
  if (!error) throw new Error(`the field ${box.id} has no validation message (textField errorId)`);
  const invalid = problems.length > 0;
  replaceContent(error, problems.map((problem) => h("p", {}, problem)));
  error.hidden = !invalid;
  box.setAttribute("aria-invalid", String(invalid));
  const described = [hint?.id, invalid ? error.id : null].filter(Boolean).join(" ");
  if (described) box.setAttribute("aria-describedby", described);
  else box.removeAttribute("aria-describedby");
}

/** A button element: native <button> or fluent-button (what `button, fluent-button` selects). */
export const BUTTON_SELECTOR = "button, fluent-button";

/** An SVG icon drawn with paths (createElementNS: no markup parsed). 20×20 viewBox, currentColor. */
export function icon(paths: readonly string[], className = "aic-icon"): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", className);
  for (const d of paths) {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
  }
  return svg;
}

/** Fluent System Icons' shapes (Dismiss, Checkmark circle, Warning, Error circle, Info, Arrow left), 20 px regular. */
export const ICONS = {
  dismiss: ["M4.09 4.22l.06-.07a.5.5 0 01.63-.06l.07.06L10 9.29l5.15-5.14a.5.5 0 01.63-.06l.07.06c.18.18.2.45.06.64l-.06.07L10.71 10l5.14 5.15c.18.17.2.44.06.63l-.06.07a.5.5 0 01-.63.06l-.07-.06L10 10.71l-5.15 5.14a.5.5 0 01-.63.06l-.07-.06a.5.5 0 01-.06-.63l.06-.07L9.29 10 4.15 4.85a.5.5 0 01-.06-.63l.06-.07-.06.07z"],
  success: ["M10 2a8 8 0 110 16 8 8 0 010-16zm3.36 5.65a.5.5 0 00-.64-.06l-.07.06L9 11.3 7.35 9.65l-.07-.06a.5.5 0 00-.7.7l.07.07 2 2 .07.06c.17.11.4.11.56 0l.07-.06 4-4 .07-.08a.5.5 0 00-.06-.63z"],
  warning: ["M8.68 2.79a1.5 1.5 0 012.64 0l6.5 12A1.5 1.5 0 0116.5 17h-13a1.5 1.5 0 01-1.32-2.21l6.5-12zM10 13a.75.75 0 100 1.5.75.75 0 000-1.5zm0-6.5a.5.5 0 00-.5.41v4.68a.5.5 0 001 0V7a.5.5 0 00-.5-.5z"],
  error: ["M10 2a8 8 0 110 16 8 8 0 010-16zm0 10.5a.75.75 0 100 1.5.75.75 0 000-1.5zM10 6a.5.5 0 00-.5.41v4.68a.5.5 0 001 0V6.5A.5.5 0 0010 6z"],
  info: ["M10 2a8 8 0 110 16 8 8 0 010-16zm0 7a.5.5 0 00-.5.41v4.68a.5.5 0 001 0V9.5A.5.5 0 0010 9zm0-2.75a.75.75 0 100 1.5.75.75 0 000-1.5z"],
  back: ["M9.16 16.87a.5.5 0 10.67-.74L3.67 10.5H17.5a.5.5 0 000-1H3.67l6.16-5.63a.5.5 0 00-.67-.74l-7 6.4a.5.5 0 000 .74l7 6.6z"],
} as const;
