/** Valuation arithmetic on broker tables. */
import { ModelError, ModelFault } from "./errors";

/** Excel shows no message with #DIV/0! or #NUM!, so these carry no per-cell figures: one fault each. */
const ZERO_EPS = new ModelFault("DIV0", "EPS is 0: P/E is undefined");
const NEGATIVE_EPS = new ModelFault("NUM", "EPS is negative: P/E not meaningful (set allow_negative to TRUE to see it)");

/**
 * Forward P/E = price ÷ EPS, or the fault that replaces it: EPS 0 → #DIV/0!; a negative EPS makes P/E
 * meaningless (#NUM!) unless the analyst asks for the negative ratio; a missing EPS (no forecast) is
 * handled by the caller as #N/A. The one home of the rule; AIC.FWD_PE returns the fault per cell.
 */
export function forwardPeOrFault(price: number, eps: number, allowNegative: boolean): number | ModelFault {
  if (eps === 0) return ZERO_EPS;
  if (eps < 0 && !allowNegative) return NEGATIVE_EPS;
  return price / eps;
}

/** Forward P/E, throwing the ModelError of its fault (for callers outside a per-cell loop). */
export function forwardPe(price: number, eps: number, allowNegative = false): number {
  const pe = forwardPeOrFault(price, eps, allowNegative);
  if (typeof pe !== "number") throw new ModelError(pe.code, pe.message);
  return pe;
}
