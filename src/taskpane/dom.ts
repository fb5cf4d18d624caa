/**
 * The one way the taskpane builds DOM: createElement + textContent + setAttribute. Text from outside
 * (catalog files, pasted notes, error messages) therefore always shows literally and is never parsed
 * as HTML. Nothing in src/taskpane uses innerHTML, outerHTML, insertAdjacentHTML or document.write
 * (test/taskpane/no-html-sinks.test.ts checks).
 */

export type Child = Node | string | null | undefined | false;

export interface ElementProps {
  className?: string;
  /** Attributes (id, aria-*, role, type, lang ...); a false/null value leaves the attribute off. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  onClick?: (event: Event) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  return build(document.createElement(tag), props, children);
}

/** Class, attributes, click handler and children, for h() and fl() alike. */
function build<E extends HTMLElement>(el: E, props: ElementProps, children: Child[]): E {
  if (props.className) el.className = props.className;
  setAttrs(el, props.attrs ?? {});
  if (props.onClick) el.addEventListener("click", props.onClick);
  append(el, children);
  return el;
}

export function setAttrs(el: Element, attrs: Record<string, string | number | boolean | null | undefined>): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
}

export function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Remove every child, then append `children`. */
export function replaceContent(el: Node, children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}

/**
 * A Fluent UI web component (`fluent-button`, `fluent-tab` …) or any other custom element, built the same
 * way as h(). The elements are defined by fluent.ts (the page's entry imports it); under jsdom they stay
 * plain, undefined elements, which is why the logic lives in the pure view-models.
 */
export function fl(tag: `fluent-${string}`, props: ElementProps = {}, children: Child[] = []): HTMLElement {
  return build(document.createElement(tag), props, children);
}
