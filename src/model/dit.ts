/**
 * Forward-pass cost of a Diffusion Transformer (Peebles & Xie, "Scalable Diffusion Models with
 * Transformers", ICCV 2023), counted as the paper counts it: one multiply-add = one flop (the author's
 * statement in facebookresearch/DiT issue #14). The Minsheng note reverse-engineers Sora's training cost
 * from DiT-XL/4's 29.05 Gflops (paper Table 4).
 */
import { echoInput, ModelError } from "./errors";

export interface DitArchitecture {
  /** Transformer blocks N. */
  depth: number;
  /** Hidden size d. */
  hiddenSize: number;
}

/** Paper Table 1 (and facebookresearch/DiT models.py): S, B, L, XL. mlp_ratio 4 throughout. */
export const DIT_ARCHITECTURES: Readonly<Record<"S" | "B" | "L" | "XL", DitArchitecture>> = {
  S: { depth: 12, hiddenSize: 384 },
  B: { depth: 12, hiddenSize: 768 },
  L: { depth: 24, hiddenSize: 1024 },
  XL: { depth: 28, hiddenSize: 1152 },
};

/** Patch sizes the paper trains (DiT-XL/2, /4, /8). */
export const DIT_PATCH_SIZES: readonly number[] = [2, 4, 8];

/** The Stable Diffusion VAE the paper uses downsamples an image 8× per side into 4 latent channels. */
export const VAE_DOWNSAMPLING = 8;
export const LATENT_CHANNELS = 4;
/** Learned sigma: the final layer predicts noise and variance, 2 × 4 channels per latent pixel. */
export const OUTPUT_CHANNELS = 2 * LATENT_CHANNELS;
/** Frequency embedding width of the timestep MLP (models.py TimestepEmbedder). */
const TIMESTEP_FREQUENCY_DIM = 256;

export interface DitConfig extends DitArchitecture {
  patchSize: number;
  imageHeight: number;
  imageWidth: number;
}

/** Parses "XL/4", "DiT-XL/4" or "xl/4" into an architecture and patch size. */
export function parseDitName(name: string): DitArchitecture & { patchSize: number; name: string } {
  const m = /^\s*(?:dit[-\s]?)?(s|b|l|xl)\s*\/\s*(\d+)\s*$/i.exec(name);
  const size = m?.[1].toUpperCase() as keyof typeof DIT_ARCHITECTURES | undefined;
  const patchSize = m ? Number(m[2]) : NaN;
  if (!size || !DIT_PATCH_SIZES.includes(patchSize)) {
    throw new ModelError(
      "VALUE",
      `model "${echoInput(name)}" is not a DiT model; use S, B, L or XL with patch 2, 4 or 8, e.g. "XL/4", or give a depth with hidden_size and patch_size`,
    );
  }
  return { ...DIT_ARCHITECTURES[size], patchSize, name: `${size}/${patchSize}` };
}

/** Tokens the transformer sees: latent grid divided into patch × patch squares. */
export function ditTokens(c: Pick<DitConfig, "patchSize" | "imageHeight" | "imageWidth">): number {
  const side = VAE_DOWNSAMPLING * c.patchSize;
  if (c.imageHeight % side !== 0 || c.imageWidth % side !== 0) {
    throw new ModelError(
      "VALUE",
      `image ${c.imageWidth}×${c.imageHeight} is not a multiple of ${side} (VAE downsampling ${VAE_DOWNSAMPLING} × patch ${c.patchSize}) on each side`,
    );
  }
  return (c.imageHeight / side) * (c.imageWidth / side);
}

/**
 * Forward Gflops (multiply-adds ÷ 1e9) of one DiT pass over one image. Per block: attention and MLP
 * projections 12·d²·T, attention scores and weighted sum 2·T²·d, adaLN-Zero modulation 6·d² (computed
 * once per sample). Around the blocks: final adaLN 2·d², timestep MLP 256·d + d², patch embedding
 * T·(4·p²)·d and the final linear layer T·d·(8·p²). Reproduces the paper's Table 4 within 0.6%.
 */
export function ditForwardGflops(c: DitConfig): number {
  const { depth: n, hiddenSize: d, patchSize: p } = c;
  const t = ditTokens(c);
  const blocks = n * (12 * d * d * t + 2 * t * t * d + 6 * d * d);
  const finalModulation = 2 * d * d;
  const timestepMlp = TIMESTEP_FREQUENCY_DIM * d + d * d;
  const patchEmbed = t * LATENT_CHANNELS * p * p * d;
  const finalLinear = t * d * OUTPUT_CHANNELS * p * p;
  return (blocks + finalModulation + timestepMlp + patchEmbed + finalLinear) / 1e9;
}
