/**
 * What a screen reader gets on a Fluent text box, in Chromium: the focused node is the <input>/<textarea>
 * inside the component's shadow root, and its accessible description and invalid state must be the
 * field's hint and, after a refused submit, its error (controls.ts mirrors the host's aria-describedby and
 * aria-invalid onto the inner control). Read from Chromium's accessibility tree through the DevTools protocol
 * (Accessibility.getFullAXTree), the tree assistive technology is given.
 */
import type { Page } from "playwright-core";
import { STRINGS } from "../../src/taskpane/i18n";
import { openTaskpane, selectTab, useHarness, waitForReady, type OpenOptions } from "./harness";

const harness = useHarness();

interface FocusedBox {
  role: string;
  name: string;
  description: string;
  invalid: string;
}

/** The focused node of Chromium's accessibility tree: role, name, description, and its invalid state ("false" when not set). */
async function focusedBox(page: Page): Promise<FocusedBox> {
  const cdp = await page.context().newCDPSession(page);
  try {
    type Value = { value?: unknown };
    type AXNode = { role?: Value; name?: Value; description?: Value; properties?: { name: string; value: Value }[] };
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AXNode[] };
    // The page (RootWebArea) says it holds the focus too: the node sought is the other one.
    const focused = nodes.filter((n) => n.role?.value !== "RootWebArea" && n.properties?.some((p) => p.name === "focused" && p.value.value === true));
    expect(focused).toHaveLength(1);
    const node = focused[0]!;
    const invalid = node.properties?.find((p) => p.name === "invalid")?.value.value;
    return {
      role: String(node.role?.value ?? ""),
      name: String(node.name?.value ?? ""),
      description: String(node.description?.value ?? ""),
      invalid: String(invalid),
    };
  } finally {
    await cdp.detach();
  }
}

async function withPage(options: OpenOptions, host: "outside" | "excel", body: (page: Page) => Promise<void>): Promise<void> {
  const opened = await openTaskpane(harness, options);
  try {
    await waitForReady(opened.page, host);
    await body(opened.page);
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
  } finally {
    await opened.close();
  }
}

const text = (page: Page, selector: string) => page.locator(selector).evaluate((el) => (el.textContent ?? "").trim());

describe.each([
  ["en", "en-US"],
  ["zh", "zh-CN"],
] as const)("the Feeds form (%s)", (lang, locale) => {
  test("its URL box is described by its hint, then by its error and invalid after a refused submit, and the error goes once corrected; the CSV mapping box by its hint", async () => {
    await withPage({ locale }, "outside", async (page) => {
      await selectTab(page, "feeds");
      const input = page.locator("#aic-feed-url input");
      const hint = await text(page, "#aic-feed-url-hint");
      expect(hint).toBe(STRINGS[lang].feedUrlHint);

      await input.focus();
      const fresh = await focusedBox(page);
      expect(fresh).toEqual({ role: "textbox", name: STRINGS[lang].feedUrlLabel, description: hint, invalid: "false" });

      // A web address over http that is not this machine: refused by the form's check, the error at the field.
      await input.fill("http://feeds.example.com/x.json");
      await page.locator(".aic-section-feeds [type=submit]").click();
      await page.locator("#aic-feed-url-error:not([hidden])").waitFor();
      const error = await text(page, "#aic-feed-url-error");
      expect(error.startsWith(STRINGS[lang].feedUrlInvalid.split("{reason}")[0]!)).toBe(true);
      await input.focus();
      const refused = await focusedBox(page);
      expect(refused.invalid).toBe("true");
      expect(refused.description).toContain(hint);
      expect(refused.description).toContain(error);

      // Corrected (an https address): the check passes, the page asks to allow the origin; dismissed, the box is valid again.
      await input.fill("https://feeds.example.com/x.json");
      await page.locator(".aic-section-feeds [type=submit]").click();
      await page.getByRole("dialog", { name: STRINGS[lang].dialogReloadTitle }).waitFor();
      await page.keyboard.press("Escape");
      await page.locator("fluent-dialog").waitFor({ state: "detached" });
      await input.focus();
      const corrected = await focusedBox(page);
      expect(corrected).toEqual({ role: "textbox", name: STRINGS[lang].feedUrlLabel, description: hint, invalid: "false" });

      // A fluent-textarea (its control is a <textarea>): the CSV column mapping, described by its hint.
      await page.locator("#aic-feed-csv").check();
      await page.locator("#aic-feed-mapping textarea").focus();
      const mappingHint = await text(page, "#aic-feed-mapping-hint");
      expect(mappingHint.length).toBeGreaterThan(0);
      await expect(focusedBox(page)).resolves.toEqual({ role: "textbox", name: STRINGS[lang].csvMappingLabel, description: mappingHint, invalid: "false" });
    });
  });
});

test("the Import tab: the note's box is described by the intro; the report date box by its hint, and a date it cannot read marks it invalid until it is corrected", async () => {
  await withPage({ locale: "en-US", office: { kind: "excel", displayLanguage: "en-US" } }, "excel", async (page) => {
    await selectTab(page, "import");
    const date = page.locator("#aic-import-report-date input");
    const hint = await text(page, "#aic-import-report-date-hint");
    expect(hint).toBe(STRINGS.en.importDateHint);
    await date.focus();
    await expect(focusedBox(page)).resolves.toMatchObject({ role: "textbox", description: hint, invalid: "false" });

    // The note's text area: described by the tab's intro, an element the view names by id.
    await page.locator("#aic-note-text textarea").focus();
    const intro = await text(page, "#aic-import-intro");
    expect(intro.length).toBeGreaterThan(0);
    await expect(focusedBox(page)).resolves.toMatchObject({ role: "textbox", description: intro });

    await page.locator("#aic-note-text textarea").fill(["2025-03-09", "", "表1：重点推荐", "代码\t名称\t股价\t评级", "000977.SZ\t浪潮信息\t30.38\t买入", ""].join("\n"));
    await date.fill("2025-13-45");
    await page.locator(".aic-section-import [data-focus-key='parse']").click();
    await page.locator(".aic-section-import [data-messages='import']", { hasText: "2025-13-45" }).waitFor();
    await date.focus();
    await expect(focusedBox(page)).resolves.toMatchObject({ description: hint, invalid: "true" });

    await date.fill("2025-03-09");
    await page.locator(".aic-section-import [data-focus-key='parse']").click();
    await page.locator(".aic-import-body [data-import-index]").first().waitFor({ state: "visible" });
    await date.focus();
    await expect(focusedBox(page)).resolves.toMatchObject({ description: hint, invalid: "false" });
  });
});
