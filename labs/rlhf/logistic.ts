// The logistic pieces every Bradley–Terry loss of this lab uses (RM, DPO), written once and
// overflow-free: softplus(x) = log(1 + eˣ) and σ(x) = 1/(1 + e⁻ˣ). −log σ(x) = softplus(−x).

/** log(1 + eˣ) without overflow for large |x| (exact to double precision). */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** σ(x) = 1/(1 + e⁻ˣ). */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
