/**
 * The taskpane builds its DOM only through createElement/textContent (src/taskpane/dom.ts). This
 * guards against an HTML sink creeping in: one would turn text from a catalog or a pasted note into markup.
 */
import { readdirSync, readFileSync } from "fs";
import path from "path";

const TASKPANE_DIR = path.resolve(__dirname, "../../src/taskpane");
const HTML_SINKS = /\.(?:innerHTML|outerHTML)\b|\binsertAdjacentHTML\s*\(|\bdocument\.write(?:ln)?\s*\(|\bcreateContextualFragment\s*\(|\bDOMParser\b|\beval\s*\(|\bnew\s+Function\s*\(/;

describe("src/taskpane has no HTML sinks", () => {
  // Every .ts file under src/taskpane, the tabs' folders included.
  const files = (readdirSync(TASKPANE_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => f.split(path.sep).join("/"));

  it("finds the taskpane sources", () => {
    expect(files).toEqual(expect.arrayContaining(["app.ts", "dom.ts", "taskpane.ts", "tabs/catalog/view.ts", "tabs/import/view.ts", "preview/view.ts"]));
  });

  it.each(files)("%s", (file) => {
    const lines = readFileSync(path.join(TASKPANE_DIR, file), "utf8").split("\n");
    const hits = lines.map((line, i) => ({ line: i + 1, text: line.trim() })).filter((l) => HTML_SINKS.test(l.text));
    expect(hits).toEqual([]);
  });

  it("would catch one", () => {
    expect(HTML_SINKS.test("el.innerHTML = title;")).toBe(true);
    expect(HTML_SINKS.test('el.insertAdjacentHTML("beforeend", x)')).toBe(true);
    expect(HTML_SINKS.test("el.textContent = title;")).toBe(false);
  });
});
