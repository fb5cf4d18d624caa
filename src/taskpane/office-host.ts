/**
 * Is the taskpane running in Excel? Office.js may be absent (it failed to load from the CDN), present
 * outside Office (Office.onReady resolves with host null), slow, or present in Excel. Every Office
 * reference is guarded, and the answer arrives through a callback that can fire twice: "outside" when
 * onReady has not answered in time, then "excel" if it answers later after all.
 */

/** The part of the Office global this module reads; typed loosely because any of it may be missing. */
export interface OfficeLike {
  onReady?: () => Promise<{ host?: unknown; platform?: unknown } | undefined>;
  HostType?: { Excel?: unknown };
  context?: { displayLanguage?: string; requirements?: { isSetSupported?: (name: string, version?: string) => boolean } };
}

export interface HostInfo {
  inExcel: boolean;
  /** Office's UI language ("zh-CN", "en-US" ...), or null outside Office. */
  displayLanguage: string | null;
}

export const OUTSIDE_OFFICE: HostInfo = { inExcel: false, displayLanguage: null };

/** The Office global, or undefined when office.js did not load. */
export function officeGlobal(): OfficeLike | undefined {
  return typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike);
}

function displayLanguageOf(office: OfficeLike): string | null {
  try {
    const lang = office.context?.displayLanguage;
    return typeof lang === "string" && lang !== "" ? lang : null;
  } catch {
    // Outside Office, office.js's context getters can throw.
    return null;
  }
}

export function hostInfoFrom(office: OfficeLike, ready: { host?: unknown } | undefined): HostInfo {
  const excel = office.HostType?.Excel ?? "Excel";
  const inExcel = ready?.host != null && ready.host === excel;
  return { inExcel, displayLanguage: inExcel ? displayLanguageOf(office) : null };
}

/**
 * Office's answer to "does this Excel support requirement set `name` `version`?"
 * (Office.context.requirements.isSetSupported), asked once the host is known to be Excel. No answer (an
 * office.js without the requirements API, or a check that throws) counts as no: the action is then
 * offered disabled, with the reason, rather than failing half-way.
 */
export function requirementSupported(office: OfficeLike | undefined, requirement: { name: string; version: string }): boolean {
  try {
    const requirements = office?.context?.requirements;
    const check = requirements?.isSetSupported;
    return typeof check === "function" && check.call(requirements, requirement.name, requirement.version) === true;
  } catch {
    return false;
  }
}

/**
 * Calls `onHost` once Office.onReady answers, or with OUTSIDE_OFFICE when office.js is absent, when
 * onReady throws or rejects, or when it has not answered after `timeoutMs` (and then again if it does
 * answer later with Excel).
 */
export function watchHost(office: OfficeLike | undefined, onHost: (info: HostInfo) => void, timeoutMs = 8000): void {
  if (!office || typeof office.onReady !== "function") {
    onHost(OUTSIDE_OFFICE);
    return;
  }
  let answered = false;
  let timedOut = false;
  const timer = setTimeout(() => {
    if (answered) return;
    timedOut = true;
    onHost(OUTSIDE_OFFICE);
  }, timeoutMs);
  const settle = (info: HostInfo) => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    if (timedOut && !info.inExcel) return; // already reported as outside
    onHost(info);
  };
  let ready: Promise<{ host?: unknown } | undefined>;
  try {
    ready = Promise.resolve(office.onReady());
  } catch {
    settle(OUTSIDE_OFFICE);
    return;
  }
  ready.then(
    (info) => settle(hostInfoFrom(office, info)),
    () => settle(OUTSIDE_OFFICE),
  );
}
