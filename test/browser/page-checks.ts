/**
 * Checks that run inside the page (page.evaluate): what a person can read, what overflows the
 * taskpane's width, and axe-core's accessibility rules. Each function is self-contained, because
 * Playwright sends its source text to the page.
 */
import { readFileSync } from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { ROOT } from "./harness";

export interface ReadableText {
  /** Visible text nodes outside data (translate="no"), trimmed. */
  ui: string[];
  /** aria-label, title and placeholder texts of elements outside data, and the document title. */
  attributes: string[];
  /** How many visible data elements (translate="no") there are: the check must have something to skip. */
  dataElements: number;
}

/**
 * What the page says in its own words: every visible text node and every accessible-name attribute,
 * leaving out data (elements marked translate="no": stock names, report titles, captions, the
 * language switch's own names), which no language switch may change.
 */
export function readableText(page: Page): Promise<ReadableText> {
  return page.evaluate(() => {
    const inData = (el: Element) => el.closest('[translate="no"]') !== null;
    const visible = (el: Element) => (el as HTMLElement).checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const ui: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      const el = node.parentElement;
      if (!text || !el || el.closest("script, style, noscript") || inData(el) || !visible(el)) continue;
      ui.push(text);
    }
    const attributes: string[] = [document.title];
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (inData(el)) continue;
      for (const name of ["aria-label", "title", "placeholder"]) {
        const value = el.getAttribute(name);
        if (value && value.trim()) attributes.push(value.trim());
      }
    }
    const dataElements = [...document.querySelectorAll('[translate="no"]')].filter(visible).length;
    return { ui, attributes, dataElements };
  });
}

export interface Overflow {
  viewportWidth: number;
  scrollWidth: number;
  /** Elements whose box extends past the viewport's left or right edge (outside scroll regions). */
  outside: string[];
}

/**
 * Horizontal overflow at the current viewport: the page's scroll width, and every rendered element
 * whose box crosses the viewport's edges, except inside the designated horizontal scroll region
 * (.aic-table-scroll: the preview table scrolls inside it) and 1-px visually hidden text.
 */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const viewportWidth = window.innerWidth;
    const outside: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const region = el.closest(".aic-table-scroll");
      if (region && region !== el) continue;
      if (el.closest(".aic-visually-hidden")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.left < -0.5 || rect.right > viewportWidth + 0.5) {
        const name = `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : ""}`;
        outside.push(`${name} [${Math.round(rect.left)}, ${Math.round(rect.right)}] "${(el.textContent ?? "").trim().slice(0, 40)}"`);
      }
    }
    return { viewportWidth, scrollWidth: document.scrollingElement!.scrollWidth, outside };
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/**
 * axe-core's rules (its default set: WCAG 2.x A and AA plus best practices) on the page as it is now.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the page
 * keeps its real policy while it is checked.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  });
}

/** readableText of every tab (each shown in turn), merged; leaves the first tab showing. */
export async function readableTextAllTabs(page: Page): Promise<ReadableText> {
  const all: ReadableText = { ui: [], attributes: [], dataElements: 0 };
  for (const tab of ["catalog", "import", "refresh", "tools", "feeds"]) {
    await page.locator(`#aic-tab-${tab}`).click();
    await page.locator(`#aic-panel-${tab}`).waitFor({ state: "visible" });
    const read = await readableText(page);
    all.ui.push(...read.ui);
    all.attributes.push(...read.attributes);
    all.dataElements += read.dataElements;
  }
  await page.locator("#aic-tab-catalog").click();
  return all;
}

/** horizontalOverflow in every tab: the first overflow found, tagged with its tab, or none. */
export async function horizontalOverflowAllTabs(page: Page): Promise<Overflow> {
  const worst: Overflow = { viewportWidth: 0, scrollWidth: 0, outside: [] };
  for (const tab of ["catalog", "import", "refresh", "tools", "feeds"]) {
    await page.locator(`#aic-tab-${tab}`).click();
    await page.locator(`#aic-panel-${tab}`).waitFor({ state: "visible" });
    const o = await horizontalOverflow(page);
    worst.viewportWidth = o.viewportWidth;
    worst.scrollWidth = Math.max(worst.scrollWidth, o.scrollWidth);
    worst.outside.push(...o.outside.map((e) => `${tab}: ${e}`));
  }
  return worst;
}
