// Adam on a flat Float64Array of parameters (Kingma & Ba 2014, arXiv:1412.6980), used by the
// plain-code SFT, PPO and DPO updates. Leaves out weight decay and AMSGrad.
export interface Adam {
  m: Float64Array;
  v: Float64Array;
  t: number;
}
export const adamInit = (n: number): Adam => ({m: new Float64Array(n), v: new Float64Array(n), t: 0});

/** In place: params += lr · m̂/(√v̂ + ε) for an ASCENT direction g (pass −grad to descend). */
export function adamAscend(params: Float64Array, g: Float64Array, s: Adam, lr: number, b1 = 0.9, b2 = 0.999, eps = 1e-8): void {
  s.t += 1;
  const c1 = 1 - b1 ** s.t;
  const c2 = 1 - b2 ** s.t;
  for (let i = 0; i < params.length; i++) {
    s.m[i] = b1 * s.m[i] + (1 - b1) * g[i];
    s.v[i] = b2 * s.v[i] + (1 - b2) * g[i] * g[i];
    params[i] += (lr * (s.m[i] / c1)) / (Math.sqrt(s.v[i] / c2) + eps);
  }
}
