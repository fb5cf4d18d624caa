/**
 * The pictures in docs/screenshots: taken by the browser suite at a taskpane's size, written only when
 * they look different from the committed ones (Chromium's antialiasing of a few rounded corners varies
 * from run to run; rewriting a file for those would dirty docs/ on every run).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { ROOT, type Harness } from "./harness";

export const SCREENSHOTS = path.join(ROOT, "docs/screenshots");

/** Pixels that may differ between two screenshots of the same state (antialiasing), out of 360 × 720. */
const SAME_PICTURE_MAX_PIXELS = 64;

/** How many pixels of two PNGs differ (all of them when the sizes differ), decoded in a blank page. */
export async function differingPixels(harness: Harness, a: Buffer, b: Buffer): Promise<number> {
  const context = await harness.browser.newContext();
  try {
    const page = await context.newPage();
    return await page.evaluate(
      async ([first, second]) => {
        const load = (src: string) =>
          new Promise<HTMLImageElement>((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve(img);
            img.onerror = () => reject(new Error("not a PNG"));
            img.src = src;
          });
        const [x, y] = await Promise.all([load(first), load(second)]);
        if (x.width !== y.width || x.height !== y.height) return Math.max(x.width * x.height, y.width * y.height);
        const pixels = (img: HTMLImageElement) => {
          const canvas = document.createElement("canvas");
          canvas.width = img.width;
          canvas.height = img.height;
          const g = canvas.getContext("2d")!;
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, img.width, img.height).data;
        };
        const [p, q] = [pixels(x), pixels(y)];
        let differ = 0;
        for (let i = 0; i < p.length; i += 4) if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) differ++;
        return differ;
      },
      [`data:image/png;base64,${a.toString("base64")}`, `data:image/png;base64,${b.toString("base64")}`],
    );
  } finally {
    await context.close();
  }
}

/**
 * Screenshots the page as docs/screenshots/<name>.png, scrolled so that `scrollTo` (a selector) is at
 * the top, or to the top of the page. Returns the file's path.
 */
export async function shoot(harness: Harness, page: Page, name: string, scrollTo?: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Whole-pixel scroll positions, so borders are drawn the same way on every run.
  // The tab's panel scrolls (main), not the window.
  if (scrollTo)
    await page.locator(scrollTo).evaluate((el) => {
      const main = document.getElementById("aic-main")!;
      main.scrollTop = Math.round(el.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop);
    });
  else await page.evaluate(() => document.getElementById("aic-main")?.scrollTo(0, 0));
  // A still picture: no hover where the last click left the pointer, no focus ring, the pasted
  // note shown from its first line (where the caret left it varies from run to run).
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (const t of document.querySelectorAll("textarea")) t.scrollTop = 0;
  });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const png = await page.screenshot({ animations: "disabled", caret: "hide" });
  if (png.length <= 10_000) throw new Error(`${name}: the screenshot is suspiciously small (${png.length} bytes)`);
  if (!existsSync(file) || (await differingPixels(harness, readFileSync(file), png)) > SAME_PICTURE_MAX_PIXELS) writeFileSync(file, png);
  if (statSync(file).size <= 10_000) throw new Error(`${file} is suspiciously small`);
  return file;
}
