/**
 * The generated dist/functions.json (npm test builds first) against the argument declarations, and the
 * README's formula reference against both. Excel reads only functions.json, so this is what analysts see.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { ALL_FUNCTIONS } from "../../src/functions/all";
import { END, FunctionsJson, renderFormulaReference, START } from "../../scripts/formula-reference";

const root = path.resolve(__dirname, "..", "..");
const metadataPath = path.join(root, "dist", "functions.json");

function loadMetadata(): FunctionsJson {
  if (!existsSync(metadataPath)) throw new Error("dist/functions.json is missing: run `npm run build` (npm test does)");
  return JSON.parse(readFileSync(metadataPath, "utf8")) as FunctionsJson;
}

/** How a default is written in the help text: 1.5e9 for large round numbers, as typed in Excel. */
function helpText(v: unknown): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number" && Math.abs(v) >= 1e7) return v.toExponential().replace("e+", "e");
  return String(v);
}

describe("dist/functions.json", () => {
  const json = loadMetadata();

  test("holds the nine AIC functions, ids equal to names, in declaration order", () => {
    expect(json.functions.map((f) => f.id)).toEqual(ALL_FUNCTIONS.map((d) => d.id));
    expect(json.functions.map((f) => f.id)).toEqual([
      "PATCHES_PER_MIN",
      "SORA_TRAIN_GPUS",
      "SORA_INFER_GPUS",
      "DIT_GFLOPS",
      "GPU_TFLOPS",
      "FWD_PE",
      "PICK",
      "PICKS",
      "STOCK",
    ]);
    for (const f of json.functions) expect(f.name).toBe(f.id);
  });

  test.each(ALL_FUNCTIONS.map((d) => [d.id, d] as const))("%s: parameters match the declarations", (id, def) => {
    const f = json.functions.find((x) => x.id === id)!;
    expect(f.description.length).toBeGreaterThan(20);
    // Model functions spill numbers; the pick-list functions stream any value (text, numbers, an entity).
    if (def.result === "number") expect(f.result).toEqual({ dimensionality: "matrix", type: "number" });
    else {
      expect(f.result).toEqual({ dimensionality: "matrix", type: "any" });
      expect((f as { options?: { stream?: boolean } }).options?.stream).toBe(true);
    }
    expect(f.parameters.map((p) => p.name)).toEqual(def.args.map((a) => a.name));
    f.parameters.forEach((p, i) => {
      const spec = def.args[i];
      // Every argument accepts a cell or a range (matrix) of any value, so our own validation speaks.
      expect(p.dimensionality).toBe("matrix");
      expect(p.type).toBe("any");
      expect(Boolean(p.optional)).toBe(spec.optional);
      expect((p.description ?? "").length).toBeGreaterThan(10);
      if (spec.optional && spec.default !== undefined && spec.default !== null) {
        const text = p.description ?? "";
        // gpu arguments default to a name whose TFLOPS the help quotes; others quote the value itself.
        expect(text).toContain(helpText(spec.default));
        expect(text.toLowerCase()).toContain("default");
      }
    });
  });
});

describe("the options Excel needs for data types", () => {
  test("allowCustomDataForDataTypeAny is true in functions.json and in the Chinese metadata (AIC.STOCK returns an entity)", () => {
    const raw = JSON.parse(readFileSync(metadataPath, "utf8")) as { allowCustomDataForDataTypeAny?: unknown };
    expect(raw.allowCustomDataForDataTypeAny).toBe(true);
    const zh = JSON.parse(readFileSync(path.join(root, "dist", "functions-zh-cn.json"), "utf8")) as { allowCustomDataForDataTypeAny?: unknown };
    expect(zh.allowCustomDataForDataTypeAny).toBe(true);
  });

  test("the build's step sets the option and a result type whatever the generator wrote", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { fixFunctionsMetadata } = require("../../scripts/build/functions-metadata") as {
      fixFunctionsMetadata: (m: unknown) => { allowCustomDataForDataTypeAny: boolean; functions: Array<{ result: unknown }> };
    };
    const fixed = fixFunctionsMetadata({ functions: [{ id: "X", result: { dimensionality: "matrix" } }], allowCustomDataForDataTypeAny: false });
    expect(fixed.allowCustomDataForDataTypeAny).toBe(true);
    expect(fixed.functions[0]!.result).toEqual({ type: "any", dimensionality: "matrix" });
  });
});

describe("README formula reference", () => {
  test("matches functions.json (regenerate with npm run docs)", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(readme.slice(start + START.length, end).trim()).toBe(renderFormulaReference(loadMetadata()).trim());
  });

  test("names every function and argument", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    for (const def of ALL_FUNCTIONS) {
      expect(readme).toContain(`AIC.${def.id}(`);
      for (const a of def.args) expect(readme).toContain(`\`${a.name}\``);
    }
  });
});
