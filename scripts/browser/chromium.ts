/**
 * The browser the real-browser suite (test/browser) drives: Debian's `chromium` package, through
 * playwright-core (which downloads nothing). `npm test` needs it:
 * - found at AIC_CHROMIUM (any Chrome/Chromium binary), /usr/bin/chromium or /usr/bin/chromium-browser;
 * - otherwise, running as root with apt-get (CI, a fresh Debian machine): installed with
 *   `apt-get update && apt-get install chromium fonts-noto-cjk`;
 * - otherwise the suite fails with a message naming the package to install.
 * fonts-noto-cjk gives the Chinese screenshots real glyphs; without it they show empty boxes, so it is
 * installed along with chromium and, when missing on its own, installed as root or warned about.
 *
 * Run directly (`tsx scripts/browser/chromium.ts`) it ensures both and prints the browser's path.
 */
import { execFileSync, spawnSync } from "child_process";
import { accessSync, constants } from "fs";

export const CHROMIUM_PACKAGES = ["chromium", "fonts-noto-cjk"] as const;

/**
 * Flags for headless Chromium on a machine with no network but loopback: no sandbox (root in CI), and
 * no background connections (component updates, sync, field trials) that the closed network refuses.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string | null {
  const candidates = [process.env.AIC_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((c): c is string => typeof c === "string" && c !== "" && executable(c)) ?? null;
}

/** True when fontconfig knows a font covering Chinese (false also when fontconfig is absent). */
export function hasCjkFont(): boolean {
  const out = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return out.status === 0 && out.stdout.trim() !== "";
}

function canApt(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0 && executable("/usr/bin/apt-get");
}

function aptInstall(packages: readonly string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  console.log(`[browser suite] installing ${packages.join(" ")} with apt-get …`);
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { stdio: "inherit", env });
}

const MISSING_BROWSER = `The browser suite (test/browser) needs Chromium and none was found.
  On Debian or Ubuntu:  sudo apt-get install ${CHROMIUM_PACKAGES.join(" ")}
  Elsewhere:            set AIC_CHROMIUM to a Chrome or Chromium executable.
(npm test installs these itself only when it runs as root on a machine with apt-get, as CI does.)`;

/** The browser's path, installing Debian's packages first when that is possible; throws otherwise. */
export function ensureChromium(): string {
  let found = findChromium();
  if (!found && canApt()) {
    aptInstall(CHROMIUM_PACKAGES);
    found = findChromium();
  }
  if (!found) throw new Error(MISSING_BROWSER);
  if (!hasCjkFont()) {
    if (canApt()) aptInstall(["fonts-noto-cjk"]);
    else console.warn("[browser suite] no CJK font found: Chinese screenshots will show boxes (apt-get install fonts-noto-cjk)");
  }
  return found;
}

if (require.main === module) {
  try {
    console.log(ensureChromium());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
