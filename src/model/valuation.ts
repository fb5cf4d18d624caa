/** Valuation arithmetic on broker tables. */
import { ModelError } from "./errors";

/**
 * Forward P/E = price ÷ EPS. EPS 0 → #DIV/0!; a negative EPS makes P/E meaningless (#NUM!) unless the
 * analyst asks for the negative ratio; a missing EPS (no forecast) is handled by the caller as #N/A.
 */
export function forwardPe(price: number, eps: number, allowNegative = false): number {
  if (eps === 0) throw new ModelError("DIV0", "EPS is 0: P/E is undefined");
  if (eps < 0 && !allowNegative) {
    throw new ModelError("NUM", `EPS ${eps} is negative: P/E not meaningful (set allow_negative to TRUE to see it)`);
  }
  return price / eps;
}
