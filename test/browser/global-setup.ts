/** Before the browser suite: Chromium present (installed as root when possible, see scripts/browser/chromium.ts). */
import { ensureChromium } from "../../scripts/browser/chromium";

export default function globalSetup(): void {
  ensureChromium();
}
