import { DIT_ARCHITECTURES, ditForwardGflops, ditTokens, parseDitName } from "../../src/model/dit";
import { ModelError } from "../../src/model/errors";

/**
 * Peebles & Xie, "Scalable Diffusion Models with Transformers" (ICCV 2023), Table 4: forward Gflops
 * at 256×256 for every model and patch size. The Minsheng note cites DiT-XL/4 = 29.05.
 */
const TABLE_4: Record<string, Record<number, number>> = {
  S: { 2: 6.06, 4: 1.41, 8: 0.36 },
  B: { 2: 23.01, 4: 5.56, 8: 1.42 },
  L: { 2: 80.71, 4: 19.7, 8: 5.01 },
  XL: { 2: 118.64, 4: 29.05, 8: 7.39 },
};

describe("DiT forward Gflops", () => {
  for (const [size, byPatch] of Object.entries(TABLE_4)) {
    for (const [patch, paper] of Object.entries(byPatch)) {
      test(`DiT-${size}/${patch} is within 1% of the paper's ${paper}`, () => {
        const arch = DIT_ARCHITECTURES[size as keyof typeof DIT_ARCHITECTURES];
        const g = ditForwardGflops({ ...arch, patchSize: Number(patch), imageHeight: 256, imageWidth: 256 });
        expect(Math.abs(g / paper - 1)).toBeLessThan(0.01);
      });
    }
  }

  test("tokens: a 256×256 image is a 32×32 latent, 16×16 = 256 tokens at patch 2", () => {
    expect(ditTokens({ patchSize: 2, imageHeight: 256, imageWidth: 256 })).toBe(256);
    // The Minsheng 表1 "Sequence Length 768": a 1024×768 frame through XL/4 is 32×24 = 768 tokens.
    expect(ditTokens({ patchSize: 4, imageHeight: 768, imageWidth: 1024 })).toBe(768);
  });

  test("an image that does not divide into latent patches is rejected, not rounded", () => {
    expect(() => ditTokens({ patchSize: 4, imageHeight: 250, imageWidth: 256 })).toThrow(ModelError);
  });

  test("names parse with or without the DiT- prefix, any case", () => {
    expect(parseDitName("XL/4")).toMatchObject({ depth: 28, hiddenSize: 1152, patchSize: 4 });
    expect(parseDitName("dit-s/8")).toMatchObject({ depth: 12, hiddenSize: 384, patchSize: 8 });
    expect(() => parseDitName("XXL/4")).toThrow(/is not a DiT model/);
    expect(() => parseDitName("XL/3")).toThrow(/is not a DiT model/);
  });
});
