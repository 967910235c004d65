// What a frozen backbone allows at best: the least-squares linear head on its features, fitted to the
// hidden utility itself (a probe with perfect labels). If even that head ranks responses poorly, no
// amount of preference data can fix the RM without training the backbone. Normal equations, solved by
// Gaussian elimination with partial pivoting; D ≤ 6 here. Leaves out regularisation.
import {InputError} from "../kit/params.js";
import type {Space} from "./dataset.js";
import {spearman} from "./metrics.js";

/** argmin_{w,b} Σ (w·φ(y) + b − target(y))²: returns [w (D), b]. Throws InputError for a singular system. */
export function leastSquaresHead(space: Space, target: Float64Array): Float64Array {
  const D = space.dim;
  const K = D + 1; // weights and bias
  const A = Array.from({length: K}, () => new Float64Array(K + 1)); // (K, K+1) augmented [XᵀX | Xᵀt]
  const row = new Float64Array(K);
  for (let i = 0; i < space.nResponses; i++) {
    for (let d = 0; d < D; d++) row[d] = space.features[i * D + d];
    row[D] = 1;
    for (let a = 0; a < K; a++) {
      for (let b = 0; b < K; b++) A[a][b] += row[a] * row[b];
      A[a][K] += row[a] * target[i];
    }
  }
  for (let c = 0; c < K; c++) {
    let pivot = c;
    for (let r = c + 1; r < K; r++) if (Math.abs(A[r][c]) > Math.abs(A[pivot][c])) pivot = r;
    if (Math.abs(A[pivot][c]) < 1e-12) throw new InputError(`The backbone's features are linearly dependent (column ${c}): no unique least-squares head.`);
    [A[c], A[pivot]] = [A[pivot], A[c]];
    for (let r = 0; r < K; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= K; k++) A[r][k] -= f * A[c][k];
    }
  }
  return Float64Array.from({length: K}, (_, c) => A[c][K] / A[c][c]);
}

/**
 * Spearman's ρ between the hidden utility and the least-squares head fitted to it on this space's
 * features: the best ranking any head on a frozen backbone can give. Fitted values are rounded to
 * 1e-9 first (and so is the utility), so equal values tie instead of being ordered by float noise.
 */
export function frozenHeadCeiling(space: Space): number {
  const w = leastSquaresHead(space, space.utility);
  const D = space.dim;
  const fit = new Float64Array(space.nResponses);
  for (let i = 0; i < fit.length; i++) {
    let acc = w[D];
    for (let d = 0; d < D; d++) acc += w[d] * space.features[i * D + d];
    fit[i] = Math.round(acc * 1e9) / 1e9;
  }
  return spearman(fit, space.utility.map((u) => Math.round(u * 1e9) / 1e9));
}
