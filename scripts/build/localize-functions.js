/**
 * Localized custom-functions metadata, as Microsoft documents it ("Custom functions naming and
 * localization"): one JSON metadata file per language (functions.json for the default, functions-de.json
 * style names for the others), each referenced from the manifest through a <bt:Override Locale> of the
 * Functions.Metadata.Url resource. ids never change; here names do not change either, so a formula
 * reads the same in every language, and only descriptions and argument help are translated.
 *
 * localizeMetadata() is pure (the tests call it); LocalizedFunctionsMetadataPlugin runs it in the
 * webpack build on the functions.json that CustomFunctionsMetadataPlugin generated from the JSDoc, and
 * turns every problem into a compilation error, so a function or argument without a translation fails
 * the build.
 */
const fs = require("fs");
const path = require("path");

const PLUGIN = "LocalizedFunctionsMetadataPlugin";
const HAN = /[\u3400-\u9fff]/;

/**
 * What a translation must keep from the English text: numbers (defaults, sizes, table numbers), quoted
 * values ("A100"), Excel error codes, TRUE/FALSE and AIC.* names. A default changed in the JSDoc but not
 * in the translation then fails the build instead of showing a stale number.
 */
function invariantTokens(text) {
  const pattern = /AIC\.[A-Z_]+|#[A-Z0-9/]+[!?]?|\bTRUE\b|\bFALSE\b|"[^"]*"|\d+(?:\.\d+)?(?:e\d+)?/g;
  return text.match(pattern) || [];
}

function missingInvariants(english, translated) {
  const have = new Map();
  for (const token of invariantTokens(translated)) have.set(token, (have.get(token) || 0) + 1);
  const missing = [];
  for (const token of invariantTokens(english)) {
    const n = have.get(token) || 0;
    if (n === 0) missing.push(token);
    else have.set(token, n - 1);
  }
  return missing;
}

function checkText(where, english, translated, errors) {
  if (typeof translated !== "string" || translated.trim() === "") {
    errors.push(`${where}: no translation`);
    return;
  }
  if (!HAN.test(translated)) errors.push(`${where}: the translation has no Chinese text: ${JSON.stringify(translated)}`);
  const missing = missingInvariants(english, translated);
  if (missing.length > 0)
    errors.push(`${where}: the translation drops ${missing.map((t) => JSON.stringify(t)).join(", ")} of the English ${JSON.stringify(english)}`);
}

/**
 * The localized metadata: `english` (functions.json) with each function's description, result
 * description (when there is one) and parameter descriptions taken from `table`; everything else (ids,
 * names, types, dimensionality, optional flags, options) copied unchanged.
 * @returns {{ metadata: object, errors: string[] }}
 */
function localizeMetadata(english, table, label = "translation") {
  const errors = [];
  const entries = (table && table.functions) || {};
  const known = new Set(english.functions.map((f) => f.id));
  for (const id of Object.keys(entries))
    if (!known.has(id)) errors.push(`${label}: function ${id} is not in functions.json (renamed or removed?)`);

  const functions = english.functions.map((fn) => {
    const entry = entries[fn.id];
    const out = JSON.parse(JSON.stringify(fn));
    if (!entry) {
      errors.push(`${label}: function ${fn.id} has no translation`);
      return out;
    }
    checkText(`${label}: ${fn.id}`, fn.description || "", entry.description, errors);
    out.description = entry.description;
    if (fn.result && typeof fn.result.description === "string") {
      checkText(`${label}: ${fn.id} result`, fn.result.description, entry.result, errors);
      out.result.description = entry.result;
    }
    const params = entry.parameters || {};
    const names = new Set((fn.parameters || []).map((p) => p.name));
    for (const name of Object.keys(params))
      if (!names.has(name)) errors.push(`${label}: ${fn.id} has no argument ${name} (renamed or removed?)`);
    (out.parameters || []).forEach((p, i) => {
      const englishText = fn.parameters[i].description || "";
      checkText(`${label}: ${fn.id}(${p.name})`, englishText, params[p.name], errors);
      p.description = params[p.name];
    });
    return out;
  });
  return { metadata: { ...english, functions }, errors };
}

class LocalizedFunctionsMetadataPlugin {
  /**
   * @param {{ source: string, locales: { output: string, table: string }[] }} options
   *   source: the generated English asset (functions.json); each locale: the asset to emit and its table.
   */
  constructor(options) {
    this.source = options.source;
    this.locales = options.locales.map((l) => ({ output: l.output, table: path.resolve(l.table) }));
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      for (const locale of this.locales) compilation.fileDependencies.add(locale.table);
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset(this.source);
        if (!asset) {
          // No English metadata: when the JSDoc failed, CustomFunctionsMetadataPlugin has said why already.
          if (compilation.errors.length === 0)
            compilation.errors.push(new WebpackError(`${PLUGIN}: no ${this.source} to localize`));
          return;
        }
        const english = JSON.parse(asset.source.source().toString());
        for (const locale of this.locales) {
          const label = path.relative(process.cwd(), locale.table);
          let table;
          try {
            table = JSON.parse(fs.readFileSync(locale.table, "utf8"));
          } catch (err) {
            compilation.errors.push(new WebpackError(`${PLUGIN}: cannot read ${label}: ${err.message}`));
            continue;
          }
          const { metadata, errors } = localizeMetadata(english, table, label);
          if (errors.length > 0) {
            for (const e of errors) compilation.errors.push(new WebpackError(`${PLUGIN}: ${e}`));
            continue;
          }
          compilation.emitAsset(locale.output, new sources.RawSource(JSON.stringify(metadata, null, 4)));
        }
      });
    });
  }
}

module.exports = { LocalizedFunctionsMetadataPlugin, localizeMetadata, invariantTokens, missingInvariants };
