/**
 * Webpack plugin: the functions.json options Excel needs that JSDoc cannot say, set on the metadata
 * CustomFunctionsMetadataPlugin generated, before it is localized (functions-zh-cn.json copies them):
 *
 * - `allowCustomDataForDataTypeAny: true`: without it Excel refuses the entity AIC.STOCK returns (and
 *   any data type in an `any` argument or result). Microsoft documents it under "Use data types with
 *   custom functions in Excel"; the generator writes it today, but the add-in must not depend on that.
 * - every result a `type`: a streaming function's result type comes from StreamingInvocation<any[][]>,
 *   for which the generator writes only the dimensionality; "any" is what it means.
 *
 * `fixFunctionsMetadata` is pure (tests call it); a metadata asset that cannot be read is a build error.
 */
const PLUGIN = "FunctionsMetadataOptionsPlugin";

function fixFunctionsMetadata(metadata) {
  const functions = (metadata.functions || []).map((fn) => ({ ...fn, result: { type: "any", ...(fn.result || {}) } }));
  return { allowCustomDataForDataTypeAny: true, ...metadata, ...{ allowCustomDataForDataTypeAny: true }, functions };
}

class FunctionsMetadataOptionsPlugin {
  /** @param {{ asset: string }} options the generated metadata asset, functions.json */
  constructor(options) {
    this.asset = options.asset;
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      // Just before LocalizedFunctionsMetadataPlugin (PROCESS_ASSETS_STAGE_ADDITIONAL), so the
      // localized files carry the same options.
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL - 1 }, () => {
        const asset = compilation.getAsset(this.asset);
        if (!asset) return; // CustomFunctionsMetadataPlugin has reported why (a JSDoc error)
        try {
          const fixed = fixFunctionsMetadata(JSON.parse(asset.source.source().toString()));
          compilation.updateAsset(this.asset, new sources.RawSource(JSON.stringify(fixed, null, 4)));
        } catch (err) {
          compilation.errors.push(new WebpackError(`${PLUGIN}: cannot read ${this.asset}: ${err.message}`));
        }
      });
    });
  }
}

module.exports = { FunctionsMetadataOptionsPlugin, fixFunctionsMetadata };
