/**
 * The help page (help.html, both languages in one file): shows the language asked for (?lang=zh|en,
 * else the browser's), and fills the formula reference from functions.json / functions-zh-cn.json,
 * the same metadata Excel shows while typing, so the reference never goes stale. Built with
 * createElement/textContent only (the page's CSP allows no inline script or HTML).
 */
type Lang = "zh" | "en";

interface FunctionMeta {
  name: string;
  description?: string;
  parameters?: { name: string; description?: string; optional?: boolean }[];
  result?: { dimensionality?: string };
}

export function helpLanguage(search: string, browserLanguage: string | undefined): Lang {
  const asked = new URLSearchParams(search).get("lang");
  if (asked === "zh" || asked === "en") return asked;
  return /^zh/i.test(browserLanguage ?? "") ? "zh" : "en";
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const WORDS = {
  en: { args: "Arguments", optional: "optional", none: "No arguments.", failed: "The formula reference could not be loaded: " },
  zh: { args: "参数", optional: "可选", none: "无参数。", failed: "无法加载公式参考：" },
};

export function renderFormulas(container: HTMLElement, functions: FunctionMeta[], lang: Lang): void {
  const words = WORDS[lang];
  container.replaceChildren();
  for (const fn of functions) {
    const item = el("article", undefined, "aic-help-function");
    const args = (fn.parameters ?? []).map((p) => p.name).join(", ");
    item.append(el("h3", `AIC.${fn.name}(${args})`), el("p", fn.description ?? ""));
    if ((fn.parameters ?? []).length === 0) item.append(el("p", words.none));
    else {
      const list = el("dl");
      for (const p of fn.parameters ?? []) list.append(el("dt", p.optional ? `${p.name} (${words.optional})` : p.name), el("dd", p.description ?? ""));
      item.append(el("h4", words.args), list);
    }
    container.append(item);
  }
}

async function start(): Promise<void> {
  const lang = helpLanguage(location.search, navigator.language);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const main of document.querySelectorAll<HTMLElement>("[data-help-lang]")) main.hidden = main.dataset.helpLang !== lang;
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".aic-help-langs a")) {
    if (link.dataset.lang === lang) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = lang === "zh" ? "AI 算力研究台 — 帮助" : "AI Compute Desk — Help";
  const container = document.querySelector<HTMLElement>(`[data-formulas="${lang}"]`);
  if (!container) return;
  try {
    const response = await fetch(lang === "zh" ? "functions-zh-cn.json" : "functions.json");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const doc = (await response.json()) as { functions: FunctionMeta[] };
    renderFormulas(container, doc.functions, lang);
  } catch (err) {
    container.replaceChildren(el("p", `${WORDS[lang].failed}${err instanceof Error ? err.message : String(err)}`));
  }
}

if (typeof document !== "undefined" && document.querySelector("[data-help-lang]")) void start();
